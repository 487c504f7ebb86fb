import Foundation
import Testing
@testable import ReportSiteCore

/// A link whose anchor, by the anchor rule, names several headings is an error that names them
/// and the exact anchor to write; it never resolves silently to the first.
@Suite("Ambiguous anchors in links")
struct AmbiguousAnchorTests {
    /// Headings at lines 10, 14, 18 and 22: `一、发展目标` and `（一）发展目标` both give `发展目标`
    /// (the second is `发展目标-2` on the page), `二、主要做法` and `三、主要做法` both `主要做法`.
    static let reportR = MarkdownLinkTests.frontMatter + """
        ## 一、发展目标

        导语。

        ### （一）发展目标

        **目标明确**。内容。

        ## 二、主要做法

        做法一。

        ## 三、主要做法

        做法二。

        """

    static func links() throws -> MarkdownLinks {
        var log = DiagnosticLog()
        let loader = ContentLoader(directory: URL(fileURLWithPath: "/nonexistent"), displayPath: "Content")
        let reports = try [("a.md", MarkdownLinkTests.reportA), ("r.md", reportR)].map { name, text in
            let source = try #require(loader.report(named: name, data: Data(text.utf8), log: &log))
            return try #require(ReportStructurer(source: source).structure(log: &log))
        }
        let pages = SitePage.linkablePages(reportSlugs: ["a", "r"], topicKeys: [])
        return MarkdownLinks(reports: reports, slugsOnDisk: ["a", "r"], producedPaths: Set(pages.map(\.outputPath)))
    }

    @Test func theHeadingsHaveTheAnchorsTheTestAssumes() throws {
        var log = DiagnosticLog()
        let loader = ContentLoader(directory: URL(fileURLWithPath: "/nonexistent"), displayPath: "Content")
        let source = try #require(loader.report(named: "r.md", data: Data(Self.reportR.utf8), log: &log))
        let report = try #require(ReportStructurer(source: source).structure(log: &log))
        #expect(report.parts.map(\.heading.anchor) == ["发展目标", "主要做法", "主要做法-2"])
        #expect(report.parts[0].sections.map(\.heading.anchor) == ["发展目标-2"])
    }

    @Test(arguments: [
        ("r.md#（一）发展目标",
         "link `r.md#（一）发展目标` is ambiguous: by the anchor rule `（一）发展目标` is `发展目标`, which 2 headings of reports/r.md share: `一、发展目标` (line 10, `#发展目标`) and `（一）发展目标` (line 14, `#发展目标-2`)",
         "write the exact anchor: `r.md#发展目标-2`; or pin the heading's anchor with `<!-- anchor: name -->` and link to that"),
        ("r.md#三、主要做法",
         "link `r.md#三、主要做法` is ambiguous: by the anchor rule `三、主要做法` is `主要做法`, which 2 headings of reports/r.md share: `二、主要做法` (line 18, `#主要做法`) and `三、主要做法` (line 22, `#主要做法-2`)",
         "write the exact anchor: `r.md#主要做法-2`; or pin the heading's anchor with `<!-- anchor: name -->` and link to that"),
        ("../r/index.html#（四）主要做法",
         "link `../r/index.html#（四）主要做法` is ambiguous: by the anchor rule `（四）主要做法` is `主要做法`, which 2 headings of reports/r.md share: `二、主要做法` (line 18, `#主要做法`) and `三、主要做法` (line 22, `#主要做法-2`)",
         "write the exact anchor of the one you mean, `../r/index.html#主要做法` or `../r/index.html#主要做法-2`; or pin it with `<!-- anchor: name -->` and link to that"),
    ])
    func aLinkThatTheAnchorRuleFindsOnTwoHeadingsIsAnError(written: String, message: String, hint: String) throws {
        guard case .broken(let problem) = try Self.links().resolve(written, from: "a") else {
            Issue.record("`\(written)` was resolved silently")
            return
        }
        #expect(problem.message == message)
        #expect(problem.hint == hint)
    }

    @Test func theExactAnchorsStillResolve() throws {
        let links = try Self.links()
        #expect(links.resolve("r.md#发展目标", from: "a") == .resolved("../../reports/r/index.html#发展目标", warning: nil))
        guard case .resolved(let href, _) = links.resolve("r.md#发展目标-2", from: "a") else {
            Issue.record("the exact anchor did not resolve")
            return
        }
        #expect(href == "../../reports/r/index.html#发展目标-2")
        // An anchor the rule finds on one heading only is no error.
        #expect(links.resolve("a.md#（一）经济实力稳步推进", from: "r") == .resolved("../../reports/a/index.html#经济实力稳步推进", warning: nil))
    }

    @Test func checkFailsAtTheLinksPosition() throws {
        let text = MarkdownLinkTests.reportA + "见[目标](r.md#（一）发展目标)。\n"
        let failure = try #require(try MarkdownLinkTests().check(["a.md": text, "r.md": Self.reportR]).failure)
        let errors = failure.diagnostics.filter { $0.severity == .error }.map { $0.summary.components(separatedBy: "/Content/").last ?? "" }
        #expect(errors == [
            "reports/a.md:21:2: error: link `r.md#（一）发展目标` is ambiguous: by the anchor rule `（一）发展目标` is `发展目标`, which 2 headings of reports/r.md share: `一、发展目标` (line 10, `#发展目标`) and `（一）发展目标` (line 14, `#发展目标-2`)",
        ])
    }

    /// Two explicit anchors that the anchor rule makes one (`ab1`, full-width `ａｂ１`) are an
    /// error at the second: a link to `#ＡＢ１` reached `#ab1` with no diagnostic.
    @Test func explicitAnchorsThatFoldToOneAreRefused() throws {
        let text = BadInputTests.frontMatter + """
            ## 一、主要目标

            <!-- anchor: ab1 -->
            第一段。

            <!-- anchor: ａｂ１ -->
            第二段。

            """
        let (report, log) = try PipeTableTests.structured(text)
        #expect(report == nil)
        #expect(log.all.filter { $0.severity == .error }.map(\.summary) == [
            "Content/reports/r.md:15:14: error: anchor `ａｂ１` is `ab1` by the anchor rule, as is the anchor `ab1` at line 12: a link could not tell them apart",
        ])
    }
}
