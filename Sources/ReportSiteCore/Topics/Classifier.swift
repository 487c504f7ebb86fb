/// The **classify** stage: gives every passage its topics.
///
/// For each topic, the passage's keyword matches (``KeywordMatcher``) are weighed: a keyword
/// counts 1, an ambiguous keyword ½, and a topic needs a total of at least 1 (one keyword, or two
/// ambiguous ones). Then the passage's annotation edits are applied in order, part first, then
/// section, then passage, so annotations always win. Topics are kept in catalog order, so the
/// result does not depend on anything but the text and the definitions.
struct Classifier {
    /// Score a topic needs from keywords to be assigned.
    static let threshold = 1.0

    let catalog: TopicCatalog
    private let alphabet: KeywordAlphabet
    private let matchers: [(key: String, matcher: KeywordMatcher)]

    init(catalog: TopicCatalog) {
        self.catalog = catalog
        let alphabet = KeywordAlphabet(topics: catalog.topics)
        self.alphabet = alphabet
        matchers = catalog.topics.map { ($0.key, KeywordMatcher(topic: $0, alphabet: alphabet)) }
    }

    /// Classifies every passage of `report`. Unknown topic keys in annotations are reported
    /// with the location of the `+key`/`-key`; returns `nil` if there was any.
    func classify(_ report: Report, log: inout DiagnosticLog) -> Report? {
        let errorsBefore = log.errors.count
        let report = classifiedIgnoringUnknownTopics(report, log: &log)
        return log.errors.count == errorsBefore ? report : nil
    }

    /// Classifies every passage of `report` like ``classify(_:log:)``, reporting unknown topic
    /// keys but leaving them out instead of refusing the report: the build uses this so that a
    /// report with a misspelt topic still reaches the link stage and one run reports its other
    /// problems too (the error fails the build all the same).
    func classifiedIgnoringUnknownTopics(_ report: Report, log: inout DiagnosticLog) -> Report {
        var report = report
        var reported = Set<SourceLocation>()
        func classifyAll(_ passages: inout [Passage]) {
            for i in passages.indices { passages[i] = classify(passages[i], reported: &reported, log: &log) }
        }
        classifyAll(&report.intro)
        for p in report.parts.indices {
            classifyAll(&report.parts[p].intro)
            for s in report.parts[p].sections.indices { classifyAll(&report.parts[p].sections[s].passages) }
        }
        return report
    }

    /// Classifies one passage (see the type's rules). An unknown topic is reported once per
    /// annotation: `reported` holds the locations already reported.
    func classify(_ passage: Passage, reported: inout Set<SourceLocation>, log: inout DiagnosticLog) -> Passage {
        var passage = passage
        let folded = alphabet.encode(TextFolding.fold(passage.text))
        var topics = Set<String>()
        var matches: [String: [KeywordMatch]] = [:]
        for (key, matcher) in matchers {
            let found = matcher.matches(in: folded)
            guard !found.isEmpty else { continue }
            matches[key] = found
            if found.reduce(0, { $0 + $1.weight }) >= Self.threshold { topics.insert(key) }
        }
        for edit in passage.topicEdits {
            guard catalog.topic(edit.key) != nil else {
                if reported.insert(edit.location).inserted {
                    let suggestion = Suggestion.nearest(to: edit.key, among: catalog.keys, maximumDistance: 3)
                    log.report(Diagnostic(
                        .error, at: edit.location, "unknown topic `\(edit.key)` in annotation",
                        hint: (suggestion.map { "did you mean `\($0)`? " } ?? "")
                            + "Topics are defined in topics.yml: \(catalog.keys.joined(separator: ", "))",
                        stage: .classify, sourceLine: edit.sourceLine))
                }
                continue
            }
            if edit.add { topics.insert(edit.key) } else { topics.remove(edit.key) }
        }
        passage.topics = catalog.keys.filter(topics.contains)
        passage.matches = matches.filter { topics.contains($0.key) }
        return passage
    }
}
