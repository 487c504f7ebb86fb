import Foundation
import Testing
@testable import ReportSiteCore

/// Links written in the Markdown: which forms are supported, what they become, what is reported.
@Suite("Markdown links")
struct MarkdownLinkTests {
    static let frontMatter = BadInputTests.frontMatter

    /// The numbers ``AnchorAllocator`` gives taken anchors are recognised as the pattern
    /// `-([2-9]|[1-9][0-9]+)$` says, and nothing else.
    @Test(arguments: [
        ("各位代表-2", "各位代表"), ("各位代表-9", "各位代表"), ("各位代表-10", "各位代表"), ("a-b-123", "a-b"), ("-2", ""),
        ("各位代表-1", nil), ("各位代表-0", nil), ("各位代表-01", nil), ("各位代表2", nil), ("各位代表-", nil), ("2", nil), ("各位代表-２", nil),
    ] as [(String, String?)])
    func numberedAnchorBase(anchor: String, base: String?) {
        #expect(MarkdownLinks.numberedBase(anchor) == base)
    }

    static let reportA = frontMatter + """
        各位代表：

        ## 一、工作回顾

        ### （一）经济实力稳步推进

        **积极扩大有效投资**。坚持项目建设。

        各位代表！

        各位代表！

        """
    static let reportB = frontMatter + """
        ## 一、今年安排

        ### （二）生态环境持续改善

        **守护蓝天碧水**。空气质量优良。

        """

    /// The two reports, loaded and structured, and a resolver over them.
    static func links() throws -> MarkdownLinks {
        var log = DiagnosticLog()
        let loader = ContentLoader(directory: URL(fileURLWithPath: "/nonexistent"), displayPath: "Content")
        let reports = try [("a.md", reportA), ("b-2024.md", reportB)].map { name, text in
            let source = try #require(loader.report(named: name, data: Data(text.utf8), log: &log))
            return try #require(ReportStructurer(source: source).structure(log: &log))
        }
        #expect(log.errors.isEmpty, "\(log.all)")
        let pages = SitePage.linkablePages(reportSlugs: ["a", "b-2024"], topicKeys: ["ecology"]) + [SitePage.asset(path: "style.css")]
        return MarkdownLinks(reports: reports, slugsOnDisk: ["a", "b-2024", "broken-file"], producedPaths: Set(pages.map(\.outputPath)))
    }

    @Test(arguments: [
        ("b-2024.md", "../../reports/b-2024/index.html"),
        ("./b-2024.md", "../../reports/b-2024/index.html"),
        ("../reports/b-2024.md", "../../reports/b-2024/index.html"),
        ("b-2024.md#守护蓝天碧水", "../../reports/b-2024/index.html#守护蓝天碧水"),
        ("b-2024.md#%E5%AE%88%E6%8A%A4%E8%93%9D%E5%A4%A9%E7%A2%A7%E6%B0%B4", "../../reports/b-2024/index.html#守护蓝天碧水"),
        // The anchor rule of the pages: the heading as written finds its anchor.
        ("b-2024.md#（二）生态环境持续改善", "../../reports/b-2024/index.html#生态环境持续改善"),
        ("#积极扩大有效投资", "#积极扩大有效投资"),
        ("#一、工作回顾", "#工作回顾"),
        ("#main", "#main"),
        ("../b-2024/index.html#守护蓝天碧水", "../../reports/b-2024/index.html#守护蓝天碧水"),
        ("../../topics/ecology/index.html", "../../topics/ecology/index.html"),
        ("../../search/index.html?q=生态", "../../search/index.html?q=生态"),
        ("../../index.html", "../../index.html"),
    ])
    func supportedFormsResolveToTheSitesRelativeURLs(written: String, expected: String) throws {
        #expect(try Self.links().resolve(written, from: "a") == .resolved(expected, warning: nil))
    }

    @Test(arguments: ["https://www.gov.cn/", "http://example.org/x.md", "mailto:someone@example.org", "tel:12345", "//cdn.example.org/x"])
    func linksToOtherSitesAreKeptAsWritten(written: String) throws {
        #expect(try Self.links().resolve(written, from: "a") == .external)
    }

