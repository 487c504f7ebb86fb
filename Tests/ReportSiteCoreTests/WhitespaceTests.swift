import Foundation
import Testing
@testable import ReportSiteCore

/// `Whitespace` stands in for Foundation's `trimmingCharacters(in: .whitespaces)` and
/// `(in: .whitespacesAndNewlines)`: the same characters and the same results.
@Suite("Whitespace")
struct WhitespaceTests {
    /// Every Unicode scalar is whitespace exactly when Foundation's character set holds it.
    @Test func theSetsAreFoundationsForEveryScalar() {
        var differ: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if Whitespace.isWhitespace(scalar) != CharacterSet.whitespaces.contains(scalar) { differ.append("whitespaces U+\(String(value, radix: 16))") }
            if Whitespace.isWhitespaceOrNewline(scalar) != CharacterSet.whitespacesAndNewlines.contains(scalar) {
                differ.append("whitespacesAndNewlines U+\(String(value, radix: 16))")
            }
        }
        #expect(differ.isEmpty, "\(differ.prefix(20))")
    }

    @Test(arguments: [
        "", " ", "\t", "  a  ", "\u{3000}政府工作报告\u{3000}", "\u{a0}a b\u{2003}", " \u{301}a ", "a\u{301} ",
        "\n a \r\n", "\u{200b}x\u{200b}", "\u{2028}段落\u{2029}", " 一、 ", "\u{85}x\u{85}", "a\tb",
    ])
    func trimsAsFoundationDoes(text: String) {
        #expect(Array(text.trimmingWhitespace().unicodeScalars) == Array(text.trimmingCharacters(in: .whitespaces).unicodeScalars))
        #expect(Array(text.trimmingWhitespaceAndNewlines().unicodeScalars) == Array(text.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars))
        let sub = ("<" + text + ">").dropFirst().dropLast()
        #expect(Array(sub.trimmingWhitespace().unicodeScalars) == Array(sub.trimmingCharacters(in: .whitespaces).unicodeScalars))
        #expect(Array(sub.trimmingWhitespaceAndNewlines().unicodeScalars) == Array(sub.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars))
    }
}
