import CommonMark
import Foundation
import Testing
@testable import ReportSiteCore

/// Report shapes that broke the importer, each in a short text written for the test
/// (`Fixtures/import-shapes/`, not copied from real reports): `一是…` section headings, full-width
/// punctuation after glossary numbers, a source line run on into the dateline, and a header
/// without a dateline (placeholders).
@Suite("Import: report shapes")
struct ImportShapesTests {
    /// A fixture of `Fixtures/import-shapes/`, imported.
    func importShape(_ name: String) throws -> ImportResult {
        let url = Repository.fixtures.appendingPathComponent("import-shapes/" + name)
        do {
            return try ReportImporter.importFile(at: url, path: name, slug: String(name.prefix { $0 != "." }))
        } catch {
            Issue.record("import of \(name) failed: \(error.rendered)")
            throw error
        }
    }

    // MARK: - `一是…` headings

    @Test func standaloneYiShiLinesAreSectionsAndYiShiOpeningAParagraphIsAPassage() throws {
        let result = try importShape("enumerated-headings.txt")
        #expect(result.sections == [3, 3], "the closing `各位代表！…` paragraph is the third section of part 二")
        let report = try structured(result.markdown, slug: "enumerated-headings")
        #expect(report.parts[0].sections.map(\.heading.text) == [
            "一是聚焦扩大内需，着力提振消费", "二是聚焦科技创新，着力培育新动能", "三是聚焦民生改善，着力办好实事",
        ])
        #expect(report.parts[0].sections.map(\.passages.count) == [2, 1, 1])
        #expect(report.parts[0].intro.map(\.text) == ["过去一年，全市经济稳中有进，发展质量稳步提升。"])
        #expect(report.parts[1].sections.map(\.heading.text) == ["（一）全力稳定经济增长", "（二）持续改善民生福祉", "各位代表"])
        // `一是…。` inside a paragraph: the passage's text; `一是…` alone under a `（一）` section: a passage.
        let first = report.parts[1].sections[0].passages.map(\.text)
        #expect(first == ["抓好项目建设。一是抓投资，全年完成固定资产投资增长6%。二是促消费，开展促消费活动100场。", "一是强化要素保障", "这一行在（一）之下，仍是段落。"])
        #expect(result.passages == report.allPassages.count)
    }

    @Test func aSingleYiShiLineWithoutASecondIsNoHeadingAndIsJoinedAcrossAPageBreak() {
        let body = ["一、2024年工作回顾", "一是加快推进重点项目", "建设，完成投资增长6%。", "其他工作稳步推进。"]
            .enumerated().map { SourceParagraph(text: $0.element, line: $0.offset + 1) }
        #expect(StructureRecognizer.enumeratedHeadings(in: body).isEmpty)
        var repairs: [Repair] = []
        let enumerated = StructureRecognizer.enumeratedHeadings(in: body)
        let joined = LineRepairs.joinSplitSentences(
            body, breaks: [], isStructural: { StructureRecognizer.isStructural($0, previous: $1, enumeratedHeadings: enumerated) }, repairs: &repairs)
        #expect(joined.map(\.text) == ["一、2024年工作回顾", "一是加快推进重点项目建设，完成投资增长6%。", "其他工作稳步推进。"])
        let blocks = StructureRecognizer.recognize(joined, leads: .inference)
        #expect(!blocks.contains { if case .section = $0 { return true } else { return false } })
    }

    // MARK: - Full-width punctuation after numbers

    /// `3．10种有色金属：…` was written as the list item `3. **…**`: the `．` became `.`, and the
    /// no-loss check refused the whole import. The marker is now kept as published.
    @Test func glossaryMarkersWithFullWidthPunctuationAreKeptAsPublished() throws {
        let result = try importShape("fullwidth-glossary.txt")
        let report = try structured(result.markdown, slug: "fullwidth-glossary")
        let glossary = try #require(report.parts.last)
        #expect(glossary.heading.text == "名词解释")
        #expect(glossary.intro.map(\.text) == [
            "1．两个中心：指物流中心和数据中心。", "2．3．10种产品：指三大类十种产品。", "3．10种有色金属：铜、铅、锌、铝等十种金属。",
            "12、双千工程：指千企技改、千项创新。",
        ])
        #expect(result.markdown.contains("3．**10种有色金属**：铜"))
    }

    // MARK: - Merged header

    @Test func aSourceLineRunOnIntoTheDatelineGivesSourceDateMeetingAndSpeaker() throws {
        let result = try importShape("merged-header.txt")
        let report = try structured(result.markdown, slug: "merged-header")
        let metadata = report.metadata
        #expect(metadata.source == "青山省人民政府")
        #expect(metadata.date == "2025-01-17")
        #expect(metadata.year == 2025)
        #expect(metadata.meeting == "青山省第十四届人民代表大会第三次会议")
        #expect(metadata.speaker == "李文华")
        #expect(metadata.speakerTitle == "省长")
        #expect(metadata.place == "青山省")
        #expect(metadata.level == .province)
        #expect(metadata.dateline == "2025年1月17日在青山省第十四届人民代表大会第三次会议上省长李文华作政府工作报告。")
        #expect(!result.markdown.contains(ReportMetadata.placeholder))
        #expect(result.warnings.isEmpty, "\(result.warnings)")
    }

    // MARK: - Placeholders

    @Test func fieldsTheTextDoesNotGiveAreWrittenAsPlaceholdersNotInvented() throws {
        let result = try importShape("no-dateline.txt")
        #expect(result.markdown.contains("date: （待填写）\n"))
        #expect(result.markdown.contains("meeting: （待填写）\n"))
        #expect(result.markdown.contains("speaker: （待填写）\n"))
        #expect(result.markdown.contains("year: 2025\n"), "the year comes from the title")
        #expect(!result.markdown.contains("01-01"))
        #expect(result.warnings.count == 3, "\(result.warnings)")
    }

    /// `temp/Content` with a `site.yml`, this repository's `topics.yml` and `reports` (file name →
    /// Markdown).
    func siteContent(in temp: URL, reports: [String: String]) throws -> URL {
        let content = temp.appendingPathComponent("Content")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("reports"), withIntermediateDirectories: true)
        try "title: 测试\n".write(to: content.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: Repository.content.appendingPathComponent("topics.yml"), to: content.appendingPathComponent("topics.yml"))
        for (name, markdown) in reports {
            try markdown.write(to: content.appendingPathComponent("reports/" + name), atomically: true, encoding: .utf8)
        }
        return content
    }

    /// A site with the imported report: the page shows no invented date and no placeholder, the
    /// build warns at each placeholder's file:line:column, and `--strict` fails.
    @Test func placeholdersAreBuildWarningsAtTheirLineAndArePrintedAsNothing() throws {
        let markdown = try importShape("no-dateline.txt").markdown
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        func line(of key: String) -> Int { (lines.firstIndex { $0.hasPrefix(key + ":") } ?? -1) + 1 }
        try withTemporaryDirectory { temp in
            let content = try siteContent(in: temp, reports: ["qingshan-2025.md": markdown])
            let output = temp.appendingPathComponent("Output")
            let summary = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let warnings = summary.warnings.map { $0.summary.replacingOccurrences(of: temp.path + "/", with: "") }
            for key in ["date", "speaker", "meeting"] {
                let expected = "Content/reports/qingshan-2025.md:\(line(of: key)):\(key.count + 3): warning: `\(key)` is still the importer's placeholder `（待填写）`: the page shows nothing for it"
                #expect(warnings.contains(expected), "\(warnings)")
            }
            let page = try readText(output.appendingPathComponent("reports/qingshan-2025/index.html"))
            #expect(!page.contains("待填写"))
            #expect(!page.contains("1月1日"))
            #expect(!page.contains("class=\"dateline\""), "no dateline is known")
            #expect(!page.contains("class=\"speaker\""), "no speaker is known")
            #expect(page.contains("2025 年"))

            var options = BuildOptions(content: content.path, templates: Repository.templates.path, output: temp.appendingPathComponent("Strict").path, dryRun: true, strict: true)
            options.keepsFiles = true
            #expect(throws: BuildFailure.self) { try SiteBuilder(options: options).build() }
            do { _ = try SiteBuilder(options: options).build() } catch let failure as BuildFailure {
                #expect(failure.diagnostics.contains { $0.severity == .error && $0.message.hasPrefix("`date` is still the importer's placeholder") })
            }
        }
    }

    /// A report whose year is the importer's placeholder is listed under 年份未知 (last), never
    /// under a year 0: on the home page, and as `—` on a topic's index.
    @Test func aReportWithoutAYearIsListedAsYearUnknown() throws {
        let imported = try importShape("no-dateline.txt").markdown
        let markdown = imported.replacingOccurrences(of: "\nyear: 2025\n", with: "\nyear: （待填写）\n")
        try #require(markdown != imported)
        try withTemporaryDirectory { temp in
            let hohhot = try readText(Repository.content.appendingPathComponent("reports/hohhot-2022.md"))
            let content = try siteContent(in: temp, reports: ["qingshan.md": markdown, "hohhot-2022.md": hohhot])
            let output = temp.appendingPathComponent("Output")
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let home = try readText(output.appendingPathComponent("index.html"))
            #expect(!home.contains("0年"))
            #expect(home.contains("<h3 id=\"year-unknown-title\">年份未知 <small>1 份</small></h3>"))
            #expect(home.range(of: "year-2022-title")!.lowerBound < home.range(of: "year-unknown-title")!.lowerBound, "unknown year last")
            let ecology = try readText(output.appendingPathComponent("topics/ecology/index.html"))
            #expect(!ecology.contains("0年"))
            // Nor is a year invented in the figures: no `0年`/`-1年` chart, no period 0 or -1, an
            // empty year in reports.csv.
            let figuresPage = try readText(output.appendingPathComponent("reports/qingshan/figures/index.html"))
            for invented in ["0年", "-1年", "<td>0</td>", "<td>-1</td>", ">0 出现最多的词"] { #expect(!figuresPage.contains(invented), "\(invented)") }
            let reports = try readText(output.appendingPathComponent("figures/reports.csv")).components(separatedBy: "\r\n")
            #expect(reports.contains { $0.hasPrefix("qingshan,") && $0.contains(",city,,reports/qingshan/index.html,") }, "\(reports)")
            let rows = try readText(output.appendingPathComponent("reports/qingshan/figures/figures.csv")).components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
            let period = try #require(FigureExport.siteColumns.firstIndex(of: "period"))
            #expect(!rows.isEmpty)
            #expect(rows.allSatisfy { row in let cells = row.components(separatedBy: ","); return cells.count <= period || !["0", "-1"].contains(cells[period]) })
        }
    }

    @Test(arguments: [
        ("2025-01-17", "青山省第十四届人民代表大会第三次会议", "——2025年1月17日在青山省第十四届人民代表大会第三次会议上"),
        ("", "青山省第十四届人民代表大会第三次会议", "——在青山省第十四届人民代表大会第三次会议上"),
        ("2025-01-17", "", "——2025年1月17日"),
        ("", "", ""),
    ])
    func theDatelineShowsWhatIsKnownOnly(date: String, meeting: String, dateline: String) {
        let metadata = ReportMetadata(title: "政府工作报告", place: "", level: .city, year: 0, date: date, speaker: "", meeting: meeting)
        #expect(metadata.dateline == dateline)
        #expect(metadata.speakerLine == "")
        #expect(!metadata.showsSpeakerLine)
        #expect(metadata.fullTitle == "政府工作报告")
        #expect(metadata.placeLine == "市级")
    }

    /// A list line names place and year once each, whatever the title already says.
    @Test(arguments: [
        ("2025年安徽省政府工作报告", "安徽省", 2025, "2025年安徽省政府工作报告"),
        ("2025年广西政府工作报告", "广西壮族自治区", 2025, "2025年广西政府工作报告"),
        ("政府工作报告", "呼和浩特市", 2022, "呼和浩特市2022年政府工作报告"),
        ("2025年政府工作报告", "江苏省", 2025, "江苏省2025年政府工作报告"),
        ("呼和浩特市政府工作报告", "呼和浩特市", 2022, "2022年呼和浩特市政府工作报告"),
        ("政府工作报告", "", 2022, "2022年政府工作报告"),
        ("政府工作报告", "中国", 0, "中国政府工作报告"),
    ])
    func theFullTitleNamesPlaceAndYearOnce(title: String, place: String, year: Int, full: String) {
        let metadata = ReportMetadata(title: title, place: place, level: .city, year: year, date: "", speaker: "", meeting: "")
        #expect(metadata.fullTitle == full)
    }
}

