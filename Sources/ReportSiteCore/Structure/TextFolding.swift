import Foundation

/// Character folding shared by anchors, topic matching and search (``SearchTokenizer``, and its
/// twin in `Templates/assets/search-tokenizer.js`), so that the same text always matches, slugs
/// and is found the same way.
///
/// One character in, one character out (indices stay aligned with the original text):
/// full-width ASCII forms (U+FF01–U+FF5E: `％`, `１`, `Ａ`) become their ASCII forms, the
/// ideographic space becomes a space, Kangxi radical code points (U+2F00–U+2FD5, an artifact of
/// PDF text layers; see `shared/docs/domain.md` 1.6) become the ordinary ideographs, and ASCII
/// letters become lower case. Everything else is unchanged.
enum TextFolding {
    /// The folded form of one character (a character of more than one scalar is unchanged).
    static func fold(_ character: Character) -> Character {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first else { return character }
        return Character(fold(scalar))
    }

    /// The folded form of one Unicode scalar: the rule behind ``fold(_:)-(Character)``, for code
    /// that works on scalars (the search tokenizer, whose browser twin works on code points).
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x41...0x5A:
            return Unicode.Scalar(scalar.value + 0x20) ?? scalar
        case 0xFF21...0xFF3A:
            return Unicode.Scalar(scalar.value - 0xFEE0 + 0x20) ?? scalar
        case 0xFF01...0xFF5E:
            return Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar
        case 0x3000:
            return " "
        case 0x2F00...0x2FD5:
            let folded = String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars
            return folded.count == 1 ? folded.first ?? scalar : scalar
        default:
            return scalar
        }
    }

    /// The folded characters of `text`, index for index.
    static func fold(_ text: String) -> [Character] { text.map(fold) }

    /// True for characters of CJK scripts and CJK punctuation, where a line break in the
    /// source means no space (CommonMark soft breaks between two of them are dropped).
    static func isCJK(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x3FFFF: return true
        default: return false
        }
    }
}
