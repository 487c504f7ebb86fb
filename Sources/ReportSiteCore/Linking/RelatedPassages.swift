import Foundation

/// Related passages, report by report (see ``SiteIndex`` for the scoring rule).
///
/// A report's related passages read only that report and its neighbours (``SiteIndex/neighbours``),
/// so they are a function of their cache keys: ``RelatedCache`` keeps each report's result under
/// the hash of its own key and its neighbours' keys, with report-local identity (neighbour slot,
/// passage position), and a build recomputes only the reports whose neighbourhood changed.
enum RelatedPassages {
    /// How many candidates a group scores at most. Candidates are gathered from the group's
    /// rarest keywords first, then from its topics, so every passage sharing a topic is scored on
    /// a small neighbourhood, and the work per group stays bounded on a large one.
    static let candidateLimit = 400

    /// One related passage with report-local identity, as cached.
    struct Stored: Sendable, Equatable {
        /// 0 for the report itself, `n` for its `n`-th neighbour.
        var slot: Int
        /// Index into that report's ``Report/allPassages``.
        var passage: Int
        var sharedTopics: [String]
        var score: Double
    }

    /// A report's related passages as cached: for each of its groups that lists them (in the
    /// order of ``Report/groups``), the passages.
    typealias ReportResult = [[Stored]]

    /// The related passages of every group of every report.
    static func compute(
        entries: [PassageEntry], reports: [Report], firstEntry: [Int], neighbours: [[Int]], reportKeys: [UInt64]?, cache: RelatedCache?
    ) -> [GroupKey: [RelatedPassage]] {
        let perReport = Parallel.map(Array(reports.indices)) { r -> [(GroupKey, [RelatedPassage])] in
            let pool = [r] + neighbours[r]
            var key: UInt64?
            if let reportKeys, cache != nil {
                // The pool in site order (ties between scores are broken by it), and which
                // member is the report itself.
                var hash = ContentHash()
                hash.combine("related 2")
                let ordered = pool.sorted()
                hash.combine(ordered.firstIndex(of: r) ?? 0)
                for member in ordered { hash.combine(reportKeys[member]) }
                key = hash.value
            }
            let stored: ReportResult
            if let key, let cached = cache?.result(for: key) {
                stored = cached
            } else {
                stored = computeReport(r, pool: pool, entries: entries, reports: reports, firstEntry: firstEntry)
                if let key { cache?.store(stored, for: key) }
            }
            let groups = listingGroups(of: reports[r], reportIndex: r)
            return zip(groups, stored).map { group, items in
                (group, items.compactMap { item -> RelatedPassage? in
                    guard pool.indices.contains(item.slot) else { return nil }
                    let report = pool[item.slot]
                    let entry = firstEntry[report] + item.passage
                    guard entries.indices.contains(entry), entries[entry].reportIndex == report else { return nil }
                    return RelatedPassage(entry: entry, sharedTopics: item.sharedTopics, score: item.score)
                })
            }
        }
        var result: [GroupKey: [RelatedPassage]] = [:]
        for groups in perReport { for (group, items) in groups where !items.isEmpty { result[group] = items } }
        return result
    }

    /// The groups of a report that list related passages, in document order: sections, and
    /// parts without sections.
    static func listingGroups(of report: Report, reportIndex r: Int) -> [GroupKey] {
        var groups: [GroupKey] = []
        for (p, part) in report.parts.enumerated() {
            if part.sections.isEmpty {
                groups.append(GroupKey(reportIndex: r, partIndex: p, sectionIndex: nil))
            } else {
                for s in part.sections.indices { groups.append(GroupKey(reportIndex: r, partIndex: p, sectionIndex: s)) }
            }
        }
        return groups
    }

    // MARK: - Private

    private static func computeReport(_ r: Int, pool: [Int], entries: [PassageEntry], reports: [Report], firstEntry: [Int]) -> ReportResult {
        // The pool's passages, their keywords (topic/term) as small integers, and the passages of each.
        var members: [Int] = []
        for report in pool {
            let count = reports[report].allPassageCount
            members += (firstEntry[report]..<(firstEntry[report] + count))
        }
        var keywordIDs: [String: Int] = [:]
        var keywordsOf: [Int: [Int]] = [:]
        var postings: [[Int]] = []
        var byTopic: [String: [Int]] = [:]
        for order in members {
            let passage = SiteIndex.passage(entries[order], in: reports)
            var ids = Set<Int>()
            // Keys in sorted order: ids (and so the order scores are summed in) must not depend
            // on the dictionary's order, which changes from process to process.
            for key in passage.matches.keys.sorted() {
                for match in passage.matches[key] ?? [] {
                    let name = key + "/" + match.term
                    let id = keywordIDs[name] ?? keywordIDs.count
                    if id == postings.count { postings.append([]) }
                    keywordIDs[name] = id
                    ids.insert(id)
                }
            }
            let sorted = ids.sorted()
            keywordsOf[order] = sorted
            for id in sorted { postings[id].append(order) }
            for key in passage.topics { byTopic[key, default: []].append(order) }
        }
        let total = Double(max(members.count, 1))
        let weights = postings.map { log(1 + total / Double(max($0.count, 1))) }
        let slotOf = Dictionary(pool.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })

