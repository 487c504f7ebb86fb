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
    static func spans(in folded: [Character]) -> [Range<Int>] { spans(inCodes: folded.map(code)) }

    /// The figures of a folded text given as one ``code(_:)`` per character: the same ranges as
    /// ``spans(in:)``, without comparing `Character`s (which, for two different CJK characters,
    /// costs a Unicode normalisation each time: a tenth of a build's time before).
    static func spans(inCodes folded: [UInt32]) -> [Range<Int>] {
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
            lower = ordinalsAndLevels.skipBack(in: folded, before: lower)
            lower = lead.skipBack(in: folded, before: lower)
            lower = max(lower, spans.last?.upperBound ?? 0)
            spans.append(lower..<upper)
            index = upper
        }
        return spans
    }

    /// One character as a number that equal characters share: its scalar's value when it is one
    /// scalar (after canonical composition, so a CJK compatibility ideograph equals its unified
    /// twin as `Character` equality says), else `UInt32.max`, which equals no word of the lexicon
    /// (every one of its characters is one scalar).
    static func code(_ character: Character) -> UInt32 {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return .max }
        if scalars.count == 1 {
            switch first.value {
            case 0xF900...0xFAFF, 0x2F800...0x2FA1F: break
            default: return first.value
            }
        }
        let composed = String(character).precomposedStringWithCanonicalMapping.unicodeScalars
        return composed.count == 1 ? composed.first!.value : .max
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

    private static let chineseNumerals: Set<UInt32> = Set("〇零一二三四五六七八九十百千两".unicodeScalars.map(\.value))
    private static let approximations = WordSet(["多", "余", "几"])
    private static let scales = WordSet(FigureLexicon.scales.map(\.word))
    private static let units = WordSet(unitWords)
    private static let ordinalsAndLevels = WordSet(["第", "至", "到"])
    private static let lead = WordSet(leadWords)
    private static let connectors = WordSet(rangeConnectors)

    private static func isASCIIDigit(_ code: UInt32) -> Bool { code >= 0x30 && code <= 0x39 }

    /// The end of the number starting at `index`, or nil when none starts there.
    private static func number(in text: [UInt32], at index: Int) -> Int? {
        let code = text[index]
        if isASCIIDigit(code) {
            var end = index + 1
            while end < text.count {
                if isASCIIDigit(text[end]) { end += 1; continue }
                if text[end] == 0x2E || text[end] == 0x2C, end + 1 < text.count, isASCIIDigit(text[end + 1]) { end += 2; continue }
                break
            }
            if end < text.count, text[end] == 0x25 || text[end] == 0x2030 { end += 1 }  // % ‰
            return end
        }
        guard chineseNumerals.contains(code) else { return nil }
        var end = index
        while end < text.count {
            if chineseNumerals.contains(text[end]) { end += 1; continue }
            // 分之 (三分之一)
            if end + 2 < text.count, text[end] == 0x5206, text[end + 1] == 0x4E4B, chineseNumerals.contains(text[end + 2]) { end += 3; continue }
            break
        }
        return end - index >= 2 ? end : nil
    }

    /// The end of a number's approximation, scale and unit words after `index`.
    private static func suffixEnd(in text: [UInt32], after index: Int) -> Int {
        var upper = index
        upper = approximations.skip(in: text, at: upper)
        upper = scales.skip(in: text, at: upper)
        upper = approximations.skip(in: text, at: upper)
        return units.skip(in: text, at: upper)
    }

    /// The end of a range connector at `index`, or `nil` when there is none.
    private static func rangeConnectorEnd(in text: [UInt32], at index: Int) -> Int? {
        let end = connectors.skip(in: text, at: index)
        return end > index && end < text.count ? end : nil
    }

    /// Words as scalar codes, found by their first (or last) code, longest first (so `个百分点`
    /// wins over `个`).
    private struct WordSet {
        private var byFirst: [UInt32: [[UInt32]]] = [:]
        private var byLast: [UInt32: [[UInt32]]] = [:]

        init(_ words: [String]) {
            for word in words.map({ $0.unicodeScalars.map(\.value) }).filter({ !$0.isEmpty }).sorted(by: { $0.count > $1.count }) {
                byFirst[word[0], default: []].append(word)
                byLast[word[word.count - 1], default: []].append(word)
            }
        }

        /// `index` moved past the longest word that starts there.
        func skip(in text: [UInt32], at index: Int) -> Int {
            guard index < text.count, let candidates = byFirst[text[index]] else { return index }
            for word in candidates where index + word.count <= text.count {
                var offset = 1
                while offset < word.count, text[index + offset] == word[offset] { offset += 1 }
                if offset == word.count { return index + word.count }
            }
            return index
        }

        /// `index` moved back over the longest word that ends there.
        func skipBack(in text: [UInt32], before index: Int) -> Int {
            guard index > 0, let candidates = byLast[text[index - 1]] else { return index }
            for word in candidates where index - word.count >= 0 {
                let start = index - word.count
                var offset = 0
                while offset < word.count - 1, text[start + offset] == word[offset] { offset += 1 }
                if offset == word.count - 1 { return start }
            }
            return index
        }
    }
}
