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
///
/// Characters are compared as small integers (``KeywordAlphabet``): the text is encoded once per
/// passage for all topics, instead of every topic hashing and comparing every `Character`.
struct KeywordMatcher: Sendable {
    /// Weight of a keyword listed under `ambiguous` (also when listed under `keywords`).
    static let ambiguousWeight = 0.5

    private struct Term: Sendable {
        let characters: [Int32]
        let original: String
        let weight: Double
    }

    let alphabet: KeywordAlphabet
    /// Terms by their first folded character, longest first.
    private let terms: [Int32: [Term]]
    private let exclusions: [Int32: [[Int32]]]

    /// A matcher with an alphabet of its own topic's characters.
    init(topic: TopicDefinition) {
        self.init(topic: topic, alphabet: KeywordAlphabet(topics: [topic]))
    }

    /// A matcher sharing `alphabet`, which must hold every character of the topic's keywords
    /// and exclusions (``KeywordAlphabet/init(topics:)`` with this topic among them).
    init(topic: TopicDefinition, alphabet: KeywordAlphabet) {
        self.alphabet = alphabet
        var weights: [String: Double] = [:]
        for keyword in topic.keywords { weights[keyword] = 1 }
        for word in topic.ambiguous.keys { weights[word] = Self.ambiguousWeight }
        var terms: [Int32: [Term]] = [:]
        for (word, weight) in weights {
            let folded = alphabet.encode(TextFolding.fold(word))
            guard let first = folded.first else { continue }
            terms[first, default: []].append(Term(characters: folded, original: word, weight: weight))
        }
        self.terms = terms.mapValues { $0.sorted { ($0.characters.count, $1.original) > ($1.characters.count, $0.original) } }
        var exclusions: [Int32: [[Int32]]] = [:]
        for phrase in topic.exclude {
            let folded = alphabet.encode(TextFolding.fold(phrase))
            guard let first = folded.first else { continue }
            exclusions[first, default: []].append(folded)
        }
        self.exclusions = exclusions.mapValues { $0.sorted { $0.count > $1.count } }
    }

    /// The matches in `text` (already folded with ``TextFolding/fold(_:)-swift.type.method``), in order.
    func matches(in text: [Character]) -> [KeywordMatch] {
        matches(in: alphabet.encode(text))
    }

    /// The matches in `text` encoded with ``alphabet``, in order.
    func matches(in text: [Int32]) -> [KeywordMatch] {
        var blocked: [Bool] = []
        if !exclusions.isEmpty {
            for start in text.indices where text[start] >= 0 {
                guard let candidates = exclusions[text[start]] else { continue }
                for phrase in candidates where Self.hasPrefix(text, phrase, at: start) {
                    if blocked.isEmpty { blocked = [Bool](repeating: false, count: text.count) }
                    for index in start..<(start + phrase.count) { blocked[index] = true }
                    break
                }
            }
        }
        var found: [KeywordMatch] = []
        var index = 0
        while index < text.count {
            if text[index] >= 0, blocked.isEmpty || !blocked[index], let candidates = terms[text[index]],
               let term = candidates.first(where: { term in
                   Self.hasPrefix(text, term.characters, at: index)
                       && (blocked.isEmpty || !blocked[index..<(index + term.characters.count)].contains(true))
               }) {
                found.append(KeywordMatch(term: term.original, range: index..<(index + term.characters.count), weight: term.weight))
                index += term.characters.count
            } else {
                index += 1
            }
        }
        return found
    }

    private static func hasPrefix(_ text: [Int32], _ prefix: [Int32], at start: Int) -> Bool {
        guard start + prefix.count <= text.count else { return false }
        for offset in prefix.indices where text[start + offset] != prefix[offset] { return false }
        return true
    }
}

/// The characters of a set of topics' keywords and exclusions, numbered. Text is encoded as
/// these numbers, -1 for a character no keyword has (it can match nothing). Looking a
/// `Character` up compares canonically equivalent characters as equal, as `==` does, so
/// matching on numbers finds exactly what matching on characters would.
struct KeywordAlphabet: Sendable {
    private let numbers: [Character: Int32]

    init(topics: [TopicDefinition]) {
        var numbers: [Character: Int32] = [:]
        for topic in topics {
            for word in topic.keywords + Array(topic.ambiguous.keys) + topic.exclude {
                for character in TextFolding.fold(word) where numbers[character] == nil {
                    numbers[character] = Int32(numbers.count)
                }
            }
        }
        self.numbers = numbers
    }

    /// `text` as numbers.
    func encode(_ text: [Character]) -> [Int32] { text.map { numbers[$0] ?? -1 } }
}
