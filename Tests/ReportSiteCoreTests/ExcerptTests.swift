import Foundation
import Testing
@testable import ReportSiteCore

/// Excerpts (topic pages) and labels (related passages) shorten a passage without ever changing
/// a figure: every number they show is a whole number of the passage.
@Suite("Excerpts keep figures whole")
struct ExcerptTests {
    // MARK: - The real site

    @Test func everyExcerptOfTheRealSiteShowsOnlyWholeNumbersOfItsPassage() throws {
        let (index, figures) = try #require(realSiteFigures)
        let builder = PageModelBuilder(index: index, figures: figures)
        var excerpts = 0, shortened = 0
        var problems: [String] = []
        for entry in index.entries {
            let passage = index.passage(entry)
            for topic in passage.topics {
                let segments = builder.excerpt(passage, matches: passage.matches[topic] ?? [])
                let shown = Shown(segments.map(\.text).joined())
                excerpts += 1
                if shown.cutBefore || shown.cutAfter { shortened += 1 }
                if let problem = shown.problem(in: passage.text, maximumLength: 180) {
                    problems.append("\(passage.anchor) [\(topic)]: \(problem)")
                }
            }
            if passage.leadSentence == nil, let problem = Shown(builder.label(passage)).problem(in: passage.text, maximumLength: 45) {
                problems.append("\(passage.anchor) [label]: \(problem)")
            }
            // The figures pages' tooltip on each figure's passage (`原文`): 24 characters or so.
            if passage.leadSentence == nil, let problem = Shown(builder.shortLabel(passage)).problem(in: passage.text, maximumLength: 29) {
                problems.append("\(passage.anchor) [tooltip]: \(problem)")
            }
        }
        #expect(excerpts > 1000, "only \(excerpts) excerpts")
        #expect(shortened > 100, "only \(shortened) excerpts were shortened")
        #expect(problems.isEmpty, "\(problems.count) bad excerpts:\n\(problems.prefix(20).joined(separator: "\n"))")
    }

    // MARK: - The cases of the report

    /// `……建设，清欠款10.65亿元，…`: cut at 160 characters this showed `欠款10.6…`.
    @Test func anExcerptDoesNotEndInsideADecimal() throws {
        let text = String(repeating: "推进重点项目建设，", count: 17) + "清" + "欠款10.65亿元，确保按期清偿。" + String(repeating: "优化营商环境，", count: 10)
        let shown = try excerptOf(text)
        #expect(shown.problem(in: text, maximumLength: 180) == nil)
        #expect(!shown.core.contains("10.6") || shown.core.contains("10.65亿元"), "\(shown.core)")
        #expect(shown.core.hasSuffix("，"), "not cut at a clause: \(shown.core)")
    }

    /// `全市建成高标准农田100.2万亩…`, with the match 34 characters after the number: the window's
    /// start fell on its last digit (`….2万亩`).
    @Test func anExcerptDoesNotStartInsideADecimal() throws {
        let text = "全市建成高标准农田100.2万亩" + String(repeating: "粮食", count: 13) + "生态" + String(repeating: "推进重点项目建设，", count: 22)
        let focus = Array(text).firstIndex(of: "生") ?? 0
        let shown = try excerptOf(text, match: focus..<(focus + 2))
        #expect(shown.problem(in: text, maximumLength: 180) == nil)
        #expect(!shown.core.contains("2万亩") || shown.core.contains("100.2万亩"), "\(shown.core)")
    }

    /// `…增长12.5%` with `%` as character 161 was shown as `增长12.5…`.
    @Test func anExcerptDoesNotDropThePercentSign() throws {
        let text = String(repeating: "推进重点项目建设", count: 19) + "工业增长12.5%" + String(repeating: "推进重点项目建设", count: 10)
        #expect(Array(text)[160] == "%")
        let shown = try excerptOf(text)
        #expect(shown.problem(in: text, maximumLength: 180) == nil)
        #expect(!shown.core.contains("12.5") || shown.core.contains("12.5%"), "\(shown.core)")
        // No punctuation anywhere: the cut falls before the whole figure, verb included.
        #expect(!shown.core.contains("增长") && !shown.core.contains("1"), "\(shown.core)")
    }

    /// `…长5.8%`: the window's start fell between 增 and 长.
    @Test func anExcerptDoesNotStartInsideTheVerbOfAFigure() throws {
        let text = "全年居民收入增长5.8%" + String(repeating: "粮食", count: 12) + "业生态" + String(repeating: "推进重点项目建设", count: 22)
        let characters = Array(text)
        let focus = characters.firstIndex(of: "生") ?? 0
        #expect(characters[focus - 30] == "长")
        let shown = try excerptOf(text, match: focus..<(focus + 2))
        #expect(shown.problem(in: text, maximumLength: 180) == nil)
        #expect(!shown.core.hasPrefix("长"), "\(shown.core)")
        #expect(!shown.core.contains("5.8%") || shown.core.contains("增长5.8%"), "\(shown.core)")
    }

    /// A quotation across the nominal end (`“…，…，…”`) is kept whole or left out.
    @Test func anExcerptDoesNotEndInsideAQuotation() throws {
        let text = String(repeating: "推进重点项目建设，", count: 15) + "提出“稳增长，促改革，调结构，惠民生，防风险，保稳定”的要求。" + String(repeating: "优化营商环境，", count: 10)
        let shown = try excerptOf(text)
        #expect(shown.problem(in: text, maximumLength: 180) == nil)
        #expect(shown.core.filter { $0 == "“" }.count == shown.core.filter { $0 == "”" }.count, "\(shown.core)")
    }

