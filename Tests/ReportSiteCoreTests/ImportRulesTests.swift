import CommonMark
import Foundation
import Testing
@testable import ReportSiteCore

/// The importer's small rules, one table each.
@Suite("Import rules")
struct ImportRulesTests {
    // MARK: - Line repairs

    @Test(arguments: [
        ("地区生产总值跨过 3000 亿元大关", "地区生产总值跨过3000亿元大关", 2),
        ("重点推进 SKP 旗舰店", "重点推进SKP旗舰店", 2),
        ("设施、S29 呼凉高速", "设施、S29呼凉高速", 1),
        ("打通“断头路” 31 条", "打通“断头路”31条", 2),
        ("增长 6.5% 以上", "增长6.5%以上", 2),
        ("确权 and 农村集体产权制度改革", "确权 and 农村集体产权制度改革", 0),
        ("附件2 名词解释", "附件2 名词解释", 0),
        ("\u{3000}\u{3000}现在，我代表", "现在，我代表", 1),
        ("\u{2003}\u{2003}一、2024年工作回顾", "一、2024年工作回顾", 1),
        ("\u{a0}一、2024年工作回顾", "一、2024年工作回顾", 1),
        ("⽂化⼯作", "文化工作", 2),
        ("企业网络。\u{200c}", "企业网络。", 1),
        ("广东省省长 王伟中\u{3000}", "广东省省长 王伟中", 0),
    ])
    func characterRepairsFixOnlyTheArtifacts(input: String, output: String, repairs: Int) {
        var log: [Repair] = []
        let repaired = LineRepairs.repairCharacters(SourceParagraph(text: input, line: 7), repairs: &log)
        #expect(repaired.text == output)
        #expect(log.count == repairs, "\(log)")
        #expect(log.allSatisfy { $0.line == 7 })
    }

