/// Finds the figures (indicator mentions) in one passage: `地区生产总值完成3121.4亿元、增长6.5%`
/// gives 地区生产总值 3121.4 亿元 (level) and 地区生产总值 6.5 % (growth).
///
/// The rules, in order (patterns and pitfalls from `shared/docs/domain.md` section 5):
///
/// 1. **Fold** the text (``TextFolding``: `６．５％` → `6.5%`, `，` → `,`), index for index, so
///    what is shown is always the original text.
/// 2. **Numbers** written with digits, with an optional range (`3—5`, `1-2`, `6.5%—7%`, `3至5`),
///    `多`/`余` (`1200余处`: more than), a scale (万, 亿, 万亿, 百万, 千万) and a unit from
///    ``FigureLexicon/units``, then `左右`/`以上`/`以内`/`以下`. A number without unit or scale
///    is no figure (`2021年`, `1号线`, `2.0版`, `3大`); nor is one inside quotes or a title
///    (`“12345”`, `《…10条》`), one joined to letters (`S29`, `G6`, `PM2.5`, `5G`, `4A级`), a
///    grade (`…级`), the number of places a rank is among (`在全国36个重点城市中…排名第2位`), a
///    threshold qualifying a counted noun (`50亿元以上重大项目26个`), or a bracket (`…部分`).
/// 3. **Before the number**, from the end: prefixes that say how exact it is (近, 约, 超过,
///    突破), verbs of change (增长, 下降, 提升; with 至/到 they lead to a level), linking words
///    (达到, 保持在, 分别, 比上年). What is left, without opening scope words and verbs (全市,
///    完成, 新增), is the subject.
/// 4. **The subject** is the noun after the number when the unit is followed by one (`17个农畜
///    产品入选…`), else the text before; a clause without its own subject takes the one before it
///    in the sentence (`…完成1104.7亿元、增长7%`). `分别`/`各` pair several subjects with several
///    numbers in order (``FigureExtractor/pair(_:)``).
/// 5. **Measure**: per cent after a verb of change (or after 增速, 涨幅) is growth, otherwise a
///    level; `个百分点` a change in points; `第…位` or a rank that moves a rank; `倍` a multiple.
/// 6. **Kind and period** from ``FigureContext`` (the part), `预计`, project names.
/// 7. **Main targets**: in the sentence `主要预期目标是：…`, every figure is a main target, and
///    each item without a number is a qualitative target.
public enum FigureExtractor {
    /// The figures of one passage's text, in text order.
    /// - Parameters:
    ///   - text: the passage's plain text.
    ///   - context: the phase of its part and the report's year.
    /// - Returns: every figure found; none for a glossary.
    public static func extract(_ text: String, context: FigureContext) -> [ExtractedFigure] {
        guard context.phase != .glossary else { return [] }
        var scan = FigureScan(text)
        scan.findQuantities()
        scan.markNonIndicators()
        return scan.figures(context: context)
    }
}

/// One number with its unit, as found in the folded text.
struct Quantity {
    /// The first character: `第` of an ordinal, else the first digit.
    var start: Int
    var numberStart: Int
    /// After the unit (before a modifier such as `以上`).
    var unitEnd: Int
    /// After the modifier.
    var end: Int
    var value: String
    var valueHigh: String?
    var scaleExponent: Int
    /// The unit as written, scale included, without `多`/`余`.
    var unit: String
    /// The folded unit without the scale (`元`, `%`), empty for a bare scale.
    var baseUnit: String
    /// `多`/`余` after the number.
    var moreThan: Bool
    var suffix: FigureModifier?
    var ordinal: Bool
    /// Not an indicator (a population, threshold or bracket), but its text stays in the clause.
    var skipped = false
    /// The words of a population (`在全国36个重点城市中`), cut out of the subject.
    var populationSpan: Range<Int>?
}

