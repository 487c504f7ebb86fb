/// What the figures stage finds in one report alone: its figure mentions, its headline table
/// and its word frequencies. Computed once per report, right after **classify**, and cached with the report
/// (``BuildCache/Entry``), so a build re-extracts only the reports whose bytes changed; the
/// site-wide ``FigureIndex`` is then a merge of these, linear in the number of reports.
///
/// Identity is report-local: a mention names its passage by its position in
/// ``Report/allPassages`` (document order), never by a position in a site-wide array.
struct ReportFigures: Sendable, Equatable {
    /// One figure of the report, with the passage it stands in.
    struct Mention: Sendable, Equatable {
        /// Index into ``Report/allPassages``.
        var passage: Int
        var figure: ExtractedFigure
    }

    /// One row of the report's headline table, by positions in ``ReportFigures/mentions``
    /// (report-local; ``FigureIndex`` shifts them into its site-wide list).
    struct Headline: Sendable, Equatable {
        /// The main target.
        var target: Int
        /// Its results in the review part: none, one, or two for a `城乡…` target.
        var results: [Int]
        /// The target's comparable name (``IndicatorNames/canonical(_:)``), which groups it with
        /// other reports' targets; empty for a target without a value (never compared).
        var name: String
    }

    /// Every figure, in text order.
    var mentions: [Mention]
    /// The headline table: the main targets in text order, each with last year's result.
    var headlines: [Headline]
    /// The report's word frequencies (its vocabulary found in its own text; see ``WordFrequency``).
    var words: WordFrequency.Ranking

    /// No figure and no word: for a report that did not classify.
    static let empty = ReportFigures(mentions: [], headlines: [], words: WordFrequency.Ranking(entries: [], characterCount: 0))

    /// Extracts the figures and counts the words of `report`.
    /// - Parameters:
    ///   - seeds: words that are always words (the topic keywords of `topics.yml`).
    static func extract(_ report: Report, seeds: [String]) -> ReportFigures {
        let phases = ReportPhase.phases(ofParts: report.parts.map(\.heading.text), year: report.metadata.year)
        var mentions: [Mention] = []
        // Whether each mention stands in the review of last year (the report's opening
        // passages, before any part, count as review).
        var inReview: [Bool] = []
        var position = 0
        func scan(_ passages: [Passage], phase: ReportPhase, review: Bool) {
            let context = FigureContext(phase: phase, reportYear: report.metadata.year)
            for passage in passages {
                // A pipe table is read row by row (``TableFigures``), its text before it as sentences.
                var figures: [ExtractedFigure]
                if let table = passage.table {
                    let before = InlineText.plainText(passage.inlines)
                    figures = FigureExtractor.extract(before, context: context) + TableFigures.extract(table, before: before, context: context)
                } else {
                    figures = FigureExtractor.extract(passage.text, context: context)
                }
                for figure in figures {
                    mentions.append(Mention(passage: position, figure: figure))
                    inReview.append(review)
                }
                position += 1
            }
        }
        scan(report.intro, phase: .review, review: true)
        for (p, part) in report.parts.enumerated() {
            scan(part.intro, phase: phases[p], review: phases[p] == .review)
            for section in part.sections { scan(section.passages, phase: phases[p], review: phases[p] == .review) }
        }
        let words = WordFrequency.ranking(of: report.allPassages.map(\.text), seeds: seeds)
        return ReportFigures(mentions: mentions.exactCapacity(), headlines: headlines(of: mentions, inReview: inReview), words: words)
    }