    @Test func sentencesSplitByPageBreaksAreJoinedButHeadingsAreNot() {
        let lines = ["四年来，我们聚焦“稳增长”，综合实力稳步提", "高。地区生产总值跨过3000亿元。", "（二）强力抓好六大产业集群",
                     "加快发展。改造背街小巷", "140条;完成火车站。", "附件1", "2025年省十件民生实事", "一、为老年人提供服务。"]
            .enumerated().map { SourceParagraph(text: $0.element, line: $0.offset + 1) }
        var repairs: [Repair] = []
        let joined = LineRepairs.joinSplitSentences(
            lines, breaks: [], isStructural: { StructureRecognizer.isStructural($0, previous: $1) }, repairs: &repairs)
        #expect(joined.map(\.text) == [
            "四年来，我们聚焦“稳增长”，综合实力稳步提高。地区生产总值跨过3000亿元。", "（二）强力抓好六大产业集群",
            "加快发展。改造背街小巷140条;完成火车站。", "附件1", "2025年省十件民生实事", "一、为老年人提供服务。",
        ])
        #expect(joined.map(\.line) == [1, 3, 4, 6, 7, 8])
        #expect(repairs.map(\.kind) == [.pageBreakJoin, .pageBreakJoin])
        #expect(repairs.map(\.line) == [1, 4])
    }

    @Test(arguments: [
        (["a", "", "b", "", "c", ""], ["a", "b", "c"], 3, Repair.Kind.blankLineAfterEveryLine),
        (["a", " ", "b", "\u{3000}", "c"], ["a", "b", "c"], 2, Repair.Kind.spaceOnlyLine),
        (["a", "b", "", "c"], ["a", "b", "c"], 0, Repair.Kind.spaceOnlyLine),
    ])
    func blankLinesAreDroppedAndLoggedWhenTheyAreArtifacts(lines: [String], kept: [String], logged: Int, kind: Repair.Kind) {
        var repairs: [Repair] = []
        let numbered = lines.enumerated().map { SourceParagraph(text: $0.element, line: $0.offset + 1) }
        let result = LineRepairs.dropBlankLines(numbered, repairs: &repairs)
        #expect(result.lines.map(\.text) == kept)
        #expect(repairs.count == logged)
        #expect(repairs.allSatisfy { $0.kind == kind })
    }

    @Test(arguments: [([1, 2, 3, 5, 7, 8], "1-3, 5, 7-8"), ([4], "4"), ([], "")])
    func repairedLinesAreListedAsRanges(numbers: [Int], listed: String) {
        #expect(ImportResult.ranges(numbers) == listed)
    }

    // MARK: - Header

    /// A dateline line as published, and the fields read from it.
    @Test(arguments: [
        ("—2022年2月10日在呼和浩特市第十六届人民代表大会第一次会议上", "2022-02-10", "呼和浩特市第十六届人民代表大会第一次会议", "呼和浩特市", GovernmentLevel.city, nil, nil, true),
        ("——2022年3月5日在第十三届全国人民代表大会第五次会议上", "2022-03-05", "第十三届全国人民代表大会第五次会议", "中国", .national, nil, nil, false),
        ("2025年1月19日在江苏省第十四届人民代表大会第三次会议上省长许昆林作政府工作报告。", "2025-01-19", "江苏省第十四届人民代表大会第三次会议", "江苏省", .province, "省长", "许昆林", true),
        ("2025年1月14日在北京市第十六届人民代表大会第三次会议上北京市市长 殷勇同志作政府工作报告。", "2025-01-14", "北京市第十六届人民代表大会第三次会议", "北京市", .province, "北京市市长", "殷勇", true),
        ("——2025年1月14日自治区人民政府主席王莉霞在内蒙古自治区第十四届人民代表大会第三次会议上的讲话", "2025-01-14", "内蒙古自治区第十四届人民代表大会第三次会议", "内蒙古自治区", .province, "自治区人民政府主席", "王莉霞", true),
        ("----2025年1月15日龚正市长在上海市第十六届人民代表大会第三次会议的政府工作报告", "2025-01-15", "上海市第十六届人民代表大会第三次会议", "上海市", .province, "市长", "龚正", true),
    ] as [(String, String, String, String, GovernmentLevel, String?, String?, Bool)])
    func datelineGivesDateMeetingPlaceAndSpeaker(
        line: String, date: String, meeting: String, place: String, level: GovernmentLevel, title: String?, speaker: String?, verbatim: Bool
    ) {
        let paragraphs = ["政府工作报告", line, "各位代表：", "现在，我代表政府报告工作。"].enumerated().map { SourceParagraph(text: $0.element, line: $0.offset + 1) }
        let (header, body) = HeaderRecognizer.recognize(paragraphs)
        #expect(header.date == date)
        #expect(header.meeting == meeting)
        #expect(header.place == place)
        #expect(header.level == level)
        #expect(header.speakerTitle == title)
        #expect(header.speaker == speaker)
        #expect((header.dateline != nil) == verbatim, "the dateline is kept verbatim only when the composed one differs")
        #expect(body.map(\.text) == ["各位代表：", "现在，我代表政府报告工作。"])
    }

    @Test(arguments: [
        ("呼和浩特市人民政府市长 贺海东", "呼和浩特市人民政府市长", "贺海东"),
        ("国务院总理\u{3000}李克强", "国务院总理", "李克强"),
        ("自治区主席 蓝天立", "自治区主席", "蓝天立"),
    ])
    func speakerLineGivesTitleAndName(line: String, title: String, name: String) {
        let paragraphs = ["政府工作报告", "来源 : 南方日报", line, "各位代表："].enumerated().map { SourceParagraph(text: $0.element, line: $0.offset + 1) }
        let header = HeaderRecognizer.recognize(paragraphs).header
        #expect(header.speakerTitle == title)
        #expect(header.speaker == name)
        #expect(header.source == "南方日报")
        #expect(header.lines.map(\.role) == [.title, .source, .speaker])
    }

    // MARK: - Structure and leads

    @Test(arguments: [
        ("积极扩大有效投资。坚持把项目建设作为“一号工程”。", "积极扩大有效投资"),
        ("一是针对性出台系列稳增长举措，经济总体实现稳定向好。认真落实。", "一是针对性出台系列稳增长举措，经济总体实现稳定向好"),
        ("我们要旗帜鲜明讲政治。坚决拥护。", "我们要旗帜鲜明讲政治"),
        ("打好政策“组合拳”。深入落实。", "打好政策“组合拳”"),
        ("现在，我代表市人民政府向大会报告工作。", nil),
        ("2024年是实施“十四五”规划的关键一年。面对外部压力。", nil),
        ("一年来，主要做了以下工作。", nil),
        ("主要预期目标是：地区生产总值增长7%左右。", nil),
        ("做好新形势下的政府工作，唯有真抓实干，重在改革创新。我们要坚持。", nil),
        ("各位代表！面对新的使命。", nil),
        ("1.医疗卫生方面。为全省重点人群免费开展筛查。", nil),
        ("增长。太短。", nil),
    ] as [(String, String?)])
    func leadSentenceIsInferredFromAShortHeadlineFirstSentence(text: String, lead: String?) {
        #expect(LeadSentenceInference.lead(of: text) == lead)
    }

    @Test func sectionThatOpensAParagraphBecomesHeadingAndPassage() {
        let body = ["一、2021年工作回顾", "（一）经济实力稳步推进。粮食总产量达到35.4亿斤。", "(二) 全力推进创城“强引领”", "积极扩大有效投资。坚持项目建设。",
                    "——经济保持恢复发展。国内生产总值增长。", "加强政府自身建设", "附件2 名词解释", "1.六大优势产业：电子信息等。", "2.EFlops：每秒百亿亿次。"]
            .enumerated().map { SourceParagraph(text: $0.element, line: $0.offset + 1) }
        let blocks = StructureRecognizer.recognize(body, leads: .inference)
        #expect(blocks == [
            .part("一、2021年工作回顾", line: 1),
            .section("（一）经济实力稳步推进", line: 2, openedParagraph: true),
            .passage(prefix: "", lead: nil, leadSource: nil, rest: "粮食总产量达到35.4亿斤。", line: 2),
            .section("(二) 全力推进创城“强引领”", line: 3, openedParagraph: false),
            .passage(prefix: "", lead: "积极扩大有效投资", leadSource: .inferred, rest: "。坚持项目建设。", line: 4),
            .passage(prefix: "——", lead: "经济保持恢复发展", leadSource: .inferred, rest: "。国内生产总值增长。", line: 5),
            .part("加强政府自身建设", line: 6),
            .part("附件2 名词解释", line: 7),
            .glossaryEntry(number: 1, marker: "1.", term: "六大优势产业", definition: "：电子信息等。", line: 8),
            .glossaryEntry(number: 2, marker: "2.", term: "EFlops", definition: "：每秒百亿亿次。", line: 9),
        ])
    }

    // MARK: - Markdown

    /// Text with Markdown-special characters, written as a passage, parses back to the same
    /// plain text (nothing is read as markup).
    @Test(arguments: [
        "使用*号和_下划线_以及`反引号`。", "[链接](http://example.org)不是链接。", "<!-- 注释 -->和<b>标签</b>。",
        "# 不是标题", "> 不是引用", "- 不是列表", "1. 不是列表", "2) 也不是", "&amp; 不是实体", "+ 加号", "=== 等号",
        "~~~ 波浪线", "反斜杠\\和\\*号", "***", "---",
    ])
    func escapedTextRendersLiterally(text: String) throws {
        let markdown = MarkdownWriter.passage(prefix: "", lead: nil, rest: text)
        let document = try CommonMarkParser.parse(markdown)
        let paragraph = try #require(document.children.first)
        #expect(paragraph.kind == .paragraph, "\(markdown) → \(paragraph.kind)")
        #expect(InlineText.plainText(paragraph.children) == text)
    }

    @Test(arguments: [
        ("——", "我们牢记嘱托、忠诚履职，首都功能持续优化提升", "。深入实施北京城市总体规划。"),
        ("", "打好政策“组合拳”", "。深入落实一揽子增量政策。"),
        ("", "全力支持国防和军队现代化建设", "，完善国防动员体系。"),
        ("", "“十四五”规划目标基本实现", "。全面完成。"),
    ])
    func boldLeadParsesAsTheLeadSentenceWithLibcmark(prefix: String, lead: String, rest: String) throws {
        let markdown = MarkdownWriter.passage(prefix: prefix, lead: lead, rest: rest)
        let document = try CommonMarkParser.parse(markdown)
        let paragraph = try #require(document.children.first)
        let expectedLead = lead + (rest.first == "。" ? "。" : "")
        #expect(InlineText.leadSentence(paragraph.children) == expectedLead, "\(markdown)")
        #expect(InlineText.plainText(paragraph.children) == prefix + lead + rest)
    }

    @Test(arguments: [
        ("政府工作报告", "政府工作报告"), ("—2022年2月10日在…上", "—2022年2月10日在…上"), ("----2025年", "\"----2025年\""),
        ("a: b", "\"a: b\""), ("2022", "\"2022\""), ("yes", "\"yes\""), ("引号\"内", "引号\"内"), ("#标签", "\"#标签\""),
    ])
    func frontMatterValuesAreQuotedOnlyWhenYAMLNeedsIt(value: String, written: String) {
        #expect(MarkdownWriter.yamlScalar(value) == written)
    }
}
