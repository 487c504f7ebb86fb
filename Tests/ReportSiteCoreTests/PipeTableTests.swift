import Foundation
import Testing
@testable import ReportSiteCore

/// GFM pipe tables are not rendered (libcmark has no table extension): they get a warning at
/// their header row and give no figure; the text around them is read as before.
@Suite("Pipe tables")
struct PipeTableTests {
    /// Body from line 10 (after the front matter): the table's header row is line 16.
    static let report = BadInputTests.frontMatter + """
        ## 一、主要目标

        ### （一）发展目标

        今年全市经济社会发展的主要预期目标是：地区生产总值增长6%左右。

        | 指标 | 目标 |
        | --- | :---: |
        | 地区生产总值 | 增长6.5% |
        | 城镇新增就业 | 5万人 |

        """

    static func structured(_ text: String) throws -> (Report?, DiagnosticLog) {
        var log = DiagnosticLog()
        let loader = ContentLoader(directory: URL(fileURLWithPath: "/nonexistent"), displayPath: "Content")
        let source = try #require(loader.report(named: "r.md", data: Data(text.utf8), log: &log))
        return (ReportStructurer(source: source).structure(log: &log), log)
    }

    @Test func aPipeTableIsReportedAtItsHeaderRow() throws {
        let (report, log) = try Self.structured(Self.report)
        #expect(report != nil)
        let warnings = log.all.filter { $0.severity == .warning }.map(\.summary)
        #expect(warnings == ["Content/reports/r.md:16:1: warning: pipe tables are not supported; shown as text"])
        #expect(log.all.first?.sourceLine == "| 指标 | 目标 |")
    }

    @Test func aPipeTableGivesNoFigure() throws {
        let (structured, _) = try Self.structured(Self.report)
        let report = try #require(structured)
        let figures = ReportFigures.extract(report, seeds: [])
        let indicators = figures.mentions.map(\.figure.indicator)
        #expect(!indicators.contains { $0.contains("|") || $0.contains("---") }, "\(indicators)")
        #expect(!figures.mentions.contains { $0.figure.value == "6.5" || $0.figure.value == "5" }, "\(figures.mentions.map(\.figure))")
        // The sentence before the table still gives its figure.
        #expect(figures.mentions.contains { $0.figure.value == "6" && $0.figure.indicator.contains("地区生产总值") }, "\(indicators)")
    }

    @Test func textBeforeATableInTheSameParagraphKeepsItsFigures() throws {
        let text = BadInputTests.frontMatter + "## 一、目标\n\n### （一）目标\n\n地区生产总值增长6%左右。\n| 指标 | 目标 |\n|---|---|\n| 地区生产总值 | 增长6.5% |\n"
        let (structured, log) = try Self.structured(text)
        let report = try #require(structured)
        #expect(log.all.filter { $0.severity == .warning }.map(\.summary) == ["Content/reports/r.md:15:1: warning: pipe tables are not supported; shown as text"])
        let values = ReportFigures.extract(report, seeds: []).mentions.compactMap(\.figure.value)
        #expect(values == ["6"], "\(values)")
    }

    @Test(arguments: [
        "地区生产总值增长6%左右，一般公共预算收入增长5%。",
        "收入 | 支出 两项都增长。",
        "- 一项\n- 二项",
        "标题\n---",
    ])
    func ordinaryTextIsNoTable(text: String) throws {
        let (_, log) = try Self.structured(BadInputTests.frontMatter + "## 一、目标\n\n" + text + "\n")
        #expect(!log.all.contains { $0.message.contains("pipe tables") }, "\(log.all.map(\.summary))")
    }

    @Test func aTableInACodeBlockIsNotReported() throws {
        let (report, log) = try Self.structured(BadInputTests.frontMatter + "## 一、目标\n\n```\n| 指标 | 目标 |\n| --- | --- |\n| 地区生产总值 | 增长6.5% |\n```\n")
        #expect(report != nil)
        #expect(!log.all.contains { $0.message.contains("pipe tables") })
    }

    @Test func strictMakesATableAnError() throws {
        try withTemporaryDirectory { temp in
            let content = temp.appendingPathComponent("Content")
            try FileManager.default.createDirectory(at: content.appendingPathComponent("reports"), withIntermediateDirectories: true)
            try "title: 测试\n".write(to: content.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(at: Repository.content.appendingPathComponent("topics.yml"), to: content.appendingPathComponent("topics.yml"))
            try Self.report.write(to: content.appendingPathComponent("reports/r.md"), atomically: true, encoding: .utf8)
            let options = BuildOptions(content: content.path, templates: Repository.templates.path, output: temp.appendingPathComponent("Output").path, dryRun: true, strict: true)
            do {
                _ = try SiteBuilder(options: options).build()
                Issue.record("check --strict passed a pipe table")
            } catch let failure as BuildFailure {
                #expect(failure.diagnostics.contains { $0.severity == .error && $0.summary.hasSuffix("reports/r.md:16:1: error: pipe tables are not supported; shown as text") },
                        "\(failure.diagnostics.map(\.summary))")
            }
        }
    }
}