extension ImportShapesTests {
    // MARK: - Numbered items

    /// `1.…方面。` items in a row: an ordered list whose items are passages with their lead
    /// sentence (so each has its own anchor); a decimal `1.5万家`, a lone `1.` and `（1）` items
    /// stay paragraphs.
    @Test func numberedItemsAreAnOrderedListOfPassagesWithAnchors() throws {
        let result = try importShape("numbered-items.txt")
        #expect(result.markdown.contains("1. **医疗卫生方面**。为全市老年人免费接种流感疫苗。新增家庭医生团队50个。\n2. **养老服务方面**。新增养老床位1000张。\n3. **#教育助学方面**。"))
        let report = try structured(result.markdown, slug: "numbered-items")
        let items = report.parts[0].sections[0].passages
        #expect(items.map(\.kind) == [.paragraph, .listItem(marker: "1."), .listItem(marker: "2."), .listItem(marker: "3.")])
        #expect(items.map(\.text) == ["今年将办好以下民生实事：", "医疗卫生方面。为全市老年人免费接种流感疫苗。新增家庭医生团队50个。", "养老服务方面。新增养老床位1000张。", "#教育助学方面。新增学位2万个。"])
        #expect(items.dropFirst().map(\.anchor).prefix(2) == ["医疗卫生方面", "养老服务方面"])
        #expect(report.parts[0].sections[1].passages.map(\.kind) == [.paragraph, .paragraph, .paragraph, .paragraph])
        #expect(report.parts[0].sections[1].passages.map(\.text).first == "1.5万家企业享受减税政策，这是一个小数开头的段落。")
    }
}

