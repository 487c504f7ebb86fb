import Foundation
import Testing
@testable import ReportSiteCore

@Suite("Importing text in other encodings and line ends")
struct ImportEncodingTests {
    /// One way of saving the same text.
    struct Variant: Sendable, CustomStringConvertible {
        let name: String
        let encoding: String.Encoding
        let byteOrderMark: [UInt8]
        let lineEnd: String
        var description: String { name }
    }

    static let variants: [Variant] = [
        Variant(name: "UTF-8 with BOM, CRLF", encoding: .utf8, byteOrderMark: [0xEF, 0xBB, 0xBF], lineEnd: "\r\n"),
        Variant(name: "UTF-16LE with BOM, CRLF", encoding: .utf16LittleEndian, byteOrderMark: [0xFF, 0xFE], lineEnd: "\r\n"),
        Variant(name: "UTF-16BE with BOM, LF", encoding: .utf16BigEndian, byteOrderMark: [0xFE, 0xFF], lineEnd: "\n"),
        Variant(name: "GB18030, CRLF", encoding: TextDecoder.gb18030, byteOrderMark: [], lineEnd: "\r\n"),
        Variant(name: "GB18030, CR", encoding: TextDecoder.gb18030, byteOrderMark: [], lineEnd: "\r"),
        Variant(name: "UTF-8, LF", encoding: .utf8, byteOrderMark: [], lineEnd: "\n"),
    ]

    /// The Hohhot report, re-saved at run time in each variant, imports to the same Markdown as
    /// the original file.
    @Test(arguments: variants)
    func sameReportInAnotherEncodingImportsIdentically(variant: Variant) throws {
        let original = try readText(sourceURL("hohhot-2022.txt"))
        let reference = try importFixture("hohhot-2022.txt", slug: "hohhot-2022")
        let text = TextDecoder.lines(original).lines.joined(separator: variant.lineEnd) + variant.lineEnd
        let body = try #require(text.data(using: variant.encoding), "cannot encode as \(variant.name)")
        let data = Data(variant.byteOrderMark) + body
        let result = try ReportImporter.importData(data, path: "hohhot-2022.txt", slug: "hohhot-2022")
        #expect(result.markdown == reference.markdown)
        #expect(result.format.contains(variant.name.hasPrefix("GB") ? "GB18030" : variant.name.components(separatedBy: ",")[0]))
    }

    @Test func gb18030DecodesFourByteSequencesAndRejectsInvalidBytes() throws {
        // 㐀 (U+3400) and 𠀀 (U+20000) are four-byte sequences in GB18030.
        let sample = "㐀𠀀政府工作报告％"
        let data = try #require(sample.data(using: TextDecoder.gb18030))
        #expect(try TextDecoder.decode(data, path: "x.txt") == TextDecoder.Decoded(text: sample, encoding: "GB18030"))
        #expect(String(data: Data([0x81, 0x20]), encoding: TextDecoder.gb18030) == nil)
    }

    @Test(arguments: [
        ("a\nb\n", ["a", "b"], "LF"), ("a\r\nb\r\n", ["a", "b"], "CRLF"), ("a\rb", ["a", "b"], "CR"),
        ("a\r\n\r\nb", ["a", "", "b"], "CRLF"), ("a\nb\r\nc", ["a", "b", "c"], "LF+CRLF"), ("", [], "none"),
    ])
    func linesSplitAtAnyLineEnd(text: String, lines: [String], ends: String) {
        let split = TextDecoder.lines(text)
        #expect(split.lines == lines)
        #expect(split.lineEnds == ends)
    }
}
