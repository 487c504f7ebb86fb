import Foundation

/// Where a passage stands in the site: which report, part and section, and the passage.
public struct PassageEntry: Sendable {
    /// Position in the site's document order (report order, then document order).
    public var order: Int
    public var reportIndex: Int
    /// `nil` for the report's intro.
    public var partIndex: Int?
    /// `nil` for a part's intro.
    public var sectionIndex: Int?
    /// Its place in its group's passages (the report's intro, the part's intro, the section's
    /// passages): ``SiteIndex/passage(_:)`` gives the passage. (The entry held a copy of the
    /// passage: 82,700 copies, 20 MB at 1,000 reports, made again by every build; heaptrack.)
    public var position: Int
}

/// Identifies a group of passages: the report intro, a part's intro, or a section.
public struct GroupKey: Hashable, Sendable {
    public var reportIndex: Int
    public var partIndex: Int?
    public var sectionIndex: Int?
}

/// A passage suggested as related to a group, with the topics they share.
public struct RelatedPassage: Sendable {
    /// Index into ``SiteIndex/entries``.
    public var entry: Int
    public var sharedTopics: [String]
    public var score: Double
}

/// The **link** stage's result: every cross-reference the pages need, computed once.
///
/// - `topic → passages` in site order, and per topic the passage and section counts of each
///   report (the topic indexes and the overview's heat map);
/// - co-occurring topics per topic, and each topic's most frequent keywords;
/// - each report's neighbours: the at most ``neighbourLimit`` other reports of the nearest years
///   (ties in site order), which related passages and word tables compare it with;
/// - for each group (section, or a part without sections), the most related passages in other
///   groups of its own report and of its neighbours: candidates must share a topic; they are
///   scored by the shared keywords, each weighted by its rarity in the report and its
///   neighbours (`ln(1 + N / df)`, N passages, df passages with the keyword), plus ½ per shared
///   topic; the top ``relatedLimit`` are kept, ties broken by site order.
///
/// Related passages read a report and its neighbours only, never the whole site, so an edit to
/// one report changes the related passages of at most the reports it is a neighbour of; each
/// report's are computed from a ``RelatedPassages`` cache key and reused when it is unchanged.
public struct SiteIndex: Sendable {
    /// How many related passages a group lists at most.
    public static let relatedLimit = 5
    /// How many other reports a report is compared with (related passages, word tables).
    public static let neighbourLimit = 9
    /// How many keywords a topic's index lists at most.
    public static let keywordLimit = 40

    public var site: SiteConfig
    public var catalog: TopicCatalog
    public var reports: [Report]
    /// The short label of each report in lists, distinct when reports share place and year.
    public var labels: ReportLabels
    public var entries: [PassageEntry]
    /// The first entry of each report (entries are contiguous per report, in document order).
    public var firstEntry: [Int]
    /// Entry indices per topic key, in site order.
    public var passagesByTopic: [String: [Int]]
    /// Per topic key, the number of passages of each report with that topic (report order).
    public var reportCounts: [String: [Int]]
    /// Per topic key, the number of groups (sections, part and report openings) of each report
    /// with a passage on that topic.
    public var reportSectionCounts: [String: [Int]]
    /// Other topics sharing passages with a topic, most shared first.
    public var cooccurring: [String: [(key: String, count: Int)]]
    /// The keywords that matched per topic, most frequent first (at most ``keywordLimit``).
    public var keywords: [String: [(term: String, count: Int)]]
    /// The neighbours of each report (indices into ``reports``), in site order.
    public var neighbours: [[Int]]
    /// Related passages per group.
    public var related: [GroupKey: [RelatedPassage]]

    /// Builds the index from classified reports (in site order), computing every report's
    /// related passages.
    public init(site: SiteConfig, catalog: TopicCatalog, reports: [Report]) {
        self.init(site: site, catalog: catalog, reports: reports, reportKeys: nil, relatedCache: nil)
    }

