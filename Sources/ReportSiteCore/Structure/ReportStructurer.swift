import CommonMark

/// The **structure** stage: turns a report's CommonMark tree into a ``Report``.
///
/// Rules (the report conventions of `shared/docs/domain.md` section 1):
/// - a level-2 heading opens a part (`## 一、…`), a level-3 heading a section (`### （一）…`);
///   the title is front matter, so level 1 and levels 4–6 are errors;
/// - every paragraph is a passage; so is each paragraph of a list item or block quote, and each
///   code block; thematic breaks are ignored;
/// - annotations (``Annotation``) apply to what follows them; raw HTML other than comments is
///   not rendered and is reported as a warning; a GFM pipe table ending a paragraph
///   (``PipeTable``) becomes the passage's ``Passage/table``, a row with the wrong number of
///   cells a warning at its line;
/// - anchors: explicit ones first, then headings by their text without ordinal, passages by
///   their lead sentence or opening words, made unique in document order (``AnchorAllocator``).
struct ReportStructurer {
    let source: ReportSource

    /// Structures the report; every problem goes to `log`. Returns `nil` when any error was found.
    func structure(log: inout DiagnosticLog) -> Report? {
        let errorsBefore = log.errors.count
        var collector = BlockCollector(source: source)
        collector.collectAll(source.document.children)
        collector.finish()
        log.report(contentsOf: collector.diagnostics)

        // Explicit anchors are reserved before any automatic one is handed out. One that equals
        // another item's automatic anchor is refused: it would silently move existing links.
        var explicit: [String: SourceLocation] = [:]
        var automatic: [String: BlockItem] = [:]
        for item in collector.items where item.explicitAnchor == nil {
            let base = Self.automaticAnchorBase(item.content)
            if automatic[base] == nil { automatic[base] = item }
        }
        // By the anchor rule (full-width folded, ASCII lower-cased), as links are resolved: two
        // explicit anchors that are one there (`ａｂ１`, `ab1`) could not be told apart by a link.
        var canonicalExplicit: [String: (anchor: String, location: SourceLocation)] = [:]
        for item in collector.items {
            guard let (anchor, location) = item.explicitAnchor else { continue }
            let canonical = Slug.anchor(from: anchor, maxLength: 64)
            if let twin = canonicalExplicit[canonical], twin.anchor != anchor {
                log.report(diagnostic(
                    .error, at: location, "anchor `\(anchor)` is `\(canonical)` by the anchor rule, as is the anchor `\(twin.anchor)` at line \(twin.location.line ?? 0): a link could not tell them apart",
                    hint: "give one of them another name"))
                continue
            }
            canonicalExplicit[canonical] = canonicalExplicit[canonical] ?? (anchor, location)
            if let other = automatic[anchor] {
                log.report(diagnostic(
                    .error, at: location, "anchor `\(anchor)` is already the automatic anchor of the \(other.kindName) at line \(other.location.line ?? 0)",
                    hint: "choose another name, so that links to that \(other.kindName) keep working"))
            } else if let first = explicit[anchor] {
                log.report(diagnostic(.error, at: location, "anchor `\(anchor)` is already used at line \(first.line ?? 0)", hint: "give each explicit anchor a different name"))
            } else if AnchorAllocator.reservedByLayout.contains(anchor) {
                log.report(diagnostic(.error, at: location, "anchor `\(anchor)` is reserved by the page layout", hint: "choose another name"))
            } else {
                explicit[anchor] = location
            }
        }
        var anchors = AnchorAllocator(reserved: Set(explicit.keys))

        var report = Report(
            slug: source.slug, path: source.path, metadata: source.metadata, intro: [], parts: [],
            bodyLineOffset: source.bodyLineOffset, bodyLines: source.bodyLines)
        var partEdits: [TopicEdit] = []
        var sectionEdits: [TopicEdit] = []
        for item in collector.items {
            switch item.content {
            case .heading(let level, let text):
                let anchor = item.explicitAnchor?.0 ?? anchors.allocate(Self.automaticAnchorBase(item.content))
                let heading = Heading(text: text, anchor: anchor, location: item.location)
                if level == 2 {
                    report.parts.append(Part(heading: heading, intro: [], sections: []))
                    partEdits = item.topicEdits
                    sectionEdits = []
                } else if report.parts.isEmpty {
                    log.report(diagnostic(
                        .error, at: item.location, "section heading before the first part",
                        hint: "open a part with a level-2 heading (`## 一、…`) before this level-3 heading"))
                } else {
                    report.parts[report.parts.count - 1].sections.append(Section(heading: heading, passages: []))
                    sectionEdits = item.topicEdits
                }
            case .passage(let kind, let inlines, let table):
                let before = InlineText.plainText(inlines)
                let text = table.map { $0.passageText(before: before).text } ?? before
                let lead = kind == .code ? nil : InlineText.leadSentence(inlines)
                let anchor = item.explicitAnchor?.0 ?? anchors.allocate(Self.automaticAnchorBase(item.content))
                let passage = Passage(
                    anchor: anchor, kind: kind, inlines: inlines, text: text, leadSentence: lead,
                    location: item.location, topicEdits: partEdits + sectionEdits + item.topicEdits, table: table)
                if report.parts.isEmpty {
                    report.intro.append(passage)
                } else if report.parts[report.parts.count - 1].sections.isEmpty {
                    report.parts[report.parts.count - 1].intro.append(passage)
                } else {
                    let p = report.parts.count - 1
                    report.parts[p].sections[report.parts[p].sections.count - 1].passages.append(passage)
                }
            }
        }
        for part in report.parts where part.intro.isEmpty && part.sections.isEmpty {
            log.report(diagnostic(.warning, at: part.heading.location, "part `\(part.heading.text)` is empty", hint: "add its text, or remove the heading"))
        }
        for section in report.parts.flatMap(\.sections) where section.passages.isEmpty {
            log.report(diagnostic(.warning, at: section.heading.location, "section `\(section.heading.text)` is empty", hint: "add its text, or remove the heading"))
        }
        if report.allPassages.isEmpty {
            log.report(Diagnostic(.warning, at: SourceLocation(path: source.path), "report has no text after its front matter", stage: .structure))
        }
        return log.errors.count == errorsBefore ? report : nil
    }

