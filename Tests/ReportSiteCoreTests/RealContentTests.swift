import Foundation
import Testing
@testable import ReportSiteCore

/// Builds the repository's real `Content/` with the real `Templates/` and checks the site as
/// a reader would use it.
@Suite("Real content, end to end")
struct RealContentTests {
    /// Builds once into a temporary folder and hands the folder and summary to `body`.
    func withRealSite(_ body: (URL, BuildSummary) throws -> Void) throws {
        try withTemporaryDirectory { temp in
            let output = temp.appendingPathComponent("Output")
            let result = buildSite(content: Repository.content, templates: Repository.templates, output: output)
            let summary = try #require(result.success, "build failed: \(result.failure?.description ?? "")")
            try body(output, summary)
        }
    }

    @Test func hohhotReportHasFourPartsAndTwentyFourSections() throws {
        var log = DiagnosticLog()
        let loaded = try #require(ContentLoader(directory: Repository.content, displayPath: "Content").load(log: &log))
        let source = try #require(loaded.reports.first { $0.slug == "hohhot-2022" })
        let report = try #require(ReportStructurer(source: source).structure(log: &log))
        #expect(report.parts.count == 4)
        #expect(report.parts.map(\.sections.count) == [9, 6, 9, 0])
        #expect(report.parts.reduce(0) { $0 + $1.sections.count } == 24)
        #expect(log.errors.isEmpty, "\(log.errors)")
    }

    @Test func everyInternalLinkResolvesToAFileAndAnchor() throws {
        try withRealSite { output, summary in
            // Ten reports: 141 pages (each report's page and figures page, topic pages per topic
            // and report, indicator pages, home, search, 404…), as many as the HTML files written.
            #expect(summary.pageCount == 141)
            #expect(listFiles(output).filter { $0.hasSuffix(".html") }.count == 141)
            let problems = brokenLinks(inSite: output)
            #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
        }
    }

    @Test func nothingIsLoadedFromTheNetwork() throws {
        try withRealSite { output, _ in
            for path in listFiles(output) where path.hasSuffix(".html") {
                let page = HTMLPage(path: path, html: try readText(output.appendingPathComponent(path)))
                for source in page.attributeValues("src") + page.stylesheets {
                    #expect(!source.contains("://") && !source.hasPrefix("//"), "\(path) loads \(source)")
                }
                #expect(!page.html.contains("@import"), "\(path) imports a stylesheet")
            }
            let css = try readText(output.appendingPathComponent("assets/style.css"))
            #expect(!css.contains("url("), "the stylesheet loads a resource")
            // The search script loads only by script tag, from the site's own folder.
            for name in ["search-tokenizer.js", "search-engine.js", "search.js"] {
                let script = try readText(output.appendingPathComponent("assets/\(name)"))
                for forbidden in ["fetch(", "XMLHttpRequest", "import(", "http://", "https://", "WebAssembly", "new Worker"] {
                    #expect(!script.contains(forbidden), "\(name) uses \(forbidden)")
                }
            }
        }
    }

    @Test func everyPageHasASearchBoxThatSendsTheQueryToTheSearchPage() throws {
        try withRealSite { output, _ in
            let pages = listFiles(output).filter { $0.hasSuffix(".html") }
            #expect(pages.contains("search/index.html"))
            for path in pages {
                let page = HTMLPage(path: path, html: try readText(output.appendingPathComponent(path)))
                let box = path == "search/index.html" ? #"<input type="search" id="search-input" name="q""# : #"<input type="search" id="site-search-input" name="q""#
                #expect(page.html.contains(box), "\(path) has no search box")
                #expect(page.html.contains("<noscript>") && page.text.contains("搜索需要启用 JavaScript"), "\(path) does not say that search needs JavaScript")
                let actions = page.attributeValues("action")
                #expect(actions.count == 1, "\(path): \(actions)")
                let target = URL(fileURLWithPath: "/site/" + path).deletingLastPathComponent().appendingPathComponent(actions.first ?? "").standardizedFileURL.path
                #expect(target == "/site/search/index.html", "\(path) sends its query to \(target)")
            }
        }
    }

