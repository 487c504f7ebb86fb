import CommonMark

/// A report as the site sees it: parts (一、), sections (（一）) and passages, each with its
/// anchor and source location. Produced by the **structure** stage, topics filled in by
/// **classify**.
public struct Report: Sendable {
    public var slug: String
    /// Displayed source path (`Content/reports/hohhot-2022.md`).
    public var path: String
    public var metadata: ReportMetadata
    /// Passages before the first part (the salutation and opening).
    public var intro: [Passage]
    public var parts: [Part]
    /// Lines of the file before the Markdown body: add to a position inside the body (an inline
    /// node's, such as a link's) to get the file line.
    public var bodyLineOffset: Int = 0
    /// The body's lines, to show the offending line under a diagnostic.
    public var bodyLines: [String] = []
    /// For a report taken from the build cache: its passages' inline nodes and tables and its
    /// ``bodyLines``, still encoded (until then those are empty); `nil` when they are in place.
    /// ``withBody()`` decodes them. Only a report's own page and the check of its links read
    /// them.
    public var pendingBody: ReportBody? = nil

    /// The file location of a position inside the body.
    func location(_ position: SourcePosition?) -> SourceLocation {
        guard let position else { return SourceLocation(path: path) }
        return SourceLocation(path: path, line: position.line + bodyLineOffset, column: position.column)
    }

    /// The text of the file line `line` when it is a body line, for diagnostics.
    func sourceLine(_ line: Int?) -> String? {
        guard let line else { return nil }
        let index = line - bodyLineOffset - 1
        return bodyLines.indices.contains(index) ? bodyLines[index] : nil
    }

    /// The number of passages (``allPassages``'s count, without building the array).
    public var allPassageCount: Int {
        intro.count + parts.reduce(0) { $0 + $1.intro.count + $1.sections.reduce(0) { $0 + $1.passages.count } }
    }

    /// True when `predicate` holds for some passage (document order, stopping at the first),
    /// without copying the passages into an array as ``allPassages`` does.
    public func containsPassage(where predicate: (Passage) throws -> Bool) rethrows -> Bool {
        if try intro.contains(where: predicate) { return true }
        for part in parts {
            if try part.intro.contains(where: predicate) { return true }
            for section in part.sections where try section.passages.contains(where: predicate) { return true }
        }
        return false
    }

    /// Every passage in document order.
    public var allPassages: [Passage] {
        intro + parts.flatMap { $0.intro + $0.sections.flatMap(\.passages) }
    }

    /// Every group of passages (intro, each part's intro, each section) in document order.
    public var groups: [PassageGroup] {
        var out: [PassageGroup] = []
        if !intro.isEmpty { out.append(PassageGroup(partIndex: nil, sectionIndex: nil, passages: intro)) }
        for (p, part) in parts.enumerated() {
            if !part.intro.isEmpty { out.append(PassageGroup(partIndex: p, sectionIndex: nil, passages: part.intro)) }
            for (s, section) in part.sections.enumerated() {
                out.append(PassageGroup(partIndex: p, sectionIndex: s, passages: section.passages))
            }
        }
        return out
    }
}

/// The encoded body of a report taken from the build cache (see ``Report/pendingBody``).
public final class ReportBody: Sendable {
    /// Each passage's inline nodes and table, in document order, then the body's lines, as the
    /// cache wrote them (in memory, or in the cache entry's file).
    let storage: SpillableBytes
    /// True when some passage holds a link or an image (the link stage rewrites those).
    let hasDestinations: Bool

    init(storage: SpillableBytes, hasDestinations: Bool) {
        self.storage = storage
        self.hasDestinations = hasDestinations
    }
}

/// A run of passages under one heading: the report intro, a part's intro, or a section.
public struct PassageGroup: Sendable {
    public var partIndex: Int?
    public var sectionIndex: Int?
    public var passages: [Passage]
}

/// A heading of the report (part or section).
public struct Heading: Sendable, Equatable {
    /// The heading as written (`（一）着力扩大投资促进消费`).
    public var text: String
    /// Unique anchor within the report page.
    public var anchor: String
    public var location: SourceLocation
}

/// A level-2 heading and what follows it: a part (`一、2021年及本届政府工作回顾`).
public struct Part: Sendable {
    public var heading: Heading
    /// Passages between the part heading and its first section.
    public var intro: [Passage]
    public var sections: [Section]
}

/// A level-3 heading and its passages: a section (`（一）经济实力稳步推进`).
public struct Section: Sendable {
    public var heading: Heading
    public var passages: [Passage]
}

/// What kind of block a passage came from.
public enum PassageKind: Sendable, Equatable {
    case paragraph
    /// A list item; `marker` is `1.` for ordered lists, `•` for bullets.
    case listItem(marker: String)
    case quote
    case code
}

/// One passage: the unit that is tagged, linked and cited (a paragraph, list item, quoted
/// paragraph or code block).
public struct Passage: Sendable {
    public var anchor: String
    public var kind: PassageKind
    /// The inline content (CommonMark inline nodes); for code, one `.code` node. For a
    /// paragraph holding a pipe table (``table``), the content of its lines before the table.
    public var inlines: [MarkdownNode]
    /// The plain text (no markup, soft breaks joined), used for matching, excerpts and search;
    /// with a table, the text before it followed by the table's cells
    /// (``PipeTable/passageText(before:)``: no pipes).
    public var text: String
    /// The bold lead sentence that opens the passage, with its closing `。` if any.
    public var leadSentence: String?
    public var location: SourceLocation
    /// Topic changes from annotations, outermost first: part, section, then passage.
    public var topicEdits: [TopicEdit]
    /// Topics, in catalog order; set by the classify stage.
    public var topics: [String] = []
    /// Keyword matches per topic key, set by the classify stage.
    public var matches: [String: [KeywordMatch]] = [:]
    /// The GFM pipe table that ends the paragraph, read by ``PipeTable/parse(_:)``, or `nil`.
    public var table: PipeTable? = nil
}

/// One `+key` or `-key` of a `topics` annotation, with where it was written.
public struct TopicEdit: Sendable, Equatable {
    public var key: String
    public var add: Bool
    public var location: SourceLocation
    /// The source line it stands on, for diagnostics.
    public var sourceLine: String? = nil
}