        var groupMembers: [GroupKey: [Int]] = [:]
        for order in firstEntry[r]..<(firstEntry[r] + reports[r].allPassageCount) {
            groupMembers[SiteIndex.group(of: entries[order]), default: []].append(order)
        }
        return listingGroups(of: reports[r], reportIndex: r).map { key -> [Stored] in
            let mine = groupMembers[key] ?? []
            let topics = Set(mine.flatMap { SiteIndex.passage(entries[$0], in: reports).topics })
            guard !topics.isEmpty else { return [] }
            let keywords = Set(mine.flatMap { keywordsOf[$0] ?? [] })
            var seen = Set<Int>()
            var candidates: [Int] = []
            func consider(_ list: [Int]) {
                for order in list where candidates.count < candidateLimit {
                    let entry = entries[order]
                    if entry.partIndex != nil, SiteIndex.group(of: entry) != key, seen.insert(order).inserted { candidates.append(order) }
                }
            }
            for id in keywords.sorted(by: { (postings[$0].count, $0) < (postings[$1].count, $1) }) {
                consider(postings[id])
                if candidates.count >= candidateLimit { break }
            }
            for topic in topics.sorted() where candidates.count < candidateLimit { consider(byTopic[topic] ?? []) }

            var scored: [(order: Int, shared: [String], score: Double)] = []
            for order in candidates {
                let entry = entries[order]
                let shared = SiteIndex.passage(entry, in: reports).topics.filter(topics.contains)
                guard !shared.isEmpty else { continue }
                let score = (keywordsOf[order] ?? []).reduce(0) { keywords.contains($1) ? $0 + weights[$1] : $0 } + 0.5 * Double(shared.count)
                scored.append((order, shared, score))
            }
            scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.order < $1.order }
            return scored.prefix(SiteIndex.relatedLimit).map { item in
                let report = entries[item.order].reportIndex
                return Stored(slot: slotOf[report] ?? 0, passage: item.order - firstEntry[report], sharedTopics: item.shared, score: item.score)
            }
        }
    }
}

/// Each report's related passages, kept between builds by the hash of its neighbourhood's cache
/// keys (``RelatedPassages``). Thread-safe; saved with the build cache.
final class RelatedCache: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [UInt64: RelatedPassages.ReportResult] = [:]
    private var used: Set<UInt64> = []

    init(results: [UInt64: RelatedPassages.ReportResult]) {
        self.results = results
    }

    func result(for key: UInt64) -> RelatedPassages.ReportResult? {
        lock.lock()
        defer { lock.unlock() }
        guard let found = results[key] else { return nil }
        used.insert(key)
        return found
    }

    func store(_ result: RelatedPassages.ReportResult, for key: UInt64) {
        lock.lock()
        results[key] = result
        used.insert(key)
        lock.unlock()
    }

    /// A cache for the next build: the results this one used, none marked used yet.
    func forNextBuild() -> RelatedCache { RelatedCache(results: usedResults()) }

    /// The results looked up or stored since the cache was made: what the next build needs.
    func usedResults() -> [UInt64: RelatedPassages.ReportResult] {
        lock.lock()
        defer { lock.unlock() }
        return results.filter { used.contains($0.key) }
    }

    // MARK: - Coding

    func encodedBytes() -> [UInt8] {
        var writer = BinaryWriter()
        writer.write("ReportSite related 1\n")
        let kept = usedResults()
        writer.write(UInt64(kept.count))
        for key in kept.keys.sorted() {
            writer.write(key)
            let groups = kept[key] ?? []
            writer.write(UInt64(groups.count))
            for items in groups {
                writer.write(UInt64(items.count))
                for item in items {
                    writer.write(item.slot)
                    writer.write(item.passage)
                    writer.write(item.sharedTopics)
                    writer.write(item.score)
                }
            }
        }
        writer.seal()
        return writer.bytes
    }

    static func decode(_ data: Data) -> RelatedCache? {
        do {
            var reader = try BinaryReader(sealed: data)
            guard try reader.readString() == "ReportSite related 1\n" else { return nil }
            var results: [UInt64: RelatedPassages.ReportResult] = [:]
            for _ in 0..<(try reader.readCount()) {
                let key = try reader.readUInt64()
                var groups: RelatedPassages.ReportResult = []
                for _ in 0..<(try reader.readCount()) {
                    var items: [RelatedPassages.Stored] = []
                    for _ in 0..<(try reader.readCount()) {
                        items.append(RelatedPassages.Stored(
                            slot: try reader.readInt(), passage: try reader.readInt(), sharedTopics: try reader.readStrings(), score: try reader.readDouble()))
                    }
                    groups.append(items)
                }
                results[key] = groups
            }
            guard reader.isAtEnd else { return nil }
            return RelatedCache(results: results)
        } catch {
            return nil
        }
    }
}