extension ImportShapesTests {
    // MARK: - Unheaded closing parts

    /// What follows a part's numbered sections from `各位代表！` on (thanks and problems, national
    /// defence, 港澳台, the closing appeal) is one unnumbered section `各位代表` with its anchor,
    /// not the end of the last numbered section.
    @Test func theClosingAfterTheNumberedSectionsIsItsOwnSection() throws {
        let result = try importShape("closing-parts.txt")
        let report = try structured(result.markdown, slug: "closing-parts")
        #expect(report.parts.map { $0.sections.map(\.heading.text) } == [["（一）经济平稳增长", "（二）民生持续改善", "各位代表"], ["（一）扩大有效投资", "各位代表"]])
        #expect(report.parts.map { $0.sections.map(\.heading.anchor) } == [["经济平稳增长", "民生持续改善", "各位代表-2"], ["扩大有效投资", "各位代表-3"]],
                "the salutation passage `各位代表：` has the anchor `各位代表`")
        #expect(report.parts[0].sections[1].passages.map(\.text) == ["新增就业3万人。"])
        #expect(report.parts[0].sections[2].passages.map(\.text) == ["这些成绩来之不易，我们表示衷心感谢！", "在肯定成绩的同时，我们也清醒看到存在的不足。"])
        #expect(report.parts[1].sections[1].passages.map(\.text) == [
            "我们要全力支持国防和军队建设，巩固军政军民团结。", "我们要深化与港澳台地区的交流合作。", "各位代表！让我们团结奋斗，再创佳绩！",
        ])
    }
}

