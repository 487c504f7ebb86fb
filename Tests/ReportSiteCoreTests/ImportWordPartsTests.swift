import Foundation
import Testing
import ZIPFoundation
@testable import ReportSiteCore

/// What a Word file holds besides body paragraphs: nothing of it is dropped silently. Text boxes
/// and notes are imported after their paragraph, each with a warning, and so is what is not
/// imported (pictures, symbol characters, tracked deletions); a table becomes a pipe table.
@Suite("Import: Word tables, text boxes, notes")
struct ImportWordPartsTests {
    static let namespaces = #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture""#

    static func p(_ inner: String) -> String { "<w:p>\(inner)</w:p>" }
    static func r(_ text: String) -> String { "<w:r><w:t>\(text)</w:t></w:r>" }

    /// Paragraphs 1–5 are the header and the part heading; 6 has a footnote, 7 a text box (a
    /// drawing with its VML fallback copy), 8–11 are the cells of a 2 × 2 table, 12 a picture,
    /// 13 a symbol character and a tracked deletion.
    static let document = """
        <?xml version="1.0" encoding="UTF-8"?><w:document \(namespaces)><w:body>
        \(p(r("2025年青山市政府工作报告")))\(p(r("——2025年1月10日在青山市第十届人民代表大会第四次会议上")))\(p(r("青山市人民政府市长 张明")))
        \(p(r("各位代表：")))\(p(r("一、2024年工作回顾")))
        \(p(r("全年新增就业3万人。") + #"<w:r><w:footnoteReference w:id="1"/></w:r>"#))
        \(p(r("重点项目进展顺利。") + #"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>专栏：十大工程。</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>专栏：十大工程。</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#))
        <w:tbl><w:tr><w:tc>\(p(r("指标")))</w:tc><w:tc>\(p(r("目标")))</w:tc></w:tr><w:tr><w:tc>\(p(r("地区生产总值")))</w:tc><w:tc>\(p(r("增长5%左右")))</w:tc></w:tr></w:tbl>
        \(p(r("园区面貌一新。") + "<w:r><w:drawing><pic:pic/></w:drawing></w:r>"))
        \(p(r("服务更加便捷。") + #"<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r><w:del><w:r><w:delText>删去的话。</w:delText></w:r></w:del>"#))
        </w:body></w:document>
        """
    static let footnotes = """
        <?xml version="1.0" encoding="UTF-8"?><w:footnotes \(namespaces)>
        <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
        <w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>含灵活就业。</w:t></w:r></w:p></w:footnote>
        </w:footnotes>
        """

