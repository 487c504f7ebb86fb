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

    /// Extracts the figures of every passage of `index`.
    public init(index: SiteIndex) {
        var phases: [[ReportPhase]] = []
        for report in index.reports {
            phases.append(ReportPhase.phases(ofParts: report.parts.map(\.heading.text), year: report.metadata.year))
        }
        var mentions: [FigureMention] = []
        var byReport = [[Int]](repeating: [], count: index.reports.count)
        var byEntry: [Int: [Int]] = [:]
        for entry in index.entries {
            let report = index.reports[entry.reportIndex]
            let phase = entry.partIndex.map { phases[entry.reportIndex][$0] } ?? .review
            let context = FigureContext(phase: phase, reportYear: report.metadata.year)
            for figure in FigureExtractor.extract(entry.passage.text, context: context) {
                byReport[entry.reportIndex].append(mentions.count)
                byEntry[entry.order, default: []].append(mentions.count)
                mentions.append(FigureMention(entry: entry.order, reportIndex: entry.reportIndex, figure: figure))
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
    }
}
