import Yams

/// Typed, located access to the keys of one YAML mapping, reporting every problem
/// (missing key, wrong shape, unknown key) as a diagnostic instead of stopping at the first.
struct YAMLFields {
    let source: YAMLSource
    let node: Node
    /// What the mapping is, for messages ("site settings", "front matter").
    let what: String
    private let entries: [(key: String, keyNode: Node, value: Node)]

    /// Reads `node` as a mapping; reports an error and returns `nil` for any other shape.
    /// Reads the YAML text of `source` as a mapping. A syntax error is reported once (no
    /// second error about the shape).
    init?(parsing source: YAMLSource, what: String, log: inout DiagnosticLog) {
        let errorsBefore = log.errors.count
        let node = source.compose(into: &log)
        guard log.errors.count == errorsBefore else { return nil }
        self.init(node, source: source, what: what, log: &log)
    }

    init?(_ node: Node?, source: YAMLSource, what: String, stage: BuildStage = .load, log: inout DiagnosticLog) {
        guard let node, let entries = node.stringKeyedEntries else {
            log.report(source.diagnostic(
                .error, at: node, "\(what) must be a mapping of keys to values, found \(node?.shapeName ?? "nothing")",
                hint: "write one `key: value` per line", stage: stage))
            return nil
        }
        self.source = source
        self.node = node
        self.what = what
        self.entries = entries
    }

    /// The value node under `key`, if present.
    func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }

    /// The keys present, in document order, with their key nodes.
    var keys: [(key: String, keyNode: Node)] { entries.map { ($0.key, $0.keyNode) } }

    /// A non-empty text value. Reports an error when the key is required and missing, or when
    /// the value is not text or is empty.
    func string(_ key: String, required: Bool, log: inout DiagnosticLog) -> String? {
        guard let value = value(key) else {
            if required {
                log.report(source.diagnostic(
                    .error, at: node, "\(what) is missing `\(key)`", hint: "add a line `\(key): …`"))
            }
            return nil
        }
        guard let text = value.scalarText?.trimmingWhitespace(), !text.isEmpty else {
            if value.scalarText != nil && !required { return nil }
            log.report(source.diagnostic(
                .error, at: value, "`\(key)` must be non-empty text, found \(value.scalarText == "" ? "nothing" : value.shapeName)",
                hint: "write `\(key): …` with a value on the same line"))
            return nil
        }
        // A value is shown on many pages (a title in every list and heat-map row): bounded, so
        // no page outgrows its size bound, and free of direction controls, which would reverse
        // the text after them wherever it is shown.
        if text.count > Self.maximumTextLength {
            log.report(source.diagnostic(
                .error, at: value, "`\(key)` is \(text.count) characters long, more than \(Self.maximumTextLength)",
                hint: "shorten it: it is shown in lists and headings; long text belongs in the report's body"))
            return nil
        }
        if let control = text.unicodeScalars.first(where: { Self.isDirectionControl($0.value) }) {
            log.report(source.diagnostic(
                .error, at: value, "`\(key)` contains the invisible direction control U+\(String(control.value, radix: 16, uppercase: true)), which would reverse the text after it wherever it is shown",
                hint: "remove it (an editor that shows invisible characters helps)"))
            return nil
        }
        return text
    }

    /// The most characters a text value may have (a title, a place, a dateline).
    static let maximumTextLength = 500

    /// Unicode's bidirectional embedding, override and isolate controls (U+202A–U+202E,
    /// U+2066–U+2069).
    static func isDirectionControl(_ value: UInt32) -> Bool { (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) }

    /// An integer value; reports an error for anything else.
    func int(_ key: String, required: Bool, log: inout DiagnosticLog) -> Int? {
        guard let text = string(key, required: required, log: &log) else { return nil }
        guard let number = Int(text) else {
            log.report(source.diagnostic(
                .error, at: value(key), "`\(key)` must be a whole number, found \"\(text)\"",
                hint: "write it in digits alone, without quotes, brackets or units: `\(key): \(key == "year" ? "2025" : "1")`"))
            return nil
        }
        return number
    }

    /// A list of text values, each with its node (for locations). A single text value is
    /// accepted as a one-element list.
    func stringList(_ key: String, required: Bool, log: inout DiagnosticLog) -> [(text: String, node: Node)]? {
        guard let value = value(key) else {
            if required {
                log.report(source.diagnostic(.error, at: node, "\(what) is missing `\(key)`", hint: "add `\(key): [ … ]`"))
            }
            return nil
        }
        switch value {
        case .sequence(let sequence):
            var items: [(String, Node)] = []
            for item in sequence {
                if let text = item.scalarText?.trimmingWhitespace(), !text.isEmpty {
                    items.append((text, item))
                } else {
                    log.report(source.diagnostic(
                        .error, at: item, "every entry of `\(key)` must be non-empty text, found \(item.scalarText == nil ? item.shapeName : "an empty value")"))
                }
            }
            return items
        case .scalar(let scalar):
            if scalar.string.isEmpty || scalar.tag == Tag(.null) { return [] }
            return [(scalar.string, value)]
        default:
            log.report(source.diagnostic(.error, at: value, "`\(key)` must be a list, found \(value.shapeName)"))
            return nil
        }
    }

    /// Warns about every key not in `known`, suggesting the closest known key.
    func warnAboutUnknownKeys(known: [String], log: inout DiagnosticLog) {
        for (key, keyNode) in keys where !known.contains(key) {
            let hint = Suggestion.nearest(to: key, among: known, maximumDistance: 3).map { "did you mean `\($0)`?" }
                ?? "known keys: \(known.joined(separator: ", "))"
            log.report(source.diagnostic(.warning, at: keyNode, "unknown key `\(key)` in \(what) is ignored", hint: hint))
        }
    }
}