    /// The anchor an item gets unless it has an explicit one (before collisions are numbered):
    /// a heading's text without its ordinal; a passage's lead sentence, or its opening words.
    fileprivate static func automaticAnchorBase(_ content: BlockItem.Content) -> String {
        switch content {
        case .heading(_, let text):
            return Slug.anchor(from: Slug.strippingOrdinal(text), maxLength: Slug.headingAnchorLength)
        case .passage(let kind, let inlines, let table):
            let lead = kind == .code ? nil : InlineText.leadSentence(inlines)
            let before = InlineText.plainText(inlines)
            let opening = before.trimmingWhitespaceAndNewlines().isEmpty ? (table?.passageText(before: "").text ?? before) : before
            return lead.map { Slug.anchor(from: $0, maxLength: Slug.headingAnchorLength) }
                ?? Slug.anchor(from: opening, maxLength: Slug.passageAnchorLength)
        }
    }

    private func diagnostic(_ severity: Severity, at location: SourceLocation, _ message: String, hint: String?) -> Diagnostic {
        Diagnostic(
            severity, at: location, message, hint: hint, stage: .structure,
            sourceLine: location.line.flatMap { source.bodyLine($0 - source.bodyLineOffset) })
    }
}

/// A heading or passage in document order, with the annotations that precede it.
private struct BlockItem {
    enum Content {
        case heading(level: Int, text: String)
        /// A passage's kind, its inline content (before its table), and its table.
        case passage(PassageKind, [MarkdownNode], PipeTable?)
    }
    var content: Content
    var location: SourceLocation
    var topicEdits: [TopicEdit]
    var explicitAnchor: (String, SourceLocation)?

    /// "part", "section" or "passage", for messages.
    var kindName: String {
        switch content {
        case .heading(let level, _): return level == 2 ? "part" : "section"
        case .passage: return "passage"
        }
    }
}

