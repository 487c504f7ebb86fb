/// The full-text index of a site: every passage and every heading of every report, tokenized
/// with ``SearchTokenizer`` (index mode), as an inverted index with positions.
///
/// Built in the **render** stage from the ``SiteIndex``; ``SearchIndexFiles`` splits it into
/// the files the browser loads. It holds no URLs and no labels: only what was searched.
struct SearchIndex: Sendable {
    /// One searchable unit: a passage, or a part or section heading.
    struct Document: Sendable, Equatable {
        /// Index into ``SearchIndex/groups``: where the document stands.
        var group: Int
        /// The anchor of the passage or heading on its report page.
        var anchor: String
        /// The text that was indexed (a passage's plain text, or the heading as written).
        var text: String
        var isHeading: Bool
        /// Indices into the catalog's topic keys: the passage's topics; for a heading, those
        /// of every passage under it.
        var topics: [Int]
        /// Number of positions of the text (``SearchToken/position`` of the last token + 1).
        var length: Int
    }

    /// Occurrences of a term in one document.
    struct Posting: Sendable, Equatable {
        var document: Int
        /// Positions, ascending.
        var positions: [Int]
    }

    /// Documents in site order: per report, the opening passages, then per part its heading,
    /// its opening passages, and per section its heading and passages.
    var documents: [Document]
    /// The groups documents belong to (report opening, a part's opening, a section), in
    /// site order; the same ``GroupKey`` the link stage uses.
    var groups: [GroupKey]
    /// Postings per term; documents ascending.
    var postings: [String: [Posting]]

    /// Indexes every report of `index`.
    init(index: SiteIndex) {
        let keys = index.catalog.keys
        func topicIndices(_ passages: [Passage]) -> [Int] {
            keys.indices.filter { k in passages.contains { $0.topics.contains(keys[k]) } }
        }
        var documents: [Document] = []
        var groups: [GroupKey] = []
        func add(_ text: String, anchor: String, heading: Bool, topics: [Int]) {
            documents.append(Document(group: groups.count - 1, anchor: anchor, text: text, isHeading: heading, topics: topics, length: 0))
        }
        func addPassages(_ passages: [Passage]) {
            for passage in passages { add(passage.text, anchor: passage.anchor, heading: false, topics: topicIndices([passage])) }
        }
        for (r, report) in index.reports.enumerated() {
            if !report.intro.isEmpty {
                groups.append(GroupKey(reportIndex: r, partIndex: nil, sectionIndex: nil))
                addPassages(report.intro)
            }
            for (p, part) in report.parts.enumerated() {
                groups.append(GroupKey(reportIndex: r, partIndex: p, sectionIndex: nil))
                let partPassages = part.intro + part.sections.flatMap(\.passages)
                add(part.heading.text, anchor: part.heading.anchor, heading: true, topics: topicIndices(partPassages))
                addPassages(part.intro)
                for (s, section) in part.sections.enumerated() {
                    groups.append(GroupKey(reportIndex: r, partIndex: p, sectionIndex: s))
                    add(section.heading.text, anchor: section.heading.anchor, heading: true, topics: topicIndices(section.passages))
                    addPassages(section.passages)
                }
            }
        }
        // Documents are tokenized in runs on every core; each run's postings are then appended
        // in run order, so every list stays in document order.
        let runLength = max(64, documents.count / (Parallel.coreCount * 8) + 1)
        let runs = stride(from: 0, to: documents.count, by: runLength).map { $0..<min($0 + runLength, documents.count) }
        let texts = documents.map(\.text)
        let tokenized = Parallel.map(runs) { run -> (lengths: [Int], postings: [String: [Posting]]) in
            var lengths: [Int] = []
            var postings: [String: [Posting]] = [:]
            for d in run {
                let tokens = SearchTokenizer.tokenize(texts[d], mode: .index)
                lengths.append((tokens.last?.position ?? -1) + 1)
                var positions: [String: [Int]] = [:]
                for token in tokens { positions[token.term, default: []].append(token.position) }
                for (term, list) in positions { postings[term, default: []].append(Posting(document: d, positions: list)) }
            }
            return (lengths, postings)
        }
        var postings: [String: [Posting]] = [:]
        for (run, part) in zip(runs, tokenized) {
            for (offset, length) in part.lengths.enumerated() { documents[run.lowerBound + offset].length = length }
            for (term, list) in part.postings { postings[term, default: []].append(contentsOf: list) }
        }
        self.documents = documents
        self.groups = groups
        self.postings = postings
    }
}
