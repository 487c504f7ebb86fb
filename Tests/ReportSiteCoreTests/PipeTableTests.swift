import Foundation
import Testing
@testable import ReportSiteCore

/// GFM pipe tables in a report's Markdown are read by ReportSite itself (libcmark has no table
/// extension): rendered as an HTML table built from the escaped cells, their rows' figures
/// extracted with the first cell as indicator, their text searchable without pipes; a row with
/// the wrong number of cells is a warning at its line.
@Suite("Pipe tables")
struct PipeTableTests {
    /// Body from line 10 (after the front matter): the table's header row is line 16.
    static let report = BadInputTests.frontMatter + """
        ## 一、主要目标

        ### （一）发展目标

        今年全市经济社会发展的主要预期目标是：地区生产总值增长6%左右。

        | 指标 | 2025年目标 |
        | --- | :---: |
        | 地区生产总值增长 | 5%左右 |
        | 城镇新增就业 | 5万人 |
        | <script>alert(1)</script> & 收入\\|支出 | 另行公布 |

        """

    static func structured(_ text: String) throws -> (Report?, DiagnosticLog) {
        var log = DiagnosticLog()
        let loader = ContentLoader(directory: URL(fileURLWithPath: "/nonexistent"), displayPath: "Content")
        let source = try #require(loader.report(named: "r.md", data: Data(text.utf8), log: &log))
        return (ReportStructurer(source: source).structure(log: &log), log)
    }

    static func tablePassage(_ text: String) throws -> Passage {
        let (structured, _) = try structured(text)
        let report = try #require(structured)
        return try #require(report.allPassages.first { $0.table != nil })
    }

    @Test func aPipeTableIsReadFromItsCells() throws {
        let passage = try Self.tablePassage(Self.report)
        let table = try #require(passage.table)
        #expect(table.header == ["指标", "2025年目标"])
        #expect(table.alignments == [.none, .center])
        #expect(table.rows == [["地区生产总值增长", "5%左右"], ["城镇新增就业", "5万人"], ["<script>alert(1)</script> & 收入|支出", "另行公布"]])
        #expect(passage.inlines.isEmpty)
        #expect(passage.text == "指标 2025年目标；地区生产总值增长 5%左右；城镇新增就业 5万人；<script>alert(1)</script> & 收入|支出 另行公布")
    }

    @Test func aPipeTableRendersAsAnHTMLTableWithEscapedCells() throws {
        let html = TableHTML.render(try #require(try Self.tablePassage(Self.report).table))
        #expect(html.hasPrefix("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"表格\"><table class=\"report-table\">"))
        #expect(html.contains("<thead>\n<tr><th scope=\"col\">指标</th><th scope=\"col\" class=\"align-center\">2025年目标</th></tr>\n</thead>"))
        #expect(html.contains("<tr><td>地区生产总值增长</td><td class=\"align-center\">5%左右</td></tr>"))
        #expect(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 收入|支出</td>"))
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<caption"))
    }

    @Test func aBuiltReportPageShowsTheTableUnderThePassageAnchor() throws {
        try withTemporaryDirectory { temp in
            let content = try Self.site(in: temp, report: Self.report)
            let output = temp.appendingPathComponent("Output")
            let options = BuildOptions(content: content.path, templates: Repository.templates.path, output: output.path)
            _ = try SiteBuilder(options: options).build()
            let page = try String(contentsOf: output.appendingPathComponent("reports/r/index.html"), encoding: .utf8)
            let table = try #require(page.range(of: "<table class=\"report-table\">"))
            let passageStart = try #require(page[..<table.lowerBound].range(of: "<div class=\"passage paragraph\" id=\"", options: .backwards))
            #expect(!page[passageStart.upperBound..<table.lowerBound].contains("<p>"), "a table-only passage has no empty paragraph")
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; 收入|支出"))
            #expect(!page.contains("<script>alert"))
            #expect(!page.contains("| --- |"))
            // The search index holds the cells' text, without pipes or the delimiter row.
            let reportFile = output.appendingPathComponent(SitePage.searchData(name: "r/r.js").outputPath)
            let search = try String(contentsOf: reportFile, encoding: .utf8)
            #expect(search.contains("城镇新增就业 5万人"))
            #expect(!search.contains("| ---"))
        }
    }

    @Test func theRowsOfATableGiveFiguresWithTheirFirstCellAsIndicator() throws {
        let (structured, _) = try Self.structured(Self.report)
        let report = try #require(structured)
        let passage = try #require(report.allPassages.firstIndex { $0.table != nil })
        let figures = ReportFigures.extract(report, seeds: []).mentions.filter { $0.passage == passage }.map(\.figure)
        #expect(figures.map(\.display) == ["5%左右", "5万人"], "\(figures)")
        #expect(figures.map(\.indicator) == ["地区生产总值", "城镇新增就业"], "\(figures.map(\.indicator))")
        // The column's header `2025年目标` makes them targets, in a part that is no plan.
        #expect(figures.allSatisfy { $0.kind == .target }, "\(figures.map(\.kind))")
        // Each figure points at its cell in the passage's text.
        let scalars = Array(report.allPassages[passage].text.unicodeScalars)
        #expect(figures.map { String(String.UnicodeScalarView(scalars[$0.range])) } == ["5%左右", "5万人"])
        #expect(!figures.contains { $0.indicator.contains("|") || $0.indicator.contains("---") })
        // The sentence before the table still gives its figure.
        #expect(ReportFigures.extract(report, seeds: []).mentions.contains { $0.figure.value == "6" && $0.figure.indicator.contains("地区生产总值") })
    }

    @Test func aCellThatNamesItsOwnIndicatorKeepsIt() throws {
        let text = BadInputTests.frontMatter + "## 一、2024年工作回顾\n\n| 类别 | 2024年完成 |\n|---|---|\n| 就业 | 城镇新增就业3.2万人 |\n"
        let (structured, _) = try Self.structured(text)
        let figures = ReportFigures.extract(try #require(structured), seeds: []).mentions.map(\.figure)
        #expect(figures.map(\.indicator) == ["城镇新增就业"], "\(figures.map(\.indicator))")
        #expect(figures.map(\.kind) == [.achievement])
    }

    @Test func textBeforeATableInTheSameParagraphStaysText() throws {
        let text = BadInputTests.frontMatter + "## 一、目标\n\n### （一）目标\n\n地区生产总值增长6%左右。\n| 指标 | 目标 |\n|---|---|\n| 地区生产总值 | 增长6.5% |\n"
        let (structured, log) = try Self.structured(text)
        let report = try #require(structured)
        #expect(log.all.filter { $0.severity == .warning }.isEmpty, "\(log.all.map(\.summary))")
        let passage = try #require(report.allPassages.first)
        #expect(InlineText.plainText(passage.inlines) == "地区生产总值增长6%左右。")
        #expect(passage.table?.rows == [["地区生产总值", "增长6.5%"]])
        #expect(passage.text == "地区生产总值增长6%左右。指标 目标；地区生产总值 增长6.5%")
        let values = ReportFigures.extract(report, seeds: []).mentions.compactMap(\.figure.value)
        #expect(values == ["6", "6.5"], "\(values)")
    }

    @Test func aRowWithAnotherNumberOfCellsIsPaddedOrCutWithAWarningAtItsLine() throws {
        let text = BadInputTests.frontMatter + "## 一、目标\n\n| 指标 | 目标 |\n| --- | --- |\n| 地区生产总值 |\n  | 城镇新增就业 | 5万人 | 多余 |\n"
        let (structured, log) = try Self.structured(text)
        let report = try #require(structured)
        let table = try #require(report.allPassages.first?.table)
        #expect(table.rows == [["地区生产总值", ""], ["城镇新增就业", "5万人"]])
        #expect(log.all.map(\.summary) == [
            "Content/reports/r.md:14:1: warning: table row has 1 cell, the header row 2: padded with empty cells",
            "Content/reports/r.md:15:3: warning: table row has 3 cells, the header row 2: the cells after the 2nd are not shown",
        ])
        #expect(log.all.first?.sourceLine == "| 地区生产总值 |")
    }