    @Test(arguments: ["javascript:alert(1)", "JavaScript:alert(1)", " java\tscript:alert(1)", "vbscript:msgbox", "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd"])
    func scriptAndDataLinksAreMarkedUnsafe(written: String) throws {
        #expect(try Self.links().resolve(written, from: "a") == .unsafe)
    }

    @Test(arguments: [
        ("c.md", "link `c.md` names no report: there is no reports/c.md"),
        ("b-2O24.md", "link `b-2O24.md` names no report: there is no reports/b-2O24.md"),
        ("b-2024.md#不存在的段落", "link `b-2024.md#不存在的段落` names no anchor `不存在的段落` in reports/b-2024.md"),
        ("#不存在", "link `#不存在` names no anchor `不存在` in reports/a.md"),
        ("../../../etc/passwd.md", "link `../../../etc/passwd.md` names no report"),
        ("../../../../etc/passwd", "link `../../../../etc/passwd` leaves the site"),
        ("/reports/b-2024/index.html", "link `/reports/b-2024/index.html` starts with `/`, which breaks when the site is opened from disk or published under a sub-path"),
        ("../b-2024/", "link `../b-2024/` names a folder: opened from disk, a browser shows no page there"),
        ("../b-2024", "link `../b-2024` names a folder: opened from disk, a browser shows no page there"),
        ("../b-2024/index.html#没有", "link `../b-2024/index.html#没有` names no anchor `没有` in reports/b-2024.md"),
        ("other.html", "link `other.html` names no file of the site (reports/a/other.html)"),
    ])
    func brokenLinksAreReported(written: String, message: String) throws {
        guard case .broken(let problem) = try Self.links().resolve(written, from: "a") else {
            Issue.record("`\(written)` was not reported as broken")
            return
        }
        #expect(problem.message == message)
    }

    /// The hint names the file as the link would have to be written, relative to its report.
    @Test(arguments: [("../b-2024/", "../b-2024/index.html"), ("../b-2024", "../b-2024/index.html"), ("../", "../index.html")])
    func aFolderLinkIsToldTheFileToName(written: String, file: String) throws {
        guard case .broken(let problem) = try Self.links().resolve(written, from: "a") else {
            Issue.record("`\(written)` was not reported as broken")
            return
        }
        #expect(problem.hint == "name the file, `\(file)`, or link to a report as `other-report.md`")
    }

    @Test func aTypoGetsASuggestion() throws {
        guard case .broken(let problem) = try Self.links().resolve("b-2024.md#守护蓝天碧", from: "a") else {
            Issue.record("not broken")
            return
        }
        #expect(problem.hint == "did you mean `#守护蓝天碧水`?")
    }

    @Test func aLinkToAReportThatFailedToLoadIsNotReportedTwice() throws {
        guard case .resolved(_, nil) = try Self.links().resolve("broken-file.md", from: "a") else {
            Issue.record("a link to a report with its own error was reported")
            return
        }
    }

    @Test func aLinkToANumberedAnchorWarnsThatItMayMove() throws {
        guard case .resolved(let href, let warning?) = try Self.links().resolve("#各位代表-2", from: "a") else {
            Issue.record("no warning")
            return
        }
        #expect(href == "#各位代表-2")
        #expect(warning.message.contains("numbered anchor `各位代表-2`: 3 passages open with the same words"))
    }

    @Test func localImagesMustBeFilesOfTheSite() throws {
        let links = try Self.links()
        #expect(links.resolve("../../assets/style.css", from: "a", isImage: true) == .resolved("../../assets/style.css", warning: nil))
        guard case .broken(let problem) = links.resolve("chart.png", from: "a", isImage: true) else {
            Issue.record("a missing image was not reported")
            return
        }
        #expect(problem.message == "image `chart.png` names no file of the site (reports/a/chart.png)")
    }

    // MARK: - In a build