    static func docx(_ files: [String: String]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            let content = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(content.count)) { position, size in
                content.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    @Test func textBoxesAndNotesFollowTheirParagraphATableIsOneParagraphAndEachIsAWarning() throws {
        let data = try Self.docx(["word/document.xml": Self.document, "word/footnotes.xml": Self.footnotes])
        let read = try DocxReader.read(from: data, path: "parts.docx")
        #expect(read.paragraphs.map(\.text).suffix(7) == [
            "全年新增就业3万人。", "含灵活就业。", "重点项目进展顺利。", "专栏：十大工程。", "指标 目标 地区生产总值 增长5%左右", "园区面貌一新。", "服务更加便捷。",
        ])
        #expect(read.paragraphs.map(\.line).suffix(7) == [6, 6, 7, 7, 8, 12, 13])
        #expect(read.paragraphs.compactMap(\.tableRows) == [[["指标", "目标"], ["地区生产总值", "增长5%左右"]]])
        #expect(read.warnings.map(\.summary) == [
            "parts.docx:6: warning: footnote 1 of paragraph 6 is imported as a paragraph after it",
            "parts.docx:7: warning: paragraph 7 holds 1 text-box paragraph(s): imported as paragraphs after it",
            "parts.docx:12: warning: paragraph 12 holds 1 picture(s): not imported (only text is)",
            "parts.docx:13: warning: paragraph 13 holds 1 symbol-font character(s) (w:sym F0FC): not imported",
            "parts.docx:13: warning: paragraph 13 has tracked deletions (5 characters): not imported",
        ])
        let result = try ReportImporter.importData(data, path: "parts.docx", slug: "parts")
        #expect(result.warnings.filter { $0.location.path == "parts.docx" && $0.location.line != nil }.count == 5)
        #expect(result.markdown.contains("\n\n| 指标 | 目标 |\n| --- | --- |\n| 地区生产总值 | 增长5%左右 |\n"), "\(result.markdown)")
        #expect(!result.markdown.contains("删去"))
        #expect(result.markdown.components(separatedBy: "专栏：十大工程。").count == 2, "the text box once, not twice")
    }

    @Test func aNoteTheFileDoesNotHoldIsAWarning() throws {
        let document = Self.document.replacingOccurrences(of: #"w:id="1""#, with: #"w:id="7""#)
        let read = try DocxReader.read(from: try Self.docx(["word/document.xml": document, "word/footnotes.xml": Self.footnotes]), path: "x.docx")
        #expect(read.warnings.first?.summary == "x.docx:6: warning: paragraph 6 refers to footnote 7, which the file does not hold: nothing imported for it")
    }

    /// A table whose cells hold markup characters, two paragraphs, a line break, an empty cell
    /// and a nested table, after the header and a part heading.
    static let tableDocument = """
        <?xml version="1.0" encoding="UTF-8"?><w:document \(namespaces)><w:body>
        \(p(r("2025年青山市政府工作报告")))\(p(r("——2025年1月10日在青山市第十届人民代表大会第四次会议上")))\(p(r("青山市人民政府市长 张明")))
        \(p(r("各位代表：")))\(p(r("一、2025年主要目标")))
        \(p(r("今年主要预期目标如下。")))
        <w:tbl><w:tr><w:tc>\(p(r("指标")))</w:tc><w:tc>\(p(r("2025年目标")))</w:tc></w:tr>
        <w:tr><w:tc>\(p(r("地区生产总值增长")))</w:tc><w:tc>\(p(r("5%左右")))</w:tc></w:tr>
        <w:tr><w:tc>\(p(r("收入|支出 *预算* &lt;草案&gt; &amp; [注]")))</w:tc><w:tc>\(p(r("第一行")))\(p("<w:r><w:t>第二</w:t><w:br/><w:t>行</w:t></w:r>"))</w:tc></w:tr>
        <w:tr><w:tc>\(p(""))</w:tc><w:tc><w:tbl><w:tr><w:tc>\(p(r("内表")))</w:tc></w:tr></w:tbl>\(p(r("外格")))</w:tc></w:tr></w:tbl>
        \(p(r("全市上下要共同努力。")))
        </w:body></w:document>
        """

    @Test func aWordTableBecomesAPipeTableThatReadsBackCellForCell() throws {
        let data = try Self.docx(["word/document.xml": Self.tableDocument])
        let result = try ReportImporter.importData(data, path: "table.docx", slug: "table")
        #expect(!result.warnings.contains { $0.message.contains("table") }, "\(result.warnings.map(\.summary))")
        #expect(result.markdown.contains("""
            今年主要预期目标如下。

            | 指标 | 2025年目标 |
            | --- | --- |
            | 地区生产总值增长 | 5%左右 |
            | 收入\\|支出 \\*预算\\* \\<草案\\> \\& \\[注\\] | 第一行 第二 行 |
            |  | 内表 外格 |

            全市上下要共同努力。
            """), "\(result.markdown)")
        // Read back as the site reads it: one passage with the table, every character kept.
        var log = DiagnosticLog()
        let loader = ContentLoader(directory: URL(fileURLWithPath: "/nonexistent"), displayPath: "Content")
        let source = try #require(loader.report(named: "table.md", data: Data(result.markdown.utf8), log: &log))
        let report = try #require(ReportStructurer(source: source).structure(log: &log))
        let table = try #require(report.allPassages.compactMap(\.table).first)
        #expect(table.rows == [["地区生产总值增长", "5%左右"], ["收入|支出 *预算* <草案> & [注]", "第一行 第二 行"], ["", "内表 外格"]])
        #expect(log.all.isEmpty, "\(log.all.map(\.summary))")
        let figures = ReportFigures.extract(report, seeds: []).mentions.map(\.figure)
        #expect(figures.contains { $0.indicator == "地区生产总值" && $0.display == "5%左右" && $0.kind == .target }, "\(figures)")
    }

    /// A table between the title and the salutation stays a table of the body.
    @Test func aTableBeforeTheSalutationIsNoHeaderLine() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?><w:document \(Self.namespaces)><w:body>
            \(Self.p(Self.r("2025年青山市政府工作报告")))<w:tbl><w:tr><w:tc>\(Self.p(Self.r("附表")))</w:tc><w:tc>\(Self.p(Self.r("目标")))</w:tc></w:tr></w:tbl>
            \(Self.p(Self.r("各位代表：")))\(Self.p(Self.r("一、2025年主要目标")))\(Self.p(Self.r("今年主要预期目标如下。")))
            </w:body></w:document>
            """
        let result = try ReportImporter.importData(try Self.docx(["word/document.xml": xml]), path: "early.docx", slug: "early")
        #expect(result.markdown.contains("| 附表 | 目标 |\n| --- | --- |"), "\(result.markdown)")
    }

    /// A table is a block of its own: never the next numbered item, nor the title of an appendix.
    @Test func aTableIsNeverANumberedItemOrAnAppendixTitle() throws {
        let table = "<w:tbl><w:tr><w:tc>\(Self.p(Self.r("3.其他")))</w:tc><w:tc>\(Self.p(Self.r("指标")))</w:tc></w:tr></w:tbl>"
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?><w:document \(Self.namespaces)><w:body>
            \(Self.p(Self.r("2025年青山市政府工作报告")))\(Self.p(Self.r("各位代表：")))\(Self.p(Self.r("一、2024年工作回顾")))
            \(Self.p(Self.r("（一）民生事业")))\(Self.p(Self.r("1.医疗卫生方面。新建医院2所。")))\(Self.p(Self.r("2.教育方面。新建学校3所。")))\(table)
            \(Self.p(Self.r("附件")))\(table)
            </w:body></w:document>
            """
        let result = try ReportImporter.importData(try Self.docx(["word/document.xml": xml]), path: "items.docx", slug: "items")
        #expect(result.markdown.contains("2. **教育方面**。新建学校3所。\n\n| 3.其他 | 指标 |\n| --- | --- |\n\n## 附件\n\n| 3.其他 | 指标 |"), "\(result.markdown)")
    }
}