    /// Builds the index from classified reports (in site order).
    /// - Parameters:
    ///   - reportKeys: each report's cache key (its bytes, path, `topics.yml`, tool version), or
    ///     `nil` when there is no cache.
    ///   - relatedCache: where each report's related passages are looked up and kept, by a key
    ///     of the report and its neighbours' cache keys (`reportKeys`); `nil` to compute them all.
    init(site: SiteConfig, catalog: TopicCatalog, reports: [Report], reportKeys: [UInt64]?, relatedCache: RelatedCache?) {
        self.site = site
        self.catalog = catalog
        self.reports = reports
        labels = ReportLabels(reports)
        var entries: [PassageEntry] = []
        entries.reserveCapacity(reports.reduce(0) { $0 + $1.allPassageCount })
        var firstEntry: [Int] = []
        for (r, report) in reports.enumerated() {
            firstEntry.append(entries.count)
            for position in report.intro.indices {
                entries.append(PassageEntry(order: entries.count, reportIndex: r, partIndex: nil, sectionIndex: nil, position: position))
            }
            for (p, part) in report.parts.enumerated() {
                for position in part.intro.indices {
                    entries.append(PassageEntry(order: entries.count, reportIndex: r, partIndex: p, sectionIndex: nil, position: position))
                }
                for (s, section) in part.sections.enumerated() {
                    for position in section.passages.indices {
                        entries.append(PassageEntry(order: entries.count, reportIndex: r, partIndex: p, sectionIndex: s, position: position))
                    }
                }
            }
        }
        self.entries = entries
        self.firstEntry = firstEntry

        // Each report's tallies on its own, in parallel (``TopicTally``), then merged in report
        // order: counting in one pass over every passage, by topic names, was 11 % of a one-edit
        // rebuild at 1,000 reports (perf).
        let keys = catalog.keys
        let positions = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let tallies = Parallel.map(Array(reports.indices)) { TopicTally(reports[$0], positions: positions) }
        let topicCount = keys.count
        var byTopicPosition = Array(repeating: [Int](), count: topicCount)
        var countsByPosition = Array(repeating: Array(repeating: 0, count: reports.count), count: topicCount)
        var groupsByPosition = countsByPosition
        var pairTotals = Array(repeating: 0, count: topicCount * topicCount)
        var keywordTotals = Array(repeating: [ByteKey: Int](), count: topicCount)
        for (r, tally) in tallies.enumerated() {
            let first = firstEntry[r]
            for t in 0..<topicCount {
                byTopicPosition[t].append(contentsOf: tally.passages[t].lazy.map { first + $0 })
                countsByPosition[t][r] = tally.passages[t].count
                groupsByPosition[t][r] = tally.groups[t]
                for (term, count) in tally.keywords[t] { keywordTotals[t][term, default: 0] += count }
            }
            for pair in tally.pairs.indices where tally.pairs[pair] != 0 { pairTotals[pair] += tally.pairs[pair] }
        }
        var byTopic: [String: [Int]] = [:]
        var counts: [String: [Int]] = [:]
        var sectionCounts: [String: [Int]] = [:]
        var pairCounts: [String: [String: Int]] = [:]
        var keywordCounts: [String: [String: Int]] = [:]
        for (key, t) in positions {
            byTopic[key] = byTopicPosition[t]
            counts[key] = countsByPosition[t]
            sectionCounts[key] = groupsByPosition[t]
            for (other, o) in positions where pairTotals[t * topicCount + o] != 0 {
                pairCounts[key, default: [:]][other] = pairTotals[t * topicCount + o]
            }
            if !keywordTotals[t].isEmpty {
                keywordCounts[key] = Dictionary(keywordTotals[t].map { ($0.key.string, $0.value) }, uniquingKeysWith: +)
            }
        }
        passagesByTopic = byTopic
        reportCounts = counts
        reportSectionCounts = sectionCounts
        cooccurring = pairCounts.mapValues { others in
            others.map { (key: $0.key, count: $0.value) }.sorted {
                $0.count != $1.count ? $0.count > $1.count : catalog.order(of: $0.key) < catalog.order(of: $1.key)
            }
        }
        keywords = keywordCounts.mapValues { terms in
            Array(terms.map { (term: $0.key, count: $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.term < $1.term }
                .prefix(Self.keywordLimit))
        }
        let neighbours = Self.neighbours(places: reports.map(\.metadata.place), years: reports.map(\.metadata.year))
        self.neighbours = neighbours
        related = RelatedPassages.compute(
            entries: entries, reports: reports, firstEntry: firstEntry, neighbours: neighbours, reportKeys: reportKeys, cache: relatedCache)
    }

    /// The passage of `entry`.
    public func passage(_ entry: PassageEntry) -> Passage { Self.passage(entry, in: reports) }

    /// The passage of the entry at `order` (an index into ``entries``).
    public func passage(at order: Int) -> Passage { Self.passage(entries[order], in: reports) }

    /// The passage of `entry` among `reports` (the index's reports).
    static func passage(_ entry: PassageEntry, in reports: [Report]) -> Passage {
        let report = reports[entry.reportIndex]
        guard let p = entry.partIndex else { return report.intro[entry.position] }
        guard let s = entry.sectionIndex else { return report.parts[p].intro[entry.position] }
        return report.parts[p].sections[s].passages[entry.position]
    }

    /// The number of passages of report `r` with topic `key`.
    public func count(of key: String, inReport r: Int) -> Int { reportCounts[key]?[r] ?? 0 }

    /// The group a passage entry belongs to.
    public static func group(of entry: PassageEntry) -> GroupKey {
        GroupKey(reportIndex: entry.reportIndex, partIndex: entry.partIndex, sectionIndex: entry.sectionIndex)
    }

    /// The neighbours of every report, in site order: first other reports of the same place,
    /// nearest years first (at most half of ``neighbourLimit``), then reports of the same year,
    /// nearest in site order, then of the nearest other years, until ``neighbourLimit``.
    ///
    /// Each report looks only around its own place and year, so the whole is linear in the number
    /// of reports, and a report is the neighbour of a bounded number of others: an edit to one
    /// report changes the related passages and word tables of a few reports, not of every report
    /// of its year.
    static func neighbours(places: [String], years: [Int]) -> [[Int]] {
        var byPlace: [String: [Int]] = [:]
        var byYear: [Int: [Int]] = [:]
        for r in years.indices {
            byPlace[places[r], default: []].append(r)
            byYear[years[r], default: []].append(r)
        }
        let sortedYears = byYear.keys.sorted()
        let limit = neighbourLimit
        /// The members of `bucket` (ascending) nearest to `r` in site order, `r` excluded.
        func nearest(_ bucket: [Int], to r: Int, count: Int, skipping chosen: Set<Int>) -> [Int] {
            var out: [Int] = []
            var right = bucket.partitionIndex(r)
            var left = right - 1
            while out.count < count, left >= 0 || right < bucket.count {
                let takeLeft: Bool
                if left < 0 { takeLeft = false } else if right >= bucket.count { takeLeft = true } else { takeLeft = r - bucket[left] <= bucket[right] - r }
                let candidate = takeLeft ? bucket[left] : bucket[right]
                if takeLeft { left -= 1 } else { right += 1 }
                if candidate != r, !chosen.contains(candidate) { out.append(candidate) }
            }
            return out
        }
        return years.indices.map { r in
            var chosen: [Int] = []
            var taken = Set<Int>()
            func add(_ list: [Int]) { for item in list where taken.insert(item).inserted { chosen.append(item) } }
            // Same place, nearest years (then nearest in site order).
            let place = byPlace[places[r]] ?? []
            if place.count > 1 {
                let others = place.filter { $0 != r }
                let ranked = others.count <= 64
                    ? others.sorted { (abs(years[$0] - years[r]), abs($0 - r), $0) < (abs(years[$1] - years[r]), abs($1 - r), $1) }
                    : nearest(place, to: r, count: limit / 2, skipping: [])
                add(Array(ranked.prefix(limit / 2)))
            }
            // Same year, then the nearest other years.
            let position = sortedYears.partitionIndex(years[r])
            var lower = position - 1, upper = position + 1
            add(nearest(byYear[years[r]] ?? [], to: r, count: limit - chosen.count, skipping: taken))
            while chosen.count < limit, lower >= 0 || upper < sortedYears.count {
                let pickLower: Bool
                if lower < 0 { pickLower = false } else if upper >= sortedYears.count { pickLower = true } else {
                    pickLower = years[r] - sortedYears[lower] <= sortedYears[upper] - years[r]
                }
                let year = pickLower ? sortedYears[lower] : sortedYears[upper]
                if pickLower { lower -= 1 } else { upper += 1 }
                add(nearest(byYear[year] ?? [], to: r, count: limit - chosen.count, skipping: taken))
            }
            return chosen.sorted()
        }
    }
}

extension Array where Element: Comparable {
    /// The index of the first element not less than `value` (the array is ascending).
    func partitionIndex(_ value: Element) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
