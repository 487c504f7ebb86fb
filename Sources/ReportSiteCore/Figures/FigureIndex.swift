/// A figure placed in the site: the passage it came from and the figure.
public struct FigureMention: Sendable {
    /// Index into ``SiteIndex/entries``.
    public var entry: Int
    public var reportIndex: Int
    public var figure: ExtractedFigure
}

/// The **figures** stage's result (between link and render): every figure of every passage,
/// the headline tables, the comparisons across reports and the word frequencies.
public struct FigureIndex: Sendable {
    /// Every figure, in site order (reports, then text order).
    public var mentions: [FigureMention]
    /// Indices into ``mentions`` per report.
    public var mentionsByReport: [[Int]]
    /// Indices into ``mentions`` per passage entry.
    public var mentionsByEntry: [Int: [Int]]
    /// The phase of every part, per report.
    public var phases: [[ReportPhase]]
    /// The headline table of each report (its main targets and last year's results).
    public var headlines: [[HeadlineRow]]
    /// Main targets compared across reports.
    public var comparisons: [IndicatorComparison]
    /// Word frequencies of each report.
    var words: [WordFrequency.Ranking]
    /// For each word in some report's top ``WordFrequency/tableLimit``: how many reports count it.
    var wordReportCounts: [String: Int]

    /// Extracts the figures of every passage of `index`.
    public init(index: SiteIndex) {
        var phases: [[ReportPhase]] = []
        for report in index.reports {
            phases.append(ReportPhase.phases(ofParts: report.parts.map(\.heading.text), year: report.metadata.year))
        }
        // Each report's passages are read on their own core; the mentions keep entry order.
        var entriesByReport = [[PassageEntry]](repeating: [], count: index.reports.count)
        for entry in index.entries { entriesByReport[entry.reportIndex].append(entry) }
        let extracted = Parallel.map(Array(index.reports.indices)) { reportIndex -> [(entry: Int, figure: ExtractedFigure)] in
            let report = index.reports[reportIndex]
            return entriesByReport[reportIndex].flatMap { entry in
                let phase = entry.partIndex.map { phases[reportIndex][$0] } ?? .review
                let context = FigureContext(phase: phase, reportYear: report.metadata.year)
                return FigureExtractor.extract(entry.passage.text, context: context).map { (entry.order, $0) }
            }
        }
        var mentions: [FigureMention] = []
        var byReport = [[Int]](repeating: [], count: index.reports.count)
        var byEntry: [Int: [Int]] = [:]
        for (reportIndex, figures) in extracted.enumerated() {
            for (entry, figure) in figures {
                byReport[reportIndex].append(mentions.count)
                byEntry[entry, default: []].append(mentions.count)
                mentions.append(FigureMention(entry: entry, reportIndex: reportIndex, figure: figure))
            }
        }
        self.mentions = mentions
        self.mentionsByReport = byReport
        self.mentionsByEntry = byEntry
        self.phases = phases
        headlines = Self.headlines(mentions: mentions, byReport: byReport, phases: phases, index: index)
        comparisons = Self.comparisons(mentions: mentions, headlines: headlines)
        words = WordFrequency.rankings(
            of: index.reports.map { $0.allPassages.map(\.text) },
            seeds: index.catalog.topics.flatMap(\.keywords))
        var counts: [String: Int] = [:]
        for ranking in words { for entry in ranking.entries.prefix(WordFrequency.tableLimit) { counts[entry.term] = 0 } }
        for ranking in words { for term in counts.keys where ranking.ranks[term] != nil { counts[term, default: 0] += 1 } }
        wordReportCounts = counts
    }
}
