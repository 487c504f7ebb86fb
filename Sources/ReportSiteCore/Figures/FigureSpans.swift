/// The stretches of a text that make up one figure and must never be cut apart when the text is
/// shortened (``ExcerptCut``): `增长12.5%`, `欠款10.65亿元` (from the number), `100.2万亩`,
/// `提升至28.1%`, `第46位`, `2021年`, `三分之一`, `十四五`.
///
/// A figure is a number (ASCII digits with decimal points or thousands commas between digits,
/// and a trailing `%` or `‰`; or a run of at least two Chinese numerals), extended after it by
/// `多`/`余`, a scale (``FigureLexicon/scales``) and a unit (``FigureLexicon/units`` or a date
/// word), and before it by `第`, `至`/`到` and a verb of change or a modifier
/// (``FigureLexicon/changeVerbs``, ``FigureLexicon/prefixModifiers``).
enum FigureSpans {
    /// The figures of `folded` (text folded with ``TextFolding``), as ranges of character offsets,
    /// in order and not overlapping.
    static func spans(in folded: [Character]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var index = 0
        while index < folded.count {
            guard let core = number(in: folded, at: index) else { index += 1; continue }
            var upper = suffixEnd(in: folded, after: core)
            // A range or a fraction (3—5家, 6.5%—7%, 10至20亿元, 1/3) is one figure: both
            // numbers with what follows each.
            while let connector = rangeConnectorEnd(in: folded, at: upper), let next = number(in: folded, at: connector) {
                upper = suffixEnd(in: folded, after: next)
            }
            var lower = index
            lower = skipBack(ordinalsAndLevels, in: folded, before: lower)
            lower = skipBack(lead, in: folded, before: lower)
            lower = max(lower, spans.last?.upperBound ?? 0)
            spans.append(lower..<upper)
            index = upper
        }
        return spans
    }

    /// The words that may follow a number in a figure: ``FigureLexicon/units``, then date and
    /// ordinal words (`2021年`, `第3季度`). `search.js` holds the same list (`FIGURE_UNITS`).
    static let unitWords: [String] = FigureLexicon.units + ["周年", "年度", "季度", "年", "月", "日", "号", "届", "期"]
        + ["毫米", "厘米", "平方千米", "港元", "兆瓦", "吉瓦", "千伏", "方"]

    /// What joins the two numbers of a range or a fraction: dashes, tildes, 至, 到, a slash.
    static let rangeConnectors: [String] = ["——", "—", "–", "-", "～", "~", "至", "到", "/"]
    /// The words before a number that belong to its figure: verbs of change and modifiers
    /// (``FigureLexicon/changeVerbs``, ``FigureLexicon/prefixModifiers``), `达到`, `达`.
    /// `search.js` holds the same list (`FIGURE_LEADS`).
    static let leadWords: [String] = FigureLexicon.changeVerbs + FigureLexicon.prefixModifiers.map(\.word) + ["达到", "达"]

    // MARK: - Private

    private static let chineseNumerals: Set<Character> = ["〇", "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "两"]
    /// Words of each kind, as characters, longest first (so `个百分点` wins over `个`).
    private static func longestFirst(_ words: [String]) -> [[Character]] {
        words.map(Array.init).sorted { $0.count > $1.count }
    }
    private static let approximations = longestFirst(["多", "余", "几"])
    private static let scales = longestFirst(FigureLexicon.scales.map(\.word))
    private static let units = longestFirst(unitWords)
    private static let ordinalsAndLevels = longestFirst(["第", "至", "到"])
    private static let lead = longestFirst(leadWords)

    /// The end of the number starting at `index`, or nil when none starts there.
    private static func number(in text: [Character], at index: Int) -> Int? {
        let character = text[index]
        if character.isASCII && character.isNumber {
            var end = index + 1
            while end < text.count {
                if text[end].isASCII && text[end].isNumber { end += 1; continue }
                if (text[end] == "." || text[end] == ","), end + 1 < text.count, text[end + 1].isASCII && text[end + 1].isNumber { end += 2; continue }
                break
            }
            if end < text.count, text[end] == "%" || text[end] == "‰" { end += 1 }
            return end
        }
        guard chineseNumerals.contains(character) else { return nil }
        var end = index
        while end < text.count {
            if chineseNumerals.contains(text[end]) { end += 1; continue }
            if end + 2 < text.count, text[end] == "分", text[end + 1] == "之", chineseNumerals.contains(text[end + 2]) { end += 3; continue }
            break
        }
        return end - index >= 2 ? end : nil
    }

    /// `index` moved past the longest of `words` that starts there.
    /// The end of a number's approximation, scale and unit words after `index`.
    private static func suffixEnd(in text: [Character], after index: Int) -> Int {
        var upper = index
        upper = skip(approximations, in: text, at: upper)
        upper = skip(scales, in: text, at: upper)
        upper = skip(approximations, in: text, at: upper)
        return skip(units, in: text, at: upper)
    }

    /// The end of a range connector at `index`, or `nil` when there is none.
    private static func rangeConnectorEnd(in text: [Character], at index: Int) -> Int? {
        let end = skip(connectors, in: text, at: index)
        return end > index && end < text.count ? end : nil
    }

    private static let connectors = longestFirst(rangeConnectors)

    private static func skip(_ words: [[Character]], in text: [Character], at index: Int) -> Int {
        for characters in words {
            if index + characters.count <= text.count, Array(text[index..<(index + characters.count)]) == characters {
                return index + characters.count
            }
        }
        return index
    }

    /// `index` moved back over the longest of `words` that ends there.
    private static func skipBack(_ words: [[Character]], in text: [Character], before index: Int) -> Int {
        for characters in words {
            if index - characters.count >= 0, Array(text[(index - characters.count)..<index]) == characters {
                return index - characters.count
            }
        }
        return index
    }
}