/// The working state of one extraction: the original and folded characters and the numbers found.
struct FigureScan {
    /// The text as Unicode scalars (one per position; the folding maps scalar to scalar, so
    /// positions agree), and folded. Scalars, not `Character`s: comparing them is cheap.
    let raw: [Unicode.Scalar]
    let t: [Unicode.Scalar]
    /// True inside quotes and titles (“…”, 《…》, 「…」).
    let quoted: [Bool]
    var quantities: [Quantity] = []

    static let sentenceEnds: Set<Unicode.Scalar> = ["。", "!", "?", ";", "\n", "！", "？", "；"]
    static let clauseEnds: Set<Unicode.Scalar> = ["。", "!", "?", ";", "\n", ",", ":", "！", "？", "；", "，", "："]
    static let rangeMarks: Set<Unicode.Scalar> = ["—", "–", "-", "~", "～", "至", "到"]

    init(_ text: String) {
        raw = Array(text.unicodeScalars)
        t = raw.map(TextFolding.fold)
        var quoted = [Bool](repeating: false, count: raw.count)
        var depth = 0
        for (index, character) in t.enumerated() {
            switch character {
            case "“", "《", "「", "『", "‘", "〈": depth += 1
            case "”", "》", "」", "』", "’", "〉": depth = max(0, depth - 1)
            default:
                if Self.sentenceEnds.contains(character) { depth = 0 }
            }
            quoted[index] = depth > 0
        }
        self.quoted = quoted
    }

    // MARK: - Characters

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
    static func isLetter(_ c: Unicode.Scalar) -> Bool { (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A) }
    static func isHan(_ c: Unicode.Scalar) -> Bool { Alphabet.isHan(c.value) }

    /// True when `word` stands in the folded text at `index`.
    func has(_ word: String, at index: Int) -> Bool {
        var i = index
        for c in word.unicodeScalars {
            guard i < t.count, t[i] == c else { return false }
            i += 1
        }
        return true
    }

    /// The longest of `words` at `index`, if any (lists are sorted longest first).
    func longest(_ words: [String], at index: Int) -> String? { words.first { has($0, at: index) } }

    /// The original text of a range.
    func text(_ range: Range<Int>) -> String { Self.string(raw[max(0, range.lowerBound)..<min(raw.count, range.upperBound)]) }

    /// The folded text of a range.
    func folded(_ range: Range<Int>) -> String { Self.string(t[max(0, range.lowerBound)..<min(t.count, range.upperBound)]) }

