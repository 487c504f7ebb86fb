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
    public var passage: Passage
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
/// - `topic → passages` in site order;
/// - passage counts per topic, report and part (the overview's heat map);
/// - co-occurring topics per topic;
/// - for each group (section, or a part without sections), the most related passages in other
///   groups and other reports: candidates must share a topic; they are scored by the shared
///   keywords, each weighted by its rarity (`ln(1 + N / df)`, N passages, df passages with the
///   keyword), plus ½ per shared topic; the top ``relatedLimit`` are kept, ties broken by site order.
public struct SiteIndex: Sendable {
    /// How many related passages a group lists at most.
    public static let relatedLimit = 5

    public var site: SiteConfig
    public var catalog: TopicCatalog
    public var reports: [Report]
    public var entries: [PassageEntry]
    /// Entry indices per topic key, in site order.
    public var passagesByTopic: [String: [Int]]
    /// `counts[topic][reportIndex][partIndex]`; the report intro is counted under no part.
    public var partCounts: [String: [[Int]]]
    /// Other topics sharing passages with a topic, most shared first.
    public var cooccurring: [String: [(key: String, count: Int)]]
    /// Related passages per group.
    public var related: [GroupKey: [RelatedPassage]]

    /// Builds the index from classified reports (in site order).
    public init(site: SiteConfig, catalog: TopicCatalog, reports: [Report]) {
        self.site = site
        self.catalog = catalog
        self.reports = reports
        var entries: [PassageEntry] = []
        for (r, report) in reports.enumerated() {
            for passage in report.intro {
                entries.append(PassageEntry(order: entries.count, reportIndex: r, partIndex: nil, sectionIndex: nil, passage: passage))
            }
            for (p, part) in report.parts.enumerated() {
                for passage in part.intro {
                    entries.append(PassageEntry(order: entries.count, reportIndex: r, partIndex: p, sectionIndex: nil, passage: passage))
                }
                for (s, section) in part.sections.enumerated() {
                    for passage in section.passages {
                        entries.append(PassageEntry(order: entries.count, reportIndex: r, partIndex: p, sectionIndex: s, passage: passage))
                    }
                }
            }
        }
        self.entries = entries

        var byTopic: [String: [Int]] = [:]
        var counts: [String: [[Int]]] = [:]
        var pairCounts: [String: [String: Int]] = [:]
        for key in catalog.keys {
            byTopic[key] = []
            counts[key] = reports.map { Array(repeating: 0, count: $0.parts.count) }
        }
        for entry in entries {
            for key in entry.passage.topics {
                byTopic[key, default: []].append(entry.order)
                if let p = entry.partIndex { counts[key]?[entry.reportIndex][p] += 1 }
                for other in entry.passage.topics where other != key { pairCounts[key, default: [:]][other, default: 0] += 1 }
            }
        }
        passagesByTopic = byTopic
        partCounts = counts
        cooccurring = pairCounts.mapValues { others in
            others.map { (key: $0.key, count: $0.value) }.sorted {
                $0.count != $1.count ? $0.count > $1.count : catalog.order(of: $0.key) < catalog.order(of: $1.key)
            }
        }
        related = Self.relatedPassages(entries: entries, reports: reports)
    }

    /// The group a passage entry belongs to.
    public static func group(of entry: PassageEntry) -> GroupKey {
        GroupKey(reportIndex: entry.reportIndex, partIndex: entry.partIndex, sectionIndex: entry.sectionIndex)
    }

    // MARK: - Private

    private static func relatedPassages(entries: [PassageEntry], reports: [Report]) -> [GroupKey: [RelatedPassage]] {
        // Keywords (by topic) of every passage, and how many passages have each.
        let keywordSets: [Set<String>] = entries.map { entry in
            Set(entry.passage.matches.flatMap { key, matches in matches.map { key + "/" + $0.term } })
        }
        var documentFrequency: [String: Int] = [:]
        for set in keywordSets { for keyword in set { documentFrequency[keyword, default: 0] += 1 } }
        let total = Double(max(entries.count, 1))
        func weight(_ keyword: String) -> Double { log(1 + total / Double(documentFrequency[keyword] ?? 1)) }

        // Groups that show related passages: sections, and parts without sections.
        var groups: [GroupKey: [Int]] = [:]
        for entry in entries where entry.partIndex != nil {
            let key = group(of: entry)
            if key.sectionIndex == nil, let p = key.partIndex, !reports[key.reportIndex].parts[p].sections.isEmpty { continue }
            groups[key, default: []].append(entry.order)
        }
        var result: [GroupKey: [RelatedPassage]] = [:]
        for (key, members) in groups {
            let topics = Set(members.flatMap { entries[$0].passage.topics })
            guard !topics.isEmpty else { continue }
            let keywords = members.reduce(into: Set<String>()) { $0.formUnion(keywordSets[$1]) }
            var scored: [RelatedPassage] = []
            for entry in entries where group(of: entry) != key && entry.partIndex != nil {
                let shared = entry.passage.topics.filter(topics.contains)
                guard !shared.isEmpty else { continue }
                let sharedKeywords = keywordSets[entry.order].intersection(keywords)
                // Summed in sorted order: a Set's order changes between runs, and floating-point
                // sums in another order can differ in the last bit and reorder equal scores.
                let score = sharedKeywords.sorted().reduce(0) { $0 + weight($1) } + 0.5 * Double(shared.count)
                scored.append(RelatedPassage(entry: entry.order, sharedTopics: shared, score: score))
            }
            scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.entry < $1.entry }
            result[key] = Array(scored.prefix(relatedLimit))
        }
        return result
    }
}
