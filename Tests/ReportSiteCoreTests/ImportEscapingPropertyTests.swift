import CommonMark
import Foundation
import Testing
@testable import ReportSiteCore

/// Escape, never rewrite: random text full of what CommonMark reads as markup (list markers
/// with `.` or `)`, full-width punctuation after digits, `#`, `>`, `*`, `_`, `<`, `[`,
/// backslashes, `|`, entities, fences, …), at line starts and mid-line, goes through the
/// Markdown writer and back through the site's own loader (front matter, libcmark, the
/// structure stage) unchanged.
@Suite("Import: escaping property")
struct ImportEscapingPropertyTests {
    /// Pieces that are markup somewhere in CommonMark, or were rewritten once (`3．`).
    static let markup = [
        "1.", "1. ", "2)", "3．", "10．", "1、", "（1）", "(2)", "#", "## ", ">", "> ", "-", "- ", "+", "*", "**", "_", "__", "<", "<b>",
        "<!--", "-->", "[", "]", "](", "![", "\\", "\\*", "|", "| --- |", "`", "```", "~~~", "&", "&amp;", "&#42;", "=", "===", "---",
        "***", ":", "。", "！", "？", "；", "——", "—", "％", "．", "!", "<http://a.b>", "http://x.y", "\u{3000}", "　1.", " ",
    ]
    /// Ordinary text between the pieces.
    static let words = ["增长", "6.5%", "地区生产总值", "3121.4亿元", "铜、铅、锌", "A", "z", "10种", "“两新”"]

    /// One random line: 1 to 8 pieces, markup or words, never all whitespace.
    static func line(_ generator: inout SplitMix64) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...8, using: &generator) {
            text += Bool.random(using: &generator) ? markup.randomElement(using: &generator)! : words.randomElement(using: &generator)!
        }
        return text.trimmingCharacters(in: .whitespaces).isEmpty ? "字" + text : text
    }

    /// The written passage parses back, with libcmark, to one paragraph of the same text, with
    /// and without a bold lead sentence.
    @Test(arguments: 0..<4)
    func writtenPassagesParseBackToTheirText(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        for _ in 0..<500 {
            let text = Self.line(&generator).trimmingCharacters(in: .whitespaces)
            let markdown = MarkdownWriter.passage(prefix: "", lead: nil, rest: text)
            let document = try CommonMarkParser.parse(markdown)
            #expect(document.children.count == 1 && document.children.first?.kind == .paragraph, "\(text) → \(markdown)")
            let parsed = InlineText.plainText(document.children.first?.children ?? [])
            #expect(parsed.filter { !$0.isWhitespace } == text.filter { !$0.isWhitespace }, "\(text) → \(markdown)")

            let lead = "推进" + Self.line(&generator)
            let withLead = MarkdownWriter.passage(prefix: "——", lead: lead, rest: "。" + text)
            let leadDocument = try CommonMarkParser.parse(withLead)
            let leadText = InlineText.plainText(leadDocument.children.first?.children ?? [])
            #expect(leadText.filter { !$0.isWhitespace } == ("——" + lead + "。" + text).filter { !$0.isWhitespace }, "\(withLead)")
        }
    }

    /// Whole reports of random lines (each a paragraph, some as glossary entries) imported with
    /// ``ReportImporter``, whose no-loss check parses the Markdown back as a build does: no
    /// import is refused, and the passages as the site structures them hold the input's text.
    @Test(arguments: 0..<4)
    func importedRandomReportsLoseNoCharacter(seed: UInt64) throws {
        var generator = SplitMix64(seed: 1000 + seed)
        for round in 0..<25 {
            var lines = ["2025年青山市政府工作报告", "——2025年1月10日在青山市第十届人民代表大会第四次会议上", "青山市人民政府市长 张明", "各位代表：", "一、2024年工作回顾"]
            var body: [String] = []
            for _ in 0..<12 { body.append(Self.line(&generator) + "。") }
            body.append("名词解释")
            for number in 1...4 {
                let separator = [".", "．", "、"].randomElement(using: &generator)!
                body.append("\(number)\(separator)\(Self.words.randomElement(using: &generator)!)：\(Self.line(&generator))。")
            }
            lines += body
            let input = lines.joined(separator: "\n") + "\n"
            let result: ImportResult
            do {
                result = try ReportImporter.importData(Data(input.utf8), path: "random-\(seed)-\(round).txt", slug: "random")
            } catch {
                Issue.record("seed \(seed) round \(round): \(error.rendered)\n\(input)")
                continue
            }
            let report = try structured(result.markdown, slug: "random")
            let imported = FidelityCheck.bodySegments(report).map(\.text).joined().filter { !$0.isWhitespace }
            // The body from the salutation on, with the line repairs (they change only spaces here).
            var repairs: [Repair] = []
            var repaired = ""
            for line in lines.dropFirst(3) { repaired += LineRepairs.repairCharacters(SourceParagraph(text: line, line: 1), repairs: &repairs).text }
            #expect(imported == repaired.filter { !$0.isWhitespace }, "seed \(seed) round \(round)\n\(result.markdown)")
        }
    }
}
