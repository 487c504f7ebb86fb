/// Where an excerpt of a passage may start and end, so that a shortened text never changes a
/// figure: it is cut after clause or sentence punctuation (`。；，、：！？`) outside quotations
/// and brackets (`“…”`, `《…》`, `（…）`), within a bounded length; only when no such boundary is
/// in range is it cut between words, and then never inside a figure (`增长10.65亿元`: the verb or
/// modifier before the number, the number with its decimals and `%`, its scale and its unit).
///
/// All positions are character offsets into the passage text (a cut at `p` falls between
/// characters `p - 1` and `p`).
enum ExcerptCut {
    /// Characters that end a clause or a sentence: an excerpt may start after one or end with one.
    static let clauseEnders: Set<Character> = ["。", "；", "，", "、", "：", "！", "？", ";", ",", ":", "!", "?"]
    /// Opening and closing marks of quotations and brackets: no cut falls between a pair.
    static let openers: Set<Character> = ["“", "‘", "《", "〈", "（", "(", "「", "『", "【", "["]
    static let closers: Set<Character> = ["”", "’", "》", "〉", "）", ")", "」", "』", "】", "]"]

    /// Extra characters an excerpt of `length` may keep past it to end at a clause boundary or
    /// at the text's end: an eighth (20 for the 160 of a topic-page excerpt).
    static func endSlack(for length: Int) -> Int { length / 8 }

    /// The window of an excerpt of `text` of about `length` characters that shows the character
    /// at `focus` (the first highlighted keyword) with about `leadIn` characters before it.
    ///
    /// - Returns: the whole text when it is at most `length` characters; else a range of at most
    ///   `length + endSlack(for: length)` characters that starts at the text's start or after a clause
    ///   boundary (at most `2 × leadIn` characters before `focus`), and ends at the text's end, at
    ///   a clause boundary, or, when there is none in range, at a word break outside any figure.
    static func window(_ text: [Character], focus: Int, length: Int, leadIn: Int) -> Range<Int> {
        guard text.count > length else { return 0..<text.count }
        let focus = min(max(focus, 0), text.count)
        let target = max(0, min(focus - leadIn, text.count - length))
        let lowest = max(0, target - leadIn)
        // Every cut considered lies between the lowest start and the focus plus a window.
        let cuts = CutPoints(text, near: lowest..<min(text.count, focus + length + endSlack(for: length)) + 1)
        var start = 0
        if target > 0 {
            let clauses = (lowest...focus).filter { $0 == 0 || cuts.isClauseBoundary($0) }
            if let best = clauses.min(by: { (abs($0 - target), -$0) < (abs($1 - target), -$1) }) {
                start = best
            } else {
                start = (lowest...focus).filter(cuts.isWordBreak).min { abs($0 - target) < abs($1 - target) } ?? lowest
            }
        }
        return start..<end(of: text, cuts: cuts, from: start, length: length)
    }

    /// The end of a prefix of `text` of about `length` characters (a label): the text's end when
    /// it is at most `length + endSlack(for: length)` characters, else as for ``window(_:focus:length:leadIn:)``.
    /// Only the first ``prefixReadLength(for:)`` characters of a longer text matter: a caller may
    /// pass just those (the answer is the same), so a label never reads a whole long passage.
    static func prefixEnd(_ text: [Character], length: Int) -> Int {
        guard text.count > length else { return text.count }
        return end(of: text, cuts: CutPoints(text, near: 0..<min(text.count, prefixReadLength(for: length))), from: 0, length: length)
    }

    /// Characters of a text that ``prefixEnd(_:length:)`` reads: the window with its slack, and
    /// ``figureMargin`` more to see a figure across its end whole.
    static func prefixReadLength(for length: Int) -> Int { length + endSlack(for: length) + figureMargin + 1 }

    /// Characters read beyond the cut points considered, so that a figure across one is seen
    /// whole (a verb, a long number, a scale and a unit of up to six characters).
    static let figureMargin = 16

    // MARK: - Private

    /// The end of a window that starts at `start`: the last clause boundary in the second half of
    /// `length`, else the first one within ``endSlack(for:)`` after it, else the last word break.
    private static func end(of text: [Character], cuts: CutPoints, from start: Int, length: Int) -> Int {
        let nominal = start + length
        let slack = endSlack(for: length)
        if text.count <= nominal + slack { return text.count }
        let earliest = start + max(1, length / 2)
        if let clause = (earliest...nominal).reversed().first(where: cuts.isClauseBoundary) { return clause }
        if slack > 0, let clause = ((nominal + 1)...(nominal + slack)).first(where: cuts.isClauseBoundary) { return clause }
        return (earliest...nominal).reversed().first(where: cuts.isWordBreak) ?? nominal
    }
}

/// The cut points of one text: clause boundaries outside quotations and brackets, and word
/// breaks that fall inside no figure.
private struct CutPoints {
    /// Nesting depth of quotations and brackets before each cut point (`count + 1` entries).
    private var depth: [Int]
    /// For each cut point, true when it falls strictly inside a figure.
    private var insideFigure: [Bool]
    /// For each character read, true when it ends a clause (``ExcerptCut/clauseEnders``).
    private var endsClause: [Bool]
    private let count: Int

    private static let clauseEnders = Set(ExcerptCut.clauseEnders.map(FigureSpans.code))
    private static let openers = Set(ExcerptCut.openers.map(FigureSpans.code))
    private static let closers = Set(ExcerptCut.closers.map(FigureSpans.code))

    /// The cut points of `text`, exact for the points in `range` (figures are looked for only
    /// within ``ExcerptCut/figureMargin`` characters of it; quotations from the start).
    ///
    /// Characters are compared as scalar codes (``FigureSpans/code(_:)``), never as `Character`s.
    init(_ text: [Character], near range: Range<Int>) {
        count = text.count
        let lower = max(0, range.lowerBound - ExcerptCut.figureMargin)
        let upper = min(text.count, range.upperBound + ExcerptCut.figureMargin)
        let codes = text[..<upper].map(FigureSpans.code)
        depth = [0]
        depth.reserveCapacity(upper + 1)
        endsClause = []
        endsClause.reserveCapacity(upper)
        var level = 0
        for code in codes {
            if Self.openers.contains(code) { level += 1 }
            if Self.closers.contains(code) { level = max(0, level - 1) }
            depth.append(level)
            endsClause.append(Self.clauseEnders.contains(code))
        }
        insideFigure = Array(repeating: false, count: upper + 1)
        let folded = codes[lower...].map { Unicode.Scalar($0).map { TextFolding.fold($0).value } ?? $0 }
        for span in FigureSpans.spans(inCodes: folded) where span.count > 1 {
            for point in (lower + span.lowerBound + 1)..<(lower + span.upperBound) { insideFigure[point] = true }
        }
    }

    /// True when a cut at `point` falls right after clause punctuation, outside quotations.
    func isClauseBoundary(_ point: Int) -> Bool {
        point > 0 && point < count && point < depth.count && depth[point] == 0 && endsClause[point - 1]
            && !insideFigure[point]
    }

    /// True when a cut at `point` splits no figure (the fallback when no clause boundary is in range).
    func isWordBreak(_ point: Int) -> Bool {
        point > 0 && point < count && point < insideFigure.count && !insideFigure[point]
    }
}