    @Test func everyTopicPageListsPassagesWhoseLinksResolve() throws {
        try withRealSite { output, _ in
            let topics = try readText(Repository.content.appendingPathComponent("topics.yml"))
            for key in ["ecology", "education", "industry", "innovation", "welfare", "health", "urban", "rural", "business"] {
                #expect(topics.contains("\n  \(key):"), "topics.yml lacks \(key)")
                // The topic's index ranks the reports and links each one's page for the topic.
                let index = HTMLPage(path: "topics/\(key)/index.html", html: try readText(output.appendingPathComponent("topics/\(key)/index.html")))
                let reportPages = index.attributeValues("href").filter { $0.hasPrefix("../../topics/\(key)/") && $0.hasSuffix("/index.html") }
                #expect(!reportPages.isEmpty, "topic \(key) lists no report")
                // Each of those lists the report's passages on the topic, linked, keywords marked.
                var marked = false
                for link in reportPages {
                    let path = String(link.dropFirst("../../".count))
                    let page = HTMLPage(path: path, html: try readText(output.appendingPathComponent(path)))
                    let passageLinks = page.attributeValues("href").filter { $0.hasPrefix("../../../reports/") && $0.contains("#") }
                    #expect(!passageLinks.isEmpty, "\(path) lists no passage")
                    marked = marked || page.html.contains("<mark>")
                }
                #expect(marked, "topic \(key) highlights no keyword")
            }
            #expect(brokenLinks(inSite: output).isEmpty)
        }
    }

    @Test func reportPageContainsEveryChineseCharacterOfTheOriginalInOrder() throws {
        let original = try readText(Repository.fixtures.appendingPathComponent("sources/hohhot-2022.txt"))
        try withRealSite { output, _ in
            let page = HTMLPage(path: "", html: try readText(output.appendingPathComponent("reports/hohhot-2022/index.html")))
            let han = { (text: String) in text.unicodeScalars.filter { $0.properties.isUnifiedIdeograph } }
            let expected = han(original)
            let actual = han(page.text)
            #expect(expected.count > 13_000)
            // Subsequence check: every character of the original, in order.
            var index = actual.startIndex
            var matched = 0
            for scalar in expected {
                guard let found = actual[index...].firstIndex(of: scalar) else { break }
                index = actual.index(after: found)
                matched += 1
            }
            #expect(matched == expected.count, "only the first \(matched) of \(expected.count) characters appear in order; next: \(String(expected.dropFirst(matched).prefix(20)))")
        }
    }

    /// Each of the ten imported reports: every Chinese character of the published text, in
    /// order, on its page. The republication line `来源：…` is left out of the order: the page
    /// prints it at the end, as a colophon.
    @Test func everyImportedReportPageContainsEveryChineseCharacterOfItsSourceInOrder() throws {
        try withRealSite { output, summary in
            #expect(summary.reportCount == 10)
            for report in handCounts {
                let name = report.slug + ".txt"
                let original = try TextDecoder.decode(try Data(contentsOf: sourceURL(name)), path: name).text
                let kept = TextDecoder.lines(original).lines.filter { !$0.hasPrefix("来源") }.joined(separator: "\n")
                let page = HTMLPage(path: "", html: try readText(output.appendingPathComponent("reports/\(report.slug)/index.html")))
                let han = { (text: String) in text.unicodeScalars.filter { $0.properties.isUnifiedIdeograph } }
                let expected = han(kept)
                let actual = han(page.text)
                var index = actual.startIndex
                var matched = 0
                for scalar in expected {
                    guard let found = actual[index...].firstIndex(of: scalar) else { break }
                    index = actual.index(after: found)
                    matched += 1
                }
                #expect(matched == expected.count, "\(report.slug): only \(matched) of \(expected.count) in order; next: \(String(String.UnicodeScalarView(expected.dropFirst(matched).prefix(20))))")
                #expect(page.html.contains(">来源：") == original.contains("来源"), "\(report.slug): the republication line")
            }
        }
    }

    @Test func classificationFollowsTheTopicRules() throws {
        var log = DiagnosticLog()
        let loaded = try #require(ContentLoader(directory: Repository.content, displayPath: "Content").load(log: &log))
        let source = try #require(loaded.reports.first { $0.slug == "hohhot-2022" })
        let structured = try #require(ReportStructurer(source: source).structure(log: &log))
        let report = try #require(Classifier(catalog: loaded.topics).classify(structured, log: &log))
        let passages = report.allPassages
        // 政治生态 is not ecology: the section on political climate is about government.
        let politics = try #require(report.parts[0].sections.first { $0.heading.text.contains("政治生态") })
        #expect(politics.passages.allSatisfy { !$0.topics.contains("ecology") })
        // The section on ecological governance is ecology.
        let ecology = try #require(report.parts[0].sections.first { $0.heading.text.contains("生态治理") })
        #expect(ecology.passages.contains { $0.topics.contains("ecology") })
        // Every passage that mentions 学校 or 教师 is education.
        for passage in passages where passage.text.contains("教师") {
            #expect(passage.topics.contains("education"), "\(passage.anchor)")
        }
        // Each of the nine topics gathers at least one passage of the real report.
        for key in loaded.topics.keys {
            #expect(passages.contains { $0.topics.contains(key) }, "no passage for \(key)")
        }
    }
}