    /// The headline table of one report: its main targets in text order, each with the first
    /// result of the review part that has the same comparable indicator, measure and unit.
    /// - Parameter inReview: for each mention, whether it stands in the review part.
    static func headlines(of mentions: [Mention], inReview: [Bool]) -> [Headline] {
        let results = mentions.indices.filter { m in
            let figure = mentions[m].figure
            return inReview[m] && (figure.kind == .achievement || figure.kind == .estimate) && figure.value != nil
        }
        let names = results.map { IndicatorNames.canonical(mentions[$0].figure.indicator) }
        func firstResult(named name: String, like target: ExtractedFigure) -> Int? {
            zip(results, names).first { m, resultName in
                let figure = mentions[m].figure
                return resultName == name && figure.measure == target.measure && figure.baseUnit == target.baseUnit
            }?.0
        }
        return mentions.indices.filter { mentions[$0].figure.isMainTarget }.map { m in
            let target = mentions[m].figure
            guard target.value != nil else { return Headline(target: m, results: [], name: "") }
            let name = IndicatorNames.canonical(target.indicator)
            if let found = firstResult(named: name, like: target) { return Headline(target: m, results: [found], name: name) }
            if name.hasPrefix("城乡") {
                let rest = name.dropFirst(2)
                let pair = ["城镇" + rest, "农村" + rest].compactMap { firstResult(named: $0, like: target) }
                if pair.count == 2 { return Headline(target: m, results: pair, name: name) }
            }
            return Headline(target: m, results: [], name: name)
        }
    }
}

// MARK: - Cache coding

extension ReportFigures: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(mentions)
        writer.write(headlines)
        writer.write(words)
    }

    init(from reader: inout BinaryReader) throws {
        let mentions: [Mention] = try reader.readArray()
        let headlines: [Headline] = try reader.readArray()
        // Positions must name mentions of this report (a damaged entry counts as missing).
        for headline in headlines where !(headline.results + [headline.target]).allSatisfy(mentions.indices.contains) {
            throw BinaryReader.Malformed()
        }
        self.init(mentions: mentions, headlines: headlines, words: try reader.read())
    }
}

extension ReportFigures.Headline: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(target)
        writer.write(UInt64(results.count))
        for result in results { writer.write(result) }
        writer.write(name)
    }

    init(from reader: inout BinaryReader) throws {
        let target = try reader.readInt()
        let count = try reader.readCount()
        var results: [Int] = []
        for _ in 0..<count { results.append(try reader.readInt()) }
        self.init(target: target, results: results, name: try reader.readString())
    }
}

extension ReportFigures.Mention: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(passage)
        writer.write(figure)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(passage: try reader.readInt(), figure: try reader.read())
    }
}

extension ExtractedFigure: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(indicator)
        writer.write(value)
        writer.write(valueHigh)
        writer.write(unit)
        writer.write(baseUnit)
        writer.write(scaleExponent)
        writer.write(measure.rawValue)
        writer.write(direction)
        writer.write(modifier.rawValue)
        writer.write(kind.rawValue)
        writer.write(period)
        writer.write(display)
        writer.write(sourceText)
        writer.write(isMainTarget)
        writer.write(range.lowerBound)
        writer.write(range.upperBound)
    }

    init(from reader: inout BinaryReader) throws {
        let indicator = try reader.readString()
        let value = try reader.readOptionalString()
        let valueHigh = try reader.readOptionalString()
        let unit = try reader.readString()
        let baseUnit = try reader.readString()
        let scaleExponent = try reader.readInt()
        guard let measure = FigureMeasure(rawValue: try reader.readString()) else { throw BinaryReader.Malformed() }
        let direction = try reader.readString()
        guard let modifier = FigureModifier(rawValue: try reader.readString()),
              let kind = FigureKind(rawValue: try reader.readString()) else { throw BinaryReader.Malformed() }
        let period = try reader.readString()
        let display = try reader.readString()
        let sourceText = try reader.readString()
        let isMainTarget = try reader.readBool()
        let lower = try reader.readInt()
        let upper = try reader.readInt()
        guard lower <= upper else { throw BinaryReader.Malformed() }
        self.init(
            indicator: indicator, value: value, valueHigh: valueHigh, unit: unit, baseUnit: baseUnit, scaleExponent: scaleExponent,
            measure: measure, direction: direction, modifier: modifier, kind: kind, period: period, display: display,
            sourceText: sourceText, isMainTarget: isMainTarget, range: lower..<upper)
    }
}

extension WordFrequency.Ranking: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(UInt64(entries.count))
        for entry in entries {
            writer.write(entry.term)
            writer.write(entry.count)
            writer.write(entry.rank)
        }
        writer.write(characterCount)
    }

    init(from reader: inout BinaryReader) throws {
        let count = try reader.readCount()
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            entries.append(Entry(term: try reader.readString(), count: try reader.readInt(), rank: try reader.readInt()))
        }
        self.init(entries: entries, characterCount: try reader.readInt())
    }
}