    /// Builds a site of the given reports in memory (`check`), returning its diagnostics.
    func check(_ reports: [String: String], strict: Bool = false) throws -> Result<BuildSummary, BuildFailure> {
        try withTemporaryDirectory { temp in
            let content = temp.appendingPathComponent("Content")
            try FileManager.default.createDirectory(at: content.appendingPathComponent("reports"), withIntermediateDirectories: true)
            try "title: 测试\n".write(to: content.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(at: Repository.content.appendingPathComponent("topics.yml"), to: content.appendingPathComponent("topics.yml"))
            for (name, text) in reports {
                try text.write(to: content.appendingPathComponent("reports/\(name)"), atomically: true, encoding: .utf8)
            }
            let builder = SiteBuilder(options: BuildOptions(
                content: content.path, templates: Repository.templates.path, output: temp.appendingPathComponent("Output").path,
                dryRun: true, strict: strict))
            defer { #expect(!FileManager.default.fileExists(atPath: temp.appendingPathComponent("Output").path), "check wrote the output") }
            do { return .success(try builder.build()) } catch let failure as BuildFailure { return .failure(failure) }
        }
    }

    @Test func brokenLinksFailTheBuildAtTheLinksFileLineAndColumn() throws {
        let text = Self.reportA + "见[上文](#不存在)与[另一份](c.md#x)。\n"
        let failure = try #require(try check(["a.md": text, "b-2024.md": Self.reportB]).failure)
        let errors = failure.diagnostics.filter { $0.severity == .error }.map { $0.summary.components(separatedBy: "/Content/").last ?? "" }
        // Line 21 of the file; columns count characters: 见 is column 1, `[` of the first link column 2.
        #expect(errors == [
            "reports/a.md:21:2: error: link `#不存在` names no anchor `不存在` in reports/a.md",
            "reports/a.md:21:13: error: link `c.md#x` names no report: there is no reports/c.md",
        ])
        #expect(failure.diagnostics.allSatisfy { $0.stage == .link })
    }

    /// One run reports every problem: a misspelt topic in a report does not hide its broken links.
    @Test func anUnknownTopicDoesNotHideTheReportsBrokenLinks() throws {
        let text = Self.reportA + "<!-- topics: +ecolgy -->\n见[另一份](c.md#x)。\n"
        let failure = try #require(try check(["a.md": text, "b-2024.md": Self.reportB]).failure)
        let errors = failure.diagnostics.filter { $0.severity == .error }.map { $0.summary.components(separatedBy: "/Content/").last ?? "" }
        #expect(errors == [
            "reports/a.md:21:14: error: unknown topic `ecolgy` in annotation",
            "reports/a.md:22:2: error: link `c.md#x` names no report: there is no reports/c.md",
        ])
    }

    @Test func linksBetweenReportsAreWrittenAsRelativeURLs() throws {
        try withTemporaryDirectory { temp in
            let content = temp.appendingPathComponent("Content")
            try FileManager.default.createDirectory(at: content.appendingPathComponent("reports"), withIntermediateDirectories: true)
            try "title: 测试\n".write(to: content.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(at: Repository.content.appendingPathComponent("topics.yml"), to: content.appendingPathComponent("topics.yml"))
            try (Self.reportA + "参见[生态](b-2024.md#守护蓝天碧水)。\n").write(to: content.appendingPathComponent("reports/a.md"), atomically: true, encoding: .utf8)
            try Self.reportB.write(to: content.appendingPathComponent("reports/b-2024.md"), atomically: true, encoding: .utf8)
            let output = temp.appendingPathComponent("Output")
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let page = try readText(output.appendingPathComponent("reports/a/index.html"))
            #expect(page.contains(#"<a href="../../reports/b-2024/index.html#守护蓝天碧水">生态</a>"#))
            #expect(brokenLinks(inSite: output).isEmpty)
        }
    }

    @Test func strictTurnsWarningsIntoErrors() throws {
        let text = Self.reportA + "见[链接](javascript:alert(1))。\n"
        let relaxed = try #require(try check(["a.md": text, "b-2024.md": Self.reportB]).success)
        #expect(relaxed.warnings.map(\.message).contains("link to `javascript:alert(1)` is removed: only its text is shown"))
        let strict = try #require(try check(["a.md": text, "b-2024.md": Self.reportB], strict: true).failure)
        #expect(strict.diagnostics.contains { $0.severity == .error && $0.message == "link to `javascript:alert(1)` is removed: only its text is shown" })
    }

    @Test func aReportWithNoTopicIsReported() throws {
        let text = Self.frontMatter + "各位代表：\n\n今天天气很好。\n"
        let summary = try #require(try check(["a.md": text]).success)
        #expect(summary.warnings.map(\.summary).contains { $0.hasSuffix("reports/a.md: warning: no passage of this report has a topic: it appears on no topic page") })
    }
}