extension ImportShapesTests {
    // MARK: - Web page copies

    /// A report copied with the web page around it: the navigation is no title, is kept (nothing
    /// is dropped) and each such line is a warning at its input line.
    @Test func webPageNavigationIsKeptWithAWarningAtEachLineAndIsNoTitle() throws {
        let result = try importShape("web-page-copy.txt")
        let report = try structured(result.markdown, slug: "web-page-copy")
        #expect(report.metadata.title == "2025年青山市政府工作报告")
        #expect(result.warnings.map { "\($0.location.line ?? 0)" } == ["1", "2", "4", "14", "15", "16", "17"], "\(result.warnings.map(\.summary))")
        #expect(result.markdown.contains("版权所有"))
    }
}

extension ImportShapesTests {
    // MARK: - A county report delivered in December

    /// A county report (numbered items, a closing appeal) given on 28 December for the next
    /// year: `year` comes from the date, with a warning at the dateline to check it.
    @Test func aReportDeliveredInDecemberWarnsToCheckItsYear() throws {
        let result = try importShape("county-december.txt")
        #expect(result.markdown.contains("year: 2024\n"))
        #expect(result.warnings.map(\.summary) == [
            "county-december.txt:2: warning: `year` 2024 was taken from the date 2024-12-28; a report delivered late in a year is often for the next year",
        ])
        let report = try structured(result.markdown, slug: "county-december")
        #expect(report.parts.map { $0.sections.map(\.heading.text) } == [
            ["（一）县域经济稳中有进", "（二）乡村振兴扎实推进"], ["（一）壮大县域经济", "（二）增进民生福祉", "各位代表"],
        ])
        #expect(report.parts[1].sections[0].passages.map(\.kind) == [.listItem(marker: "1."), .listItem(marker: "2.")])
    }
}
