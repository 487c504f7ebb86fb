/// Trimming whitespace without Foundation's bridge to `NSString`.
///
/// `trimmingWhitespace()` goes through `NSString` (its UTF-16 copy and a
/// character-set lookup per unit): it was 3 % of a clean build's CPU, called for every
/// passage, table row and figure. These give the same result: the same set of characters
/// (checked against Foundation for every Unicode scalar, `WhitespaceTests`), trimmed by Unicode
/// scalar as Foundation does (a combining mark after a trimmed space stays).
enum Whitespace {
    /// Foundation's `CharacterSet.whitespaces`: general category Zs, U+0009 CHARACTER
    /// TABULATION and U+200B ZERO WIDTH SPACE.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20: return true
        case 0..<0x80: return false
        case 0x200B: return true
        default: return scalar.properties.generalCategory == .spaceSeparator
        }
    }

    /// Foundation's `CharacterSet.whitespacesAndNewlines`: ``isWhitespace(_:)``, U+000A–U+000D,
    /// U+0085 and general categories Zl and Zp.
    static func isWhitespaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20: return true
        case 0..<0x80: return false
        case 0x85, 0x200B: return true
        default:
            switch scalar.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }

    /// `scalars` without its leading and trailing scalars that `isTrimmed` accepts.
    static func trimmed(_ scalars: Substring.UnicodeScalarView, where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isTrimmed(scalars[start]) { scalars.formIndex(after: &start) }
        while start < end {
            let before = scalars.index(before: end)
            guard isTrimmed(scalars[before]) else { break }
            end = before
        }
        return String(Substring(scalars[start..<end]))
    }
}

extension String {
    /// The string without leading and trailing whitespace (``Whitespace/isWhitespace(_:)``):
    /// what `trimmingWhitespace()` returns.
    func trimmingWhitespace() -> String { Whitespace.trimmed(self[...].unicodeScalars, where: Whitespace.isWhitespace) }

    /// The string without leading and trailing whitespace and line breaks
    /// (``Whitespace/isWhitespaceOrNewline(_:)``): what
    /// `trimmingWhitespaceAndNewlines()` returns.
    func trimmingWhitespaceAndNewlines() -> String { Whitespace.trimmed(self[...].unicodeScalars, where: Whitespace.isWhitespaceOrNewline) }
}

extension Substring {
    /// ``String/trimmingWhitespace()`` of the substring.
    func trimmingWhitespace() -> String { Whitespace.trimmed(unicodeScalars, where: Whitespace.isWhitespace) }

    /// ``String/trimmingWhitespaceAndNewlines()`` of the substring.
    func trimmingWhitespaceAndNewlines() -> String { Whitespace.trimmed(unicodeScalars, where: Whitespace.isWhitespaceOrNewline) }
}
