import Foundation
import Testing
@testable import ReportSiteCore

/// Hostile content (`Fixtures/golden/hostile`, `Fixtures/invalid/hostile-paths`): no script, no
/// script or data link, no unescaped front matter, and no file outside the output directory.
@Suite("Security")
struct SecurityTests {
    static let hostile = Repository.fixtures.appendingPathComponent("golden/hostile/Content")
    static let hostilePaths = Repository.fixtures.appendingPathComponent("invalid/hostile-paths/Content")

    /// Every `<tag …>` of a page.
    func tags(_ html: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: #"<[A-Za-z][^>]*>"#) else { return [] }
        return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { Range($0.range, in: html).map { String(html[$0]) } }
    }

    @Test func hostileContentBuildsWithNoScriptNoScriptLinkAndNoEventHandler() throws {
        try withTemporaryDirectory { temp in
            let output = temp.appendingPathComponent("Output")
            let summary = try #require(buildSite(content: Self.hostile, templates: Repository.templates, output: output).success)
            // Raw HTML was reported, script links were reported as removed.
            let warnings = summary.warnings.map(\.message)
            #expect(warnings.contains { $0.contains("raw HTML `<script>` is shown as text") })
            #expect(warnings.filter { $0.hasSuffix("is removed: only its text is shown") }.count == 6, "\(warnings)")
            // Only the site's own files, all inside the output folder.
            #expect(listFiles(temp).allSatisfy { $0.hasPrefix("Output/") })
            for path in listFiles(output) where path.hasSuffix(".html") {
                let html = try readText(output.appendingPathComponent(path))
                for tag in tags(html) {
                    let lower = tag.lowercased()
                    // Scripts only by `src`, and only the site's own search scripts.
                    if lower.hasPrefix("<script") {
                        #expect(lower.range(of: #"^<script src="(\.\./)*(assets/search[a-z-]*\.js|search/data/meta\.js)">$"#, options: .regularExpression) != nil, "\(path): \(tag)")
                    }
                    // Attribute names, with the (always double-quoted) values emptied.
                    let names = lower.replacingOccurrences(of: #""[^"]*""#, with: "\"\"", options: .regularExpression)
                    #expect(names.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil, "\(path): event handler in \(tag)")
                    #expect(!lower.hasPrefix("<img") && !lower.hasPrefix("<iframe") && !lower.hasPrefix("<object") && !lower.hasPrefix("<embed"), "\(path): \(tag)")
                }
                let page = HTMLPage(path: path, html: html)
                for url in page.attributeValues("href") + page.attributeValues("src") + page.attributeValues("action") {
                    let folded = url.lowercased().filter { !$0.isWhitespace }
                    let scheme = ["javascript:", "vbscript:", "data:", "file:"].first { folded.hasPrefix($0) }
                    #expect(scheme == nil || url == "data:,", "\(path) links to \(url)")
                }
            }
            // Front matter is printed as text wherever the templates print it.
            let report = try readText(output.appendingPathComponent("reports/hostile-2024/index.html"))
            #expect(report.contains("<h1>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;政府工作报告</h1>"))
            #expect(report.contains("{{chrome.siteTitle}} {{{html}}}"), "a front matter value was read as a template")
            #expect(report.contains("来源：javascript:alert(&#39;source&#39;)</p>"))
        }
    }

    @Test func pathsThatTryToLeaveTheSiteAreErrorsAndNothingIsWritten() throws {
        try withTemporaryDirectory { temp in
            let work = temp.appendingPathComponent("a/b/c")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            try copyTree(Self.hostilePaths, to: work.appendingPathComponent("Content"))
            let before = listFiles(temp)
            let failure = try #require(buildSite(content: work.appendingPathComponent("Content"), templates: Repository.templates, output: work.appendingPathComponent("Output")).failure)
            #expect(failure.diagnostics.filter { $0.severity == .error }.count == 6)
            #expect(listFiles(temp) == before, "the failed build wrote a file")
        }
    }

    @Test(arguments: ["../x", "x/../../y", "a/b", "..", "x\u{0}", "x y"])
    func aSlugThatIsAPathIsRefused(slug: String) {
        #expect(!Slug.isValidReportSlug(slug))
    }
}