/// Walks the block tree, flattening containers, attaching annotations to what follows them.
private struct BlockCollector {
    let source: ReportSource
    var items: [BlockItem] = []
    var diagnostics: [Diagnostic] = []
    private var pendingEdits: [TopicEdit] = []
    private var pendingAnchor: (String, SourceLocation)?
    private var pendingLocation: SourceLocation?

    init(source: ReportSource) { self.source = source }

    /// Containers nested deeper than this are flattened (their passages kept) with a warning;
    /// it keeps pathological input (10,000 nested quotes) from exhausting the stack.
    static let maximumNesting = 64

    mutating func collectAll(_ blocks: [MarkdownNode]) {
        collect(blocks, context: .paragraph, depth: 0)
    }

    private mutating func collect(_ blocks: [MarkdownNode], context: PassageKind, depth: Int) {
        if depth > Self.maximumNesting {
            let location = source.location(blocks.first?.range?.start)
            report(
                .warning, at: location, "lists or block quotes nested more than \(Self.maximumNesting) levels deep are flattened",
                hint: "reports do not nest this deep; check for stray `>` or `-` markers")
            for passage in Self.flattenedParagraphs(blocks) { add(.passage(context, passage.children, nil), at: source.location(passage.range?.start)) }
            return
        }
        for block in blocks {
            let location = source.location(block.range?.start)
            switch block.kind {
            case .heading(let level):
                let text = InlineText.plainText(block.children).trimmingWhitespace()
                if level == 1 || level > 3 {
                    report(
                        .error, at: location, "level-\(level) heading is not part of a report's structure",
                        hint: level == 1
                            ? "the report title comes from the front matter `title`; use `##` for parts and `###` for sections"
                            : "use `##` for parts (一、) and `###` for sections (（一）); write lower levels as paragraphs with a bold lead sentence")
                } else if text.isEmpty {
                    report(.error, at: location, "heading is empty", hint: "write the heading text after the `#` marks")
                } else {
                    add(.heading(level: level, text: text), at: location)
                }
            case .paragraph:
                var inlines: [MarkdownNode] = []
                for inline in block.children {
                    guard case .htmlInline(let html) = inline.kind else {
                        inlines.append(inline)
                        continue
                    }
                    if let annotations = annotations(html, at: inline.range?.start ?? block.range?.start) {
                        annotations.forEach { remember($0) }
                    } else if !html.hasPrefix("<!--") {
                        report(
                            .warning, at: source.location(inline.range?.start ?? block.range?.start), "raw HTML `\(html.prefix(40))` is shown as text",
                            hint: "ReportSite does not pass raw HTML through; write `\\<` to show a `<` without this warning, or remove the tag")
                        inlines.append(inline)
                    }
                }
                if !InlineText.plainText(inlines).trimmingWhitespace().isEmpty {
                    let (before, table) = splitTable(inlines, paragraph: block)
                    add(.passage(context, before, table), at: location)
                }
            case .codeBlock(_, let literal):
                add(.passage(.code, [MarkdownNode(kind: .code(literal))], nil), at: location)
            case .htmlBlock(let html):
                if let annotations = annotations(html, at: block.range?.start) {
                    annotations.forEach { remember($0) }
                } else if !Self.isOnlyComments(html) {
                    report(
                        .warning, at: location, "this block starts with raw HTML, so CommonMark reads it all as HTML; it is left out of the page",
                        hint: "ReportSite does not pass raw HTML through; write `\\<` to show a `<` as text, or remove the tag")
                }
            case .list(let ordered, let start, _):
                for (offset, item) in block.children.enumerated() {
                    collect(item.children, context: .listItem(marker: ordered ? "\(start + offset)." : "•"), depth: depth + 1)
                }
            case .blockQuote:
                collect(block.children, context: .quote, depth: depth + 1)
            case .item:
                collect(block.children, context: context, depth: depth + 1)
            case .thematicBreak:
                break
            default:
                collect(block.children, context: context, depth: depth + 1)
            }
        }
    }