    @Test func aShortPassageIsShownWhole() throws {
        let text = "地区生产总值增长6.5%左右。"
        let shown = try excerptOf(text)
        #expect(shown.core == text && !shown.cutBefore && !shown.cutAfter)
    }

    /// A range, a fraction or a unit outside the figure lexicon is kept whole (found by the
    /// hostile trial: `3—…` for 3—5家, `500…` for 500毫米, `1/…` for 1/3).
    @Test(arguments: ["3—5家", "6.5%—7%", "10至20亿元", "1/3", "500毫米", "10亿港元", "100平方千米", "50兆瓦"])
    func aRangeOrUnitIsNotCut(figure: String) throws {
        let spans = FigureSpans.spans(in: Array("全年" + figure + "以上"))
        #expect(spans.map { Array("全年" + figure + "以上")[$0].count } == [figure.count], "\(spans)")
    }

    @Test func aLabelDoesNotEndInsideAFigure() throws {
        let (index, figures) = try #require(realSiteFigures)
        let builder = PageModelBuilder(index: index, figures: figures)
        // 46 characters, no punctuation, and `100.2万亩` across the 40th.
        let text = "地区生产总值跨过3000亿元大关常住人口十年累计增长58万达到345万建成农田100.2万亩"
        let label = Shown(builder.label(passage(text)))
        #expect(label.problem(in: text, maximumLength: 45) == nil)
        #expect(label.core == "地区生产总值跨过3000亿元大关常住人口十年累计增长58万达到345万建成农田" && label.cutAfter, "\(label.core)")
    }

    /// The search page cuts its snippets with the same figure words (`search.js`, whose
    /// `snippetWindow` a browser test checks on the real index).
    @Test func theSearchSnippetsKnowTheSameFigureWords() throws {
        let script = try readText(Repository.templates.appendingPathComponent("assets/search.js"))
        func list(_ name: String) throws -> Set<String> {
            let line = try #require(script.split(separator: "\n").first { $0.contains("var \(name) = [") }, "no \(name) in search.js")
            let json = line[line.index(after: try #require(line.firstIndex(of: "=")))...].trimmingCharacters(in: CharacterSet(charactersIn: " ;"))
            return Set(try JSONDecoder().decode([String].self, from: Data(json.utf8)))
        }
        #expect(try list("FIGURE_UNITS") == Set(FigureSpans.unitWords))
        #expect(try list("FIGURE_LEADS") == Set(FigureSpans.leadWords))
        #expect(try list("FIGURE_CONNECTORS") == Set(FigureSpans.rangeConnectors))
    }

    // MARK: - Helpers

    func passage(_ text: String) -> Passage {
        Passage(anchor: "a", kind: .paragraph, inlines: [], text: text, leadSentence: nil, location: SourceLocation(path: "r.md"), topicEdits: [])
    }

    func excerptOf(_ text: String, match: Range<Int>? = nil) throws -> Shown {
        let (index, figures) = try #require(realSiteFigures)
        let builder = PageModelBuilder(index: index, figures: figures)
        let matches = match.map { [KeywordMatch(term: "生态", range: $0, weight: 1)] } ?? []
        return Shown(builder.excerpt(passage(text), matches: matches).map(\.text).joined())
    }
}

/// An excerpt as shown: its text between the `…` that mark a cut.
struct Shown {
    let core: String
    let cutBefore: Bool
    let cutAfter: Bool

    init(_ shown: String) {
        var core = shown
        cutBefore = core.hasPrefix("…")
        if cutBefore { core.removeFirst() }
        cutAfter = core.hasSuffix("…")
        if cutAfter { core.removeLast() }
        self.core = core
    }

    /// Nil when the excerpt is a piece of `passage` (its start when not cut before, its end when
    /// not cut after) of at most `maximumLength` characters whose numbers are whole numbers of the
    /// passage at that place; else what is wrong.
    func problem(in passage: String, maximumLength: Int) -> String? {
        let text = Array(passage), piece = Array(core)
        if piece.count > maximumLength { return "\(piece.count) characters: \(core)" }
        let wholeNumbers = Set(Self.numbers(in: text).map { "\($0.lowerBound):\($0.upperBound)" })
        let offsets = (0...max(0, text.count - piece.count)).filter { offset in
            offset + piece.count <= text.count && Array(text[offset..<(offset + piece.count)]) == piece
                && (cutBefore || offset == 0) && (cutAfter || offset + piece.count == text.count)
        }
        guard !offsets.isEmpty else { return "not a piece of its passage: \(core)" }
        for offset in offsets {
            let shifted = Self.numbers(in: piece).map { "\($0.lowerBound + offset):\($0.upperBound + offset)" }
            if shifted.allSatisfy(wholeNumbers.contains) { return nil }
        }
        let numbers = Self.numbers(in: piece).map { String(piece[$0]) }
        return "a number is cut (\(numbers.joined(separator: " "))): \(cutBefore ? "…" : "")\(core)\(cutAfter ? "…" : "")"
    }

    /// The numbers of `text` (folded): digits, with `.` between digits, and a trailing `%`.
    static func numbers(in text: [Character]) -> [Range<Int>] {
        let folded = text.map(TextFolding.fold)
        func isDigit(_ i: Int) -> Bool { i < folded.count && folded[i].isASCII && folded[i].isNumber }
        var ranges: [Range<Int>] = []
        var i = 0
        while i < folded.count {
            guard isDigit(i) else { i += 1; continue }
            var end = i + 1
            while isDigit(end) || (end < folded.count && folded[end] == "." && isDigit(end + 1)) { end += 1 }
            if end < folded.count && folded[end] == "%" { end += 1 }
            ranges.append(i..<end)
            i = end
        }
        return ranges
    }
}
