/// One report's share of the site's topic tallies (``SiteIndex``): counted from that report
/// alone, so reports are counted in parallel and the site's tallies are a merge of small
/// summaries, linear in the number of reports.
///
/// Topics are numbered in catalog order (``TopicCatalog/keys``). A topic key that is not in the
/// catalog is not counted: the classify stage reports it as an error, and the build stops before
/// the link stage reads the tallies.
struct TopicTally: Sendable {
    /// Per topic: the ordinals (document order, from 0 at the report's first passage) of the
    /// report's passages with that topic.
    var passages: [[Int]]
    /// Per topic: the number of groups (the report's opening, a part's opening, a section) with
    /// at least one passage on that topic.
    var groups: [Int]
    /// Per pair of topics (`first * topicCount + second`): the passages with both.
    var pairs: [Int]
    /// Per topic: each keyword that matched (as written in `topics.yml`, keyed by its bytes) and
    /// its number of matches in the report.
    var keywords: [[ByteKey: Int]]

    /// Counts `report`'s passages.
    /// - Parameter positions: each catalog key's position in catalog order.
    init(_ report: Report, positions: [String: Int]) {
        let count = positions.count
        passages = Array(repeating: [], count: count)
        groups = Array(repeating: 0, count: count)
        pairs = Array(repeating: 0, count: count * count)
        keywords = Array(repeating: [:], count: count)
        var ordinal = 0
        var seen = Array(repeating: false, count: count)
        var topics: [Int] = []
        for group in report.groups {
            for t in seen.indices { seen[t] = false }
            for passage in group.passages {
                topics.removeAll(keepingCapacity: true)
                for key in passage.topics { if let t = positions[key] { topics.append(t) } }
                for t in topics {
                    passages[t].append(ordinal)
                    if !seen[t] {
                        seen[t] = true
                        groups[t] += 1
                    }
                    for other in topics where other != t { pairs[t * count + other] += 1 }
                }
                for (key, matches) in passage.matches {
                    guard let t = positions[key], passage.topics.contains(key) else { continue }
                    for match in matches { keywords[t][ByteKey(match.term), default: 0] += 1 }
                }
                ordinal += 1
            }
        }
    }
}