    @Test func aTableInABlockQuoteOrListItemIsATable() throws {
        for text in ["> | 指标 | 目标 |\n> | --- | --- |\n> | 就业 | 5万人 |\n", "- | 指标 | 目标 |\n  | --- | --- |\n  | 就业 | 5万人 |\n"] {
            let passage = try Self.tablePassage(BadInputTests.frontMatter + "## 一、目标\n\n" + text)
            #expect(passage.table?.rows == [["就业", "5万人"]], "\(text)")
        }
    }

    @Test(arguments: [
        "地区生产总值增长6%左右，一般公共预算收入增长5%。",
        "收入 | 支出 两项都增长。",
        "- 一项\n- 二项",
        "标题\n---",
        "| 指标 | 目标 |\n| --- |\n| 就业 | 5万人 |",
    ])
    func ordinaryTextIsNoTable(text: String) throws {
        let (report, log) = try Self.structured(BadInputTests.frontMatter + "## 一、目标\n\n" + text + "\n")
        #expect(!(report?.allPassages.contains { $0.table != nil } ?? false))
        #expect(!log.all.contains { $0.message.contains("table") }, "\(log.all.map(\.summary))")
    }

    @Test func aTableInACodeBlockIsShownAsCode() throws {
        let (report, log) = try Self.structured(BadInputTests.frontMatter + "## 一、目标\n\n```\n| 指标 | 目标 |\n| --- | --- |\n| 地区生产总值 | 增长6.5% |\n```\n")
        #expect(report?.allPassages.first?.kind == .code)
        #expect(report?.allPassages.first?.table == nil)
        #expect(log.all.isEmpty)
    }

    @Test func strictMakesAMalformedTableAnError() throws {
        try withTemporaryDirectory { temp in
            let malformed = Self.report.replacingOccurrences(of: "| 城镇新增就业 | 5万人 |", with: "| 城镇新增就业 |")
            let content = try Self.site(in: temp, report: malformed)
            let options = BuildOptions(content: content.path, templates: Repository.templates.path, output: temp.appendingPathComponent("Output").path, dryRun: true, strict: true)
            do {
                _ = try SiteBuilder(options: options).build()
                Issue.record("check --strict passed a malformed table")
            } catch let failure as BuildFailure {
                #expect(failure.diagnostics.contains { $0.severity == .error && $0.summary.hasSuffix("reports/r.md:19:1: error: table row has 1 cell, the header row 2: padded with empty cells") },
                        "\(failure.diagnostics.map(\.summary))")
            }
        }
    }

    /// A content directory in `temp` with the site settings, the repository's topics and `report` as `r.md`.
    static func site(in temp: URL, report: String) throws -> URL {
        let content = temp.appendingPathComponent("Content")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("reports"), withIntermediateDirectories: true)
        try "title: 测试\n".write(to: content.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: Repository.content.appendingPathComponent("topics.yml"), to: content.appendingPathComponent("topics.yml"))
        try report.write(to: content.appendingPathComponent("reports/r.md"), atomically: true, encoding: .utf8)
        return content
    }
}