    static func string<S: Sequence>(_ scalars: S) -> String where S.Element == Unicode.Scalar {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    func skipSpaces(_ index: Int) -> Int {
        var i = index
        while i < t.count, t[i] == " " || t[i] == "\u{00A0}" { i += 1 }
        return i
    }

    /// The start of the clause (after `，`, `；`, `。` …) holding `index`.
    func clauseStart(_ index: Int) -> Int {
        var i = index
        while i > 0, !Self.clauseEnds.contains(t[i - 1]) { i -= 1 }
        return i
    }

    /// The end of the clause holding `index` (the delimiter's index).
    func clauseEnd(_ index: Int) -> Int {
        var i = index
        while i < t.count, !Self.clauseEnds.contains(t[i]) { i += 1 }
        return i
    }

    func sentenceStart(_ index: Int) -> Int {
        var i = index
        while i > 0, !Self.sentenceEnds.contains(t[i - 1]) { i -= 1 }
        return i
    }

    func sentenceEnd(_ index: Int) -> Int {
        var i = index
        while i < t.count, !Self.sentenceEnds.contains(t[i]) { i += 1 }
        return i
    }

    // MARK: - Numbers

    /// Digits with an optional decimal part at `index`: the number and the index after it.
    func number(at index: Int) -> (String, Int)? {
        var i = index
        while i < t.count, Self.isDigit(t[i]) { i += 1 }
        guard i > index else { return nil }
        if i + 1 < t.count, t[i] == ".", Self.isDigit(t[i + 1]) {
            i += 1
            while i < t.count, Self.isDigit(t[i]) { i += 1 }
        }
        return (Self.string(t[index..<i]), i)
    }

    /// Scale and unit after a number ending at `index`: `(exponent, scale text, unit, more-than, end)`.
    func unit(after index: Int) -> (exponent: Int, unitStart: Int, unit: String?, written: String, moreThan: Bool, end: Int) {
        var i = skipSpaces(index)
        var moreThan = false
        var written = ""
        if i < t.count, t[i] == "多" || t[i] == "余" { moreThan = true; i += 1 }
        let unitStart = i
        var exponent = 0
        if let scale = FigureLexicon.scales.first(where: { has($0.word, at: i) }) {
            exponent = scale.exponent
            written += text(i..<(i + scale.word.count))
            i += scale.word.count
            if i < t.count, t[i] == "多" || t[i] == "余" { moreThan = true; i += 1 }
        }
        i = skipSpaces(i)
        var unit: String?
        if let found = FigureLexicon.unitList.longest(in: t, at: i) {
            unit = Self.string(found)
            written += text(i..<(i + found.count))
            i += found.count
        }
        return (exponent, unitStart, unit, written, moreThan, i)
    }

    /// Finds every number with a unit or a scale; ranges become one quantity.
    mutating func findQuantities() {
        var i = 0
        while i < t.count {
            guard Self.isDigit(t[i]), let (value, afterNumber) = number(at: i) else { i += 1; continue }
            let numberStart = i
            i = afterNumber
            // Part of a name or code (S29, PM2.5, 5G, 4A级, 2.0.1) or inside quotes or a title.
            if numberStart > 0, Self.isLetter(t[numberStart - 1]) || t[numberStart - 1] == "." || t[numberStart - 1] == "+" { continue }
            if quoted[numberStart] { continue }
            var high: String?
            var afterHigh = afterNumber
            // A range straight after the number (3—5家, 6.5%—7%).
            var probe = afterNumber < t.count && t[afterNumber] == "%" ? afterNumber + 1 : afterNumber
            if probe < t.count, Self.rangeMarks.contains(t[probe]) {
                probe += 1
                if probe < t.count, t[probe] == "—" { probe += 1 }
                if probe < t.count, Self.isDigit(t[probe]), let (second, end) = number(at: probe) {
                    high = second
                    afterHigh = end
                }
            }
            var found = unit(after: afterHigh)
            guard found.unit != nil || found.exponent > 0 else { i = max(i, afterHigh); continue }
            if found.unit == nil, found.end < t.count, Self.isLetter(t[found.end]) { continue }
            // A range after the unit (100万元至300万元): the same unit again.
            if high == nil, found.end < t.count, Self.rangeMarks.contains(t[found.end]),
               found.end + 1 < t.count, Self.isDigit(t[found.end + 1]), let (second, end) = number(at: found.end + 1) {
                let again = unit(after: end)
                if again.unit == found.unit, again.exponent == found.exponent {
                    high = second
                    found = (found.exponent, found.unitStart, found.unit, found.written, found.moreThan || again.moreThan, again.end)
                }
            }
            var end = found.end
            let unitEnd = end
            var suffix: FigureModifier?
            for (word, modifier) in [("左右", FigureModifier.around), ("上下", .around), ("以上", .atLeast), ("以内", .within), ("之内", .within), ("以下", .below)]
            where has(word, at: end) {
                suffix = modifier
                end += word.count
                break
            }
            if suffix == nil, end < t.count, t[end] == "多" || t[end] == "余" {
                found.moreThan = true
                end += 1
            }
            i = max(i, end)
            // A grade or size class (4A级, 10万吨级).
            if end < t.count, t[end] == "级" { continue }
            // A streak (`连续33个榨季`).
            if numberStart >= 2, folded((numberStart - 2)..<numberStart) == "连续" { continue }
            let ordinal = numberStart > 0 && t[numberStart - 1] == "第"
            let baseUnit = found.unit ?? ""
            if ordinal, baseUnit != "位", baseUnit != "名" { continue }
            quantities.append(Quantity(
                start: ordinal ? numberStart - 1 : numberStart, numberStart: numberStart, unitEnd: unitEnd, end: end,
                value: value, valueHigh: high, scaleExponent: found.exponent,
                unit: found.written.isEmpty ? text(found.unitStart..<unitEnd) : found.written,
                baseUnit: baseUnit, moreThan: found.moreThan, suffix: suffix, ordinal: ordinal))
        }
    }

    // MARK: - Numbers that are not indicators

    /// True when the text at `index` (before `end`) opens with a conjunction, a verb or a
    /// linking word (`和`, `增长`, `达到`): it continues the sentence rather than naming what a
    /// number counts.
    func opensWithContinuation(at index: Int, end: Int) -> Bool {
        FigureLexicon.continuations.longest(in: t, at: index, limit: end) != nil
    }

    /// Marks populations (`在全国36个重点城市中…第2位`), thresholds (`50亿元以上重大项目26个`)
    /// and brackets (`100万元至300万元部分`).
    mutating func markNonIndicators() {
        for (index, q) in quantities.enumerated() {
            let clauseEnd = clauseEnd(q.end)
            let later = quantities[(index + 1)...].filter { $0.start < clauseEnd }
            // Population: 在全国N个…中 / 在N个城市参评的 …, with a rank later in the clause.
            if FigureLexicon.counterUnits.contains(q.baseUnit) || q.baseUnit == "位" {
                let openers = ["在全国", "在全区", "在全省", "在全市", "在", "全国", "全区", "全省"]
                if let opener = openers.first(where: { q.start >= $0.count && folded((q.start - $0.count)..<q.start) == $0 }),
                   let rank = later.first(where: { $0.ordinal || $0.baseUnit == "位" }) {
                    // The frame closes at `参评的`, or at the last `中` before the rank
                    // (`在全国76个大中城市类别中位列第28位`).
                    var close: Int?
                    for i in q.end..<rank.start where has("参评", at: i) {
                        close = has("参评的", at: i) ? i + 3 : i + 2
                        break
                    }
                    if close == nil, let last = (q.end..<rank.start).last(where: { t[$0] == "中" }) { close = last + 1 }
                    if let close {
                        quantities[index].skipped = true
                        quantities[index].populationSpan = (q.start - opener.count)..<close
                        continue
                    }
                }
            }
            // Attribute: `132项…事项的“爱青城”APP`: the number describes the noun after `的`.
            if q.end == q.unitEnd, q.end < t.count, Self.isHan(t[q.end]),
               let of = (q.end..<clauseEnd).first(where: { t[$0] == "的" && !quoted[$0] }), of + 1 < clauseEnd,
               !later.contains(where: { $0.start < of }) {
                let between = folded(q.end..<of)
                let verbs = FigureLexicon.predicateCuts + FigureLexicon.changeVerbs + FigureLexicon.leadingVerbs
                if !verbs.contains(where: { between.contains($0) }) {
                    quantities[index].skipped = true
                    continue
                }
            }
            // Bracket: …至…部分.
            if has("部分", at: q.end) {
                quantities[index].skipped = true
                continue
            }
            // Threshold: followed by a noun that is counted later in the same list item.
            if q.end < t.count, Self.isHan(t[q.end]), q.suffix == .atLeast || q.suffix == .below {
                var itemEnd = q.end
                while itemEnd < clauseEnd, t[itemEnd] != "、" { itemEnd += 1 }
                // The noun between must be a noun, not `和` (`53026元和22435元`) or a verb.
                if let next = later.first(where: { $0.start < itemEnd }) {
                    if next.start - q.end >= 2, !opensWithContinuation(at: q.end, end: next.start) { quantities[index].skipped = true }
                }
            }
        }
    }
}
