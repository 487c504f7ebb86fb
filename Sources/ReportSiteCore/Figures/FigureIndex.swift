/// A figure placed in the site: the passage it came from and the figure.
public struct FigureMention: Sendable {
    /// Index into ``SiteIndex/entries``.
    public var entry: Int
    public var reportIndex: Int
    public var figure: ExtractedFigure
}

/// Every figure of the site, in site order (reports, then text order), placed at its passage
/// entry when read: the figures stay in each report's own list (``ReportFigures/mentions``),
/// which the build keeps anyway, instead of a site-wide copy of all of them (6 % of a clean
/// build's heap peak at 1,000 reports; heaptrack).
public struct FigureMentions: RandomAccessCollection, Sendable {
    /// Each report's mentions (report-local passage positions).
    private let reports: [[ReportFigures.Mention]]
    /// The site-wide position of each report's first mention.
    private let starts: [Int]
    /// The report of each mention.
    private let owners: [UInt32]
    /// The first passage entry of each report (``SiteIndex/firstEntry``).
    private let firstEntry: [Int]

    init(reports: [[ReportFigures.Mention]], firstEntry: [Int]) {
        var starts: [Int] = []
        var owners: [UInt32] = []
        owners.reserveCapacity(reports.reduce(0) { $0 + $1.count })
        for (r, mentions) in reports.enumerated() {
            starts.append(owners.count)
            owners.append(contentsOf: repeatElement(UInt32(r), count: mentions.count))
        }
        self.reports = reports
        self.starts = starts
        self.owners = owners
        self.firstEntry = firstEntry
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { owners.count }

    /// The mention at site-wide position `position`.
    public subscript(position: Int) -> FigureMention {
        let r = Int(owners[position])
        let mention = reports[r][position - starts[r]]
        return FigureMention(entry: firstEntry[r] + mention.passage, reportIndex: r, figure: mention.figure)
    }
}

/// The **figures** stage's result (between link and render): every figure of every passage,
/// the headline tables, the comparisons across reports and the word frequencies.
public struct FigureIndex: Sendable {
    /// Every figure, in site order (reports, then text order).
    public var mentions: FigureMentions
    /// Indices into ``mentions`` per report (a report's mentions are contiguous).
    public var mentionsByReport: [Range<Int>]
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
    /// For each word in some report's top ``WordFrequency/tableLimit``: how many reports count it
    /// (keyed by the word's bytes, ``ByteKey``).
    var wordReportCounts: [ByteKey: Int]

    /// Merges the figures found in each report (``ReportFigures``, one per report of `index`,
    /// in site order) into the site's index: mentions placed at their passage entries, headline
    /// tables (made per report, ``ReportFigures/headlines``), comparisons. Linear in the number of
    /// mentions and ranked words; nothing is extracted and no indicator name is compared here.
    init(index: SiteIndex, reports: [ReportFigures]) {
        var phases: [[ReportPhase]] = []
        for report in index.reports {
            phases.append(ReportPhase.phases(ofParts: report.parts.map(\.heading.text), year: report.metadata.year))
        }
        let firstEntry = index.firstEntry
        var count = 0
        var byReport = [Range<Int>](repeating: 0..<0, count: index.reports.count)
        var byEntry: [Int: [Int]] = [:]
        var headlines = [[HeadlineRow]](repeating: [], count: index.reports.count)
        for (reportIndex, found) in reports.enumerated() where reportIndex < index.reports.count {
            let first = count
            byReport[reportIndex] = first..<(first + found.mentions.count)
            for (offset, mention) in found.mentions.enumerated() {
                byEntry[firstEntry[reportIndex] + mention.passage, default: []].append(first + offset)
            }
            count += found.mentions.count
            // The report's own headline table, its positions shifted into the site-wide list.
            headlines[reportIndex] = found.headlines.map { HeadlineRow(target: first + $0.target, results: $0.results.map { first + $0 }, name: $0.name) }
        }
        let mentions = FigureMentions(reports: reports.prefix(index.reports.count).map(\.mentions), firstEntry: firstEntry)
        self.mentions = mentions
        self.mentionsByReport = byReport
        self.mentionsByEntry = byEntry
        self.phases = phases
        self.headlines = headlines
        comparisons = Self.comparisons(mentions: mentions, headlines: headlines)
        words = reports.map(\.words)
        // How many reports rank each word of some report's table: one pass over every ranking.
        var counts: [ByteKey: Int] = [:]
        for ranking in words { for entry in ranking.entries.prefix(WordFrequency.tableLimit) { counts[ByteKey(entry.term)] = 0 } }
        for ranking in words {
            for term in ranking.ranks.keys where counts[term] != nil { counts[term, default: 0] += 1 }
        }
        wordReportCounts = counts
    }

    /// Extracts the figures of every report of `index` and merges them (for tests and tools
    /// that have no cache; the build takes them from ``ReportStages``).
    init(index: SiteIndex) {
        let seeds = index.catalog.topics.flatMap(\.keywords)
        self.init(index: index, reports: Parallel.map(index.reports) { ReportFigures.extract($0, seeds: seeds) })
    }
}
