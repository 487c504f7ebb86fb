import Yams

/// One topic (a term of the `topics` taxonomy) as defined in `Content/topics.yml`.
public struct TopicDefinition: Sendable, Equatable {
    /// The key used in URLs and annotations (`ecology`): lower-case ASCII letters, digits, `-`, `_`.
    public var key: String
    /// Chinese name (生态环境).
    public var nameZh: String
    /// English name (Ecology & Environment).
    public var nameEn: String
    /// One line saying what the topic gathers.
    public var description: String
    /// Keywords, each weighing 1 (one is enough to tag a passage).
    public var keywords: [String]
    /// Ambiguous keywords, each weighing ½, with the other topic keys they also signal.
    public var ambiguous: [String: [String]]
    /// Phrases removed before matching (政治生态 is not ecology).
    public var exclude: [String]

    public init(
        key: String, nameZh: String, nameEn: String, description: String, keywords: [String],
        ambiguous: [String: [String]] = [:], exclude: [String] = []
    ) {
        self.key = key
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.description = description
        self.keywords = keywords
        self.ambiguous = ambiguous
        self.exclude = exclude
    }
}

/// Every topic of the site, in the order of `topics.yml`, plus the generic words that are too
/// common to classify anything.
///
/// `topics.yml` has the shape of `shared/docs/domain.md` section 4:
/// ```yaml
/// version: 1
/// generic: [发展, 建设, …]
/// topics:
///   ecology:
///     name_zh: 生态环境
///     name_en: Ecology & Environment
///     description: …
///     keywords: [生态, …]
///     ambiguous: {草原: [rural, industry]}
///     exclude: [政治生态]
/// ```
public struct TopicCatalog: Sendable, Equatable {
    public var topics: [TopicDefinition]
    public var generic: [String]

    public init(topics: [TopicDefinition], generic: [String] = []) {
        self.topics = topics
        self.generic = generic
    }

    /// The topic with `key`, if defined.
    public func topic(_ key: String) -> TopicDefinition? { topics.first { $0.key == key } }

    /// The position of `key` in the catalog, used to order topic lists the same way everywhere.
    public func order(of key: String) -> Int { topics.firstIndex { $0.key == key } ?? Int.max }

    /// All keys, in catalog order.
    public var keys: [String] { topics.map(\.key) }
}

extension TopicCatalog {
    static let topicKeys = ["name_zh", "name_en", "description", "keywords", "ambiguous", "exclude"]

    /// Reads `topics.yml`; every problem goes to `log`. Returns `nil` when any error was found.
    static func parse(_ text: String, path: String, log: inout DiagnosticLog) -> TopicCatalog? {
        let source = YAMLSource(path: path, text: text, lineOffset: 0)
        let errorsBefore = log.errors.count
        guard let root = YAMLFields(parsing: source, what: "topic definitions", log: &log) else {
            return nil
        }
        root.warnAboutUnknownKeys(known: ["version", "generic", "topics"], log: &log)
        if let version = root.int("version", required: false, log: &log), version != 1 {
            log.report(source.diagnostic(.error, at: root.value("version"), "topics.yml version \(version) is not supported; this ReportSite reads version 1"))
        }
        let generic = root.stringList("generic", required: false, log: &log)?.map(\.text) ?? []
        guard let topicsNode = root.value("topics") else {
            log.report(source.diagnostic(.error, at: root.node, "topic definitions have no `topics`", hint: "add `topics:` with at least one topic"))
            return nil
        }
        guard let entries = topicsNode.stringKeyedEntries else {
            log.report(source.diagnostic(.error, at: topicsNode, "`topics` must be a mapping from topic keys to definitions"))
            return nil
        }
        guard !entries.isEmpty else {
            log.report(source.diagnostic(.error, at: topicsNode, "`topics` defines no topic", hint: "add at least one topic: `ecology:` with `name_zh`, `name_en` and `keywords`"))
            return nil
        }
        var topics: [TopicDefinition] = []
        var ambiguityReferences: [(topic: String, other: String, node: Node)] = []
        for (key, keyNode, value) in entries {
            if key.range(of: #"^[a-z][a-z0-9_-]*$"#, options: .regularExpression) == nil {
                log.report(source.diagnostic(
                    .error, at: keyNode, "topic key `\(key)` is not a valid key",
                    hint: "use lower-case ASCII letters, digits, `-` or `_`, starting with a letter (it becomes the URL topics/<key>/)"))
                continue
            }
            guard let fields = YAMLFields(value, source: source, what: "topic `\(key)`", log: &log) else { continue }
            fields.warnAboutUnknownKeys(known: topicKeys, log: &log)
            let nameZh = fields.string("name_zh", required: true, log: &log)
            let nameEn = fields.string("name_en", required: true, log: &log)
            let description = fields.string("description", required: false, log: &log) ?? ""
            let keywords = fields.stringList("keywords", required: true, log: &log)?.map(\.text) ?? []
            let exclude = fields.stringList("exclude", required: false, log: &log)?.map(\.text) ?? []
            var ambiguous: [String: [String]] = [:]
            if let ambiguousNode = fields.value("ambiguous") {
                if let pairs = ambiguousNode.stringKeyedEntries {
                    for (word, _, others) in pairs {
                        let list: [(String, Node)]
                        switch others {
                        case .sequence(let sequence): list = sequence.compactMap { item in item.scalarText.map { ($0, item) } }
                        case .scalar(let scalar): list = scalar.string.isEmpty ? [] : [(scalar.string, others)]
                        default: list = []
                        }
                        ambiguous[word] = list.map(\.0)
                        ambiguityReferences += list.map { (key, $0.0, $0.1) }
                    }
                } else if ambiguousNode.scalarText?.isEmpty != true {
                    log.report(source.diagnostic(.error, at: ambiguousNode, "`ambiguous` of topic `\(key)` must map words to lists of other topics"))
                }
            }
            if keywords.isEmpty && ambiguous.isEmpty {
                log.report(source.diagnostic(.error, at: keyNode, "topic `\(key)` has no keywords", hint: "list at least one word under `keywords`"))
            }
            if let nameZh, let nameEn {
                topics.append(TopicDefinition(
                    key: key, nameZh: nameZh, nameEn: nameEn, description: description, keywords: keywords,
                    ambiguous: ambiguous, exclude: exclude))
            }
        }
        let defined = Set(topics.map(\.key))
        for reference in ambiguityReferences where !defined.contains(reference.other) {
            log.report(source.diagnostic(
                .warning, at: reference.node, "ambiguous keyword of `\(reference.topic)` names unknown topic `\(reference.other)`",
                hint: "defined topics: \(topics.map(\.key).joined(separator: ", "))"))
        }
        guard log.errors.count == errorsBefore else { return nil }
        return TopicCatalog(topics: topics, generic: generic)
    }
}
