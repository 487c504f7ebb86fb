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
    /// `counts[topic][reportIndex][partIndex]`. A report without parts has one column, which
    /// counts all its passages; otherwise the opening before the first part is not counted.
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
            counts[key] = reports.map { Array(repeating: 0, count: max($0.parts.count, 1)) }
        }
        for entry in entries {
            for key in entry.passage.topics {
                byTopic[key, default: []].append(entry.order)
                if let p = entry.partIndex {
                    counts[key]?[entry.reportIndex][p] += 1
                } else if reports[entry.reportIndex].parts.isEmpty {
                    counts[key]?[entry.reportIndex][0] += 1
                }
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

    /// How many candidates a group scores at most. Candidates are gathered from the group's
    /// rarest keywords first, then from its topics, so on a small site every passage sharing a
    /// topic is scored, and on a large one the work per group stays bounded.
    static let relatedCandidateLimit = 400

    private static func relatedPassages(entries: [PassageEntry], reports: [Report]) -> [GroupKey: [RelatedPassage]] {
        // Keywords (topic/term) as small integers, per passage, and the passages of each.
        var keywordIDs: [String: Int] = [:]
        var keywordsOf: [[Int]] = []
        for entry in entries {
            var ids = Set<Int>()
            for (key, matches) in entry.passage.matches {
                for match in matches {
                    let name = key + "/" + match.term
                    let id = keywordIDs[name] ?? keywordIDs.count
                    keywordIDs[name] = id
                    ids.insert(id)
                }
            }
            keywordsOf.append(ids.sorted())
        }
        var postings = [[Int]](repeating: [], count: keywordIDs.count)
        for (order, ids) in keywordsOf.enumerated() { for id in ids { postings[id].append(order) } }
        var byTopic: [String: [Int]] = [:]
        for entry in entries { for key in entry.passage.topics { byTopic[key, default: []].append(entry.order) } }
        let total = Double(max(entries.count, 1))
        let weights = postings.map { log(1 + total / Double(max($0.count, 1))) }

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
            let keywords = Set(members.flatMap { keywordsOf[$0] })
            // Candidates: rarest keywords first, then the group's topics, up to the limit.
            var seen = Set<Int>()
            var candidates: [Int] = []
            func consider(_ list: [Int]) {
                for order in list where candidates.count < relatedCandidateLimit {
                    let entry = entries[order]
                    if entry.partIndex != nil, group(of: entry) != key, seen.insert(order).inserted { candidates.append(order) }
                }
            }
            for id in keywords.sorted(by: { (postings[$0].count, $0) < (postings[$1].count, $1) }) {
                consider(postings[id])
                if candidates.count >= relatedCandidateLimit { break }
            }
            for topic in topics.sorted() where candidates.count < relatedCandidateLimit { consider(byTopic[topic] ?? []) }

            var scored: [RelatedPassage] = []
            for order in candidates {
                let entry = entries[order]
                let shared = entry.passage.topics.filter(topics.contains)
                guard !shared.isEmpty else { continue }
                let score = keywordsOf[order].reduce(0) { keywords.contains($1) ? $0 + weights[$1] : $0 } + 0.5 * Double(shared.count)
                scored.append(RelatedPassage(entry: order, sharedTopics: shared, score: score))
            }
            scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.entry < $1.entry }
            result[key] = Array(scored.prefix(relatedLimit))
        }
        return result
    }
}