    /// The paragraphs below `blocks` at any depth, in document order, found without recursion.
    static func flattenedParagraphs(_ blocks: [MarkdownNode]) -> [MarkdownNode] {
        var out: [MarkdownNode] = []
        var stack: [MarkdownNode] = blocks.reversed()
        while let node = stack.popLast() {
            if node.kind == .paragraph { out.append(node) } else { stack.append(contentsOf: node.children.reversed()) }
        }
        return out
    }

    /// Reports annotations left with nothing after them.
    mutating func finish() {
        if let location = pendingLocation {
            report(.error, at: location, "annotation is not followed by a passage or heading", hint: "move it just before the passage or heading it is for, or remove it")
        }
    }

    private mutating func add(_ content: BlockItem.Content, at location: SourceLocation) {
        items.append(BlockItem(content: content, location: location, topicEdits: pendingEdits, explicitAnchor: pendingAnchor))
        pendingEdits = []
        pendingAnchor = nil
        pendingLocation = nil
    }

    /// The well-formed annotations in `html` (malformed ones are reported), or `nil` when it
    /// holds none.
    private mutating func annotations(_ html: String, at start: SourcePosition?) -> [Annotation]? {
        guard let start, let results = Annotation.parse(html, at: start, in: source) else { return nil }
        var annotations: [Annotation] = []
        for result in results {
            switch result {
            case .success(let annotation): annotations.append(annotation)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        if !annotations.isEmpty { pendingLocation = pendingLocation ?? source.location(start) }
        return annotations
    }

    /// True when `html` is nothing but HTML comments (an author's notes).
    static func isOnlyComments(_ html: String) -> Bool {
        var rest = Substring(html).drop(while: \.isWhitespace)
        while rest.hasPrefix("<!--") {
            guard let close = rest.range(of: "-->") else { return true }
            rest = rest[close.upperBound...].drop(while: \.isWhitespace)
        }
        return rest.isEmpty
    }

    private mutating func remember(_ annotation: Annotation) {
        switch annotation {
        case .topics(let edits): pendingEdits += edits
        case .anchor(let name, let location):
            if pendingAnchor != nil {
                report(.error, at: location, "a second `anchor` annotation for the same passage", hint: "keep one `<!-- anchor: … -->` per passage or heading")
            }
            pendingAnchor = (name, location)
        }
    }

    /// The inline content of a paragraph before its GFM pipe table, and the table (``PipeTable``),
    /// read from the paragraph's source lines; `(inlines, nil)` when it holds none. A body row
    /// with another number of cells than the header row is a warning at the row's line.
    private mutating func splitTable(_ inlines: [MarkdownNode], paragraph block: MarkdownNode) -> ([MarkdownNode], PipeTable?) {
        guard let range = block.range,
              let lines = PipeTable.paragraphLines(start: range.start, endLine: range.end.line, bodyLine: source.bodyLine),
              let found = PipeTable.parse(lines.map(\.text))
        else { return (inlines, nil) }
        let columns = found.table.header.count
        for row in found.irregularRows {
            let position = SourcePosition(line: range.start.line + row.line, column: lines[row.line].column)
            let cells = row.cells == 1 ? "1 cell" : "\(row.cells) cells"
            report(
                .warning, at: source.location(position),
                row.cells < columns
                    ? "table row has \(cells), the header row \(columns): padded with empty cells"
                    : "table row has \(cells), the header row \(columns): the cells after the \(Self.ordinal(columns)) are not shown",
                hint: "give every row as many cells as the header row (`| 地区生产总值 | 增长5%左右 |`); write `\\|` for a `|` inside a cell")
        }
        return (PipeTable.inlines(inlines, beforeLine: found.headerLine), found.table)
    }

    /// `1st`, `2nd`, `3rd`, `4th`, … for messages.
    private static func ordinal(_ number: Int) -> String {
        let suffix = (11...13).contains(number % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][number % 10] ?? "th"
        return "\(number)\(suffix)"
    }

    private mutating func report(_ severity: Severity, at location: SourceLocation, _ message: String, hint: String) {
        diagnostics.append(Diagnostic(
            severity, at: location, message, hint: hint, stage: .structure,
            sourceLine: location.line.flatMap { source.bodyLine($0 - source.bodyLineOffset) }))
    }
}
