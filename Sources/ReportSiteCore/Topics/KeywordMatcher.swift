/// One keyword found in a passage's plain text.
public struct KeywordMatch: Sendable, Equatable {
    /// The keyword as written in `topics.yml`.
    public var term: String
    /// Character offsets (Swift `Character`s) in the passage's plain text.
    public var range: Range<Int>
    /// 1 for a keyword, ½ for an ambiguous keyword.
    public var weight: Double
}

/// Finds one topic's keywords in text: excluded phrases first (a keyword inside 政治生态 does not
/// count for ecology), then leftmost-longest keyword matches (生态环境 rather than 生态), without
/// overlaps. Matching is on folded text (``TextFolding``), so `ＰＭ２．５` finds `PM2.5`.
struct KeywordMatcher: Sendable {
    /// Weight of a keyword listed under `ambiguous` (also when listed under `keywords`).
    static let ambiguousWeight = 0.5

    private struct Term: Sendable {
        let characters: [Character]
        let original: String
        let weight: Double
    }

    /// Terms by their first folded character, longest first.
    private let terms: [Character: [Term]]
    private let exclusions: [Character: [[Character]]]

    init(topic: TopicDefinition) {
        var weights: [String: Double] = [:]
        for keyword in topic.keywords { weights[keyword] = 1 }
        for word in topic.ambiguous.keys { weights[word] = Self.ambiguousWeight }
        var terms: [Character: [Term]] = [:]
        for (word, weight) in weights {
            let folded = TextFolding.fold(word)
            guard let first = folded.first else { continue }
            terms[first, default: []].append(Term(characters: folded, original: word, weight: weight))
        }
        self.terms = terms.mapValues { $0.sorted { ($0.characters.count, $1.original) > ($1.characters.count, $0.original) } }
        var exclusions: [Character: [[Character]]] = [:]
        for phrase in topic.exclude {
            let folded = TextFolding.fold(phrase)
            guard let first = folded.first else { continue }
            exclusions[first, default: []].append(folded)
        }
        self.exclusions = exclusions.mapValues { $0.sorted { $0.count > $1.count } }
    }

    /// The matches in `text` (already folded with ``TextFolding/fold(_:)-swift.type.method``), in order.
    func matches(in text: [Character]) -> [KeywordMatch] {
        var blocked = [Bool](repeating: false, count: text.count)
        if !exclusions.isEmpty {
            for start in text.indices {
                guard let candidates = exclusions[text[start]] else { continue }
                for phrase in candidates where Self.hasPrefix(text, phrase, at: start) {
                    for index in start..<(start + phrase.count) { blocked[index] = true }
                    break
                }
            }
        }
        var found: [KeywordMatch] = []
        var index = 0
        while index < text.count {
            if !blocked[index], let candidates = terms[text[index]],
               let term = candidates.first(where: { term in
                   Self.hasPrefix(text, term.characters, at: index)
                       && !blocked[index..<(index + term.characters.count)].contains(true)
               }) {
                found.append(KeywordMatch(term: term.original, range: index..<(index + term.characters.count), weight: term.weight))
                index += term.characters.count
            } else {
                index += 1
            }
        }
        return found
    }

    private static func hasPrefix(_ text: [Character], _ prefix: [Character], at start: Int) -> Bool {
        guard start + prefix.count <= text.count else { return false }
        for offset in prefix.indices where text[start + offset] != prefix[offset] { return false }
        return true
    }
}
