/// One token of searchable text: a term and the position of the unit it starts at.
public struct SearchToken: Sendable, Equatable, Hashable {
    /// The folded term: one or two Han characters, or a lower-cased word or number (`6.5%`, `pm2.5`).
    public var term: String
    /// Position in units: every Han character, word, number and punctuation mark counts one;
    /// white space and invisible format characters count nothing.
    public var position: Int

    public init(_ term: String, _ position: Int) {
        self.term = term
        self.position = position
    }
}

/// The search tokenizer: text in, terms with positions out. It runs at build time over every
/// passage and heading (``Mode/index``) and, as its twin `tokenize` in
/// `Templates/assets/search-tokenizer.js`, in the browser over the query (``Mode/query``) and
/// over passages (to highlight matches). Both are tested against the same cases,
/// `Tests/ReportSiteCoreTests/Fixtures/tokenizer-cases.json`; change them together.
///
/// The text is read as Unicode scalars (the browser reads code points), each folded with
/// ``TextFolding`` first: full-width forms to ASCII (`６．５％` → `6.5%`), Kangxi radicals to
/// ideographs, ASCII letters to lower case. Then:
///
/// - **Han characters** (CJK unified and compatibility ideographs, `〇`): each one is a term,
///   and so is each pair of neighbours (overlapping bigrams), at the first one's position.
///   White space between two Han characters does not separate them (copies from PDF insert
///   spaces); punctuation does. `生态环境` → 生 生态 态 态环 环 环境 境.
/// - **Words and numbers**: a run of other letters, marks and digits is one term (`pm2`, `5g`,
///   `gdp`); a `.` between two ASCII digits stays inside (`3121.4`, `pm2.5`), and a `%` or `‰`
///   right after a digit ends the term (`6.5%`). A number with a percent sign is also indexed
///   without it, at the same position, so that the query `6.5` finds `6.5%`; `16.5%` is never
///   found by `6.5` (numbers are kept whole).
/// - **Punctuation and symbols** make no term but take one position, so a phrase does not
///   match across them.
///
/// In ``Mode/query`` a Han run of two or more characters gives only its bigrams (they cover
/// it, and are far more selective than single characters), a lone Han character gives itself,
/// and a percentage gives only its whole form.
public enum SearchTokenizer {
    public enum Mode: String, Sendable, CaseIterable {
        /// Every term: what the index stores for a passage.
        case index
        /// The terms a query needs: what the browser looks up.
        case query
    }

    /// The tokens of `text`, in order of position (at one position: the single character
    /// before the bigram, the whole percentage before the bare number).
    public static func tokenize(_ text: String, mode: Mode = .index) -> [SearchToken] {
        let scalars = text.unicodeScalars.map(TextFolding.fold)
        var tokens: [SearchToken] = []
        var position = 0
        var index = 0
        /// The next scalar after `index` that is not ignorable, if it is Han.
        func nextHan(after index: Int) -> Unicode.Scalar? {
            var next = index + 1
            while next < scalars.count, isIgnorable(scalars[next]) { next += 1 }
            return next < scalars.count && isHan(scalars[next]) ? scalars[next] : nil
        }
        var previousWasHan = false
        while index < scalars.count {
            let scalar = scalars[index]
            if isIgnorable(scalar) {
                index += 1
                continue
            }
            if isHan(scalar) {
                let next = nextHan(after: index)
                switch mode {
                case .index:
                    tokens.append(SearchToken(String(scalar), position))
                    if let next { tokens.append(SearchToken(String(scalar) + String(next), position)) }
                case .query:
                    if let next {
                        tokens.append(SearchToken(String(scalar) + String(next), position))
                    } else if !previousWasHan {
                        tokens.append(SearchToken(String(scalar), position))
                    }
                }
                previousWasHan = true
                position += 1
                index += 1
                continue
            }
            previousWasHan = false
            if isWordScalar(scalar) {
                var word = String.UnicodeScalarView()
                var end = index
                while end < scalars.count {
                    let current = scalars[end]
                    if isWordScalar(current) {
                        word.append(current)
                    } else if current == ".", let last = word.last, isDigit(last), end + 1 < scalars.count, isDigit(scalars[end + 1]) {
                        word.append(current)
                    } else {
                        break
                    }
                    end += 1
                }
                let bare = String(word)
                if let last = word.last, isDigit(last), end < scalars.count, isPercentSign(scalars[end]) {
                    tokens.append(SearchToken(bare + String(scalars[end]), position))
                    if mode == .index { tokens.append(SearchToken(bare, position)) }
                    end += 1
                } else {
                    tokens.append(SearchToken(bare, position))
                }
                position += 1
                index = end
                continue
            }
            // Punctuation, symbols, anything else: a separator that takes a position.
            position += 1
            index += 1
        }
        return tokens
    }

    /// How many positions a term covers: 2 for a Han bigram, else 1.
    public static func width(of term: String) -> Int {
        let scalars = term.unicodeScalars
        return scalars.count == 2 && scalars.allSatisfy(isHan) ? 2 : 1
    }

    // MARK: - Character classes (mirrored in search-tokenizer.js)

    /// Han ideographs: CJK unified ideographs and extensions A–H, compatibility ideographs,
    /// `々` and `〇`.
    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3005, 0x3007, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x323AF: return true
        default: return false
        }
    }

    /// Letters, marks and numbers that are not Han: the stuff of words and numbers.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if isHan(scalar) { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// White space and invisible format characters (zero-width space, byte-order mark): they
    /// separate words but take no position and do not split Han runs.
    static func isIgnorable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.properties.generalCategory == .format
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    static func isPercentSign(_ scalar: Unicode.Scalar) -> Bool { scalar == "%" || scalar == "‰" }
}
