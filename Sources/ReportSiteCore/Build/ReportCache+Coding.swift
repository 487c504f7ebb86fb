import CommonMark

/// The binary form of everything a cached report holds (see ``BinaryCodable``). Every stored
/// property of these types is written, in declaration order; a property added to one of them
/// must be added here (`cacheRoundTripKeepsEveryField` fails until it is).

/// A report is stored in two parts: its **head** (metadata, headings, and each passage's
/// anchor, kind, text, location and topics), which the link, figures and render-key stages
/// read for every report, and its **body** (each passage's inline nodes and table, and the
/// body's lines), which only the report's own page and its links' check read. A report taken
/// from the cache keeps its body encoded (``ReportBody``) until ``Report/withBody()`` is
/// called: a one-edit rebuild of 1,000 reports decoded 999 bodies it did not use (perf:
/// `BuildCache.decodeEntry` 18.6 % of it).
extension Report: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(slug)
        writer.write(path)
        writer.write(metadata)
        writer.write(intro)
        writer.write(parts)
        writer.write(bodyLineOffset)
        let body = pendingBody ?? encodedBody()
        writer.write(spillable: body.storage)
        writer.write(body.hasDestinations)
    }

    /// The body (each passage's inline nodes and table, then the body's lines), encoded. The
    /// lines are kept only for a report with links or images: they show the line under a
    /// diagnostic, and after the stages that read the report's file, only the check of its links
    /// reports any (``MarkdownLinks``); they were a third of the body's bytes.
    private func encodedBody() -> ReportBody {
        let hasDestinations = MarkdownLinks.hasDestinations(self)
        var body = BinaryWriter(capacity: 0)
        func write(_ passages: [Passage]) {
            for passage in passages {
                body.write(passage.inlines)
                body.write(passage.table)
            }
        }
        write(intro)
        for part in parts {
            write(part.intro)
            for section in part.sections { write(section.passages) }
        }
        body.write(hasDestinations ? bodyLines : [])
        // Copied to an array of its own size: the writer's grew by doubling (heaptrack: twice
        // the bodies' bytes held until the end of the build).
        return ReportBody(storage: SpillableBytes(body.bytes.exactCapacity()), hasDestinations: hasDestinations)
    }

    /// The report with its body encoded and set apart (``pendingBody``), as the cache gives it:
    /// for a report made by this build, once the stages that read its body (structure, classify,
    /// figures) are done, so that a build of many reports does not hold every report's node
    /// trees and lines until the render stage (they were a fifth of a clean build's heap).
    func compacted() -> Report {
        guard pendingBody == nil else { return self }
        var report = self
        report.pendingBody = encodedBody()
        func clear(_ passages: inout [Passage]) {
            for index in passages.indices {
                passages[index].inlines = []
                passages[index].table = nil
                for (key, matches) in passages[index].matches { passages[index].matches[key] = matches.exactCapacity() }
            }
            passages = passages.exactCapacity()
        }
        clear(&report.intro)
        for p in report.parts.indices {
            clear(&report.parts[p].intro)
            for s in report.parts[p].sections.indices { clear(&report.parts[p].sections[s].passages) }
        }
        report.bodyLines = []
        return report
    }

    init(from reader: inout BinaryReader) throws {
        self.init(
            slug: try reader.readString(), path: try reader.readString(), metadata: try reader.read(),
            intro: try reader.readArray(), parts: try reader.readArray(),
            bodyLineOffset: try reader.readInt())
        pendingBody = ReportBody(storage: try reader.readSpillable(), hasDestinations: try reader.readBool())
    }

    /// The report with its body decoded (each passage's inline nodes and table, the body's
    /// lines); the report itself when it has none pending.
    ///
    /// The body's bytes are checked with the rest of the cache entry (its seal) when they are
    /// read back. When they cannot be (the entry was removed or changed during the build), the
    /// report comes without its body and the entry is noted (``SpillableBytes/reportUnreadable()``),
    /// so the build fails with an error naming it. Bytes that read back were written by this
    /// version of the tool (the entry's format line), so they decode; a failure would be a bug in
    /// this file and stops the program with the report's path.
    public func withBody() -> Report {
        guard let body = pendingBody else { return self }
        var report = self
        report.pendingBody = nil
        guard let bytes = body.storage.read() else {
            // The cache entry was written by this build or read by it, in the output folder it
            // holds locked; only a hand that removes or changes it meanwhile gets here. The
            // report goes on without its body, and the build fails, naming the entry.
            body.storage.reportUnreadable()
            return report
        }
        do {
            var reader = BinaryReader(unsealed: bytes)
            func read(_ passages: inout [Passage]) throws {
                for index in passages.indices {
                    passages[index].inlines = try reader.readArray()
                    passages[index].table = try reader.readOptional()
                }
            }
            try read(&report.intro)
            for p in report.parts.indices {
                try read(&report.parts[p].intro)
                for s in report.parts[p].sections.indices { try read(&report.parts[p].sections[s].passages) }
            }
            report.bodyLines = try reader.readStrings()
            guard reader.isAtEnd else { throw BinaryReader.Malformed() }
        } catch {
            preconditionFailure("the cached body of \(path) does not decode")
        }
        return report
    }
}

extension ReportMetadata: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(title)
        writer.write(place)
        writer.write(level.rawValue)
        writer.write(year)
        writer.write(date)
        writer.write(speaker)
        writer.write(speakerTitle)
        writer.write(meeting)
        writer.write(source)
        writer.write(publishedDateline)
    }

    init(from reader: inout BinaryReader) throws {
        let title = try reader.readString()
        let place = try reader.readString()
        guard let level = GovernmentLevel(rawValue: try reader.readString()) else { throw BinaryReader.Malformed() }
        self.init(
            title: title, place: place, level: level, year: try reader.readInt(), date: try reader.readString(),
            speaker: try reader.readString(), speakerTitle: try reader.readOptionalString(), meeting: try reader.readString(),
            source: try reader.readOptionalString(), publishedDateline: try reader.readOptionalString())
    }
}

extension Part: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(heading)
        writer.write(intro)
        writer.write(sections)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(heading: try reader.read(), intro: try reader.readArray(), sections: try reader.readArray())
    }
}

extension Section: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(heading)
        writer.write(passages)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(heading: try reader.read(), passages: try reader.readArray())
    }
}

extension Heading: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(text)
        writer.write(anchor)
        writer.write(location)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(text: try reader.readString(), anchor: try reader.readString(), location: try reader.read())
    }
}

extension Passage: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        // The inline nodes and the table are the body's (``Report/encode(to:)``).
        writer.write(anchor)
        writer.write(kind)
        writer.write(text)
        writer.write(leadSentence)
        writer.write(location)
        writer.write(topicEdits)
        writer.write(topics)
        let keys = matches.keys.sorted()
        writer.write(keys)
        for key in keys { writer.write(matches[key] ?? []) }
    }

    init(from reader: inout BinaryReader) throws {
        self.init(
            anchor: try reader.readString(), kind: try reader.read(), inlines: [], text: try reader.readString(),
            leadSentence: try reader.readOptionalString(), location: try reader.read(), topicEdits: try reader.readArray(),
            topics: try reader.readStrings())
        var matches: [String: [KeywordMatch]] = [:]
        for key in try reader.readStrings() { matches[key] = try reader.readArray() }
        self.matches = matches
    }
}

extension PipeTable: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(header)
        writer.write(UInt64(alignments.count))
        for alignment in alignments { writer.write(alignment.rawValue) }
        writer.write(UInt64(rows.count))
        for row in rows { writer.write(row) }
    }

    init(from reader: inout BinaryReader) throws {
        let header = try reader.readStrings()
        var alignments: [Alignment] = []
        for _ in 0..<(try reader.readCount()) {
            guard let alignment = Alignment(rawValue: try reader.readInt()) else { throw BinaryReader.Malformed() }
            alignments.append(alignment)
        }
        var rows: [[String]] = []
        for _ in 0..<(try reader.readCount()) { rows.append(try reader.readStrings()) }
        // Every row as wide as the header (the renderer and the figures rely on it).
        guard alignments.count == header.count, rows.allSatisfy({ $0.count == header.count }) else { throw BinaryReader.Malformed() }
        self.init(header: header, alignments: alignments, rows: rows)
    }
}

extension PassageKind: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        switch self {
        case .paragraph: writer.write(0)
        case .listItem(let marker): writer.write(1); writer.write(marker)
        case .quote: writer.write(2)
        case .code: writer.write(3)
        }
    }

    init(from reader: inout BinaryReader) throws {
        switch try reader.readInt() {
        case 0: self = .paragraph
        case 1: self = .listItem(marker: try reader.readString())
        case 2: self = .quote
        case 3: self = .code
        default: throw BinaryReader.Malformed()
        }
    }
}

extension TopicEdit: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(key)
        writer.write(add)
        writer.write(location)
        writer.write(sourceLine)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(key: try reader.readString(), add: try reader.readBool(), location: try reader.read(), sourceLine: try reader.readOptionalString())
    }
}

extension KeywordMatch: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(term)
        writer.write(range.lowerBound)
        writer.write(range.upperBound)
        writer.write(weight)
    }

    init(from reader: inout BinaryReader) throws {
        let term = try reader.readString()
        let lower = try reader.readInt()
        let upper = try reader.readInt()
        guard lower <= upper else { throw BinaryReader.Malformed() }
        self.init(term: term, range: lower..<upper, weight: try reader.readDouble())
    }
}

extension SourceLocation: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(path)
        writer.write(line)
        writer.write(column)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(path: try reader.readRepeatedString(), line: try reader.readOptionalInt(), column: try reader.readOptionalInt())
    }
}

extension Diagnostic: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(severity.rawValue)
        writer.write(location)
        writer.write(message)
        writer.write(hint)
        writer.write(stage.rawValue)
        writer.write(sourceLine)
    }

    init(from reader: inout BinaryReader) throws {
        guard let severity = Severity(rawValue: try reader.readString()) else { throw BinaryReader.Malformed() }
        let location: SourceLocation = try reader.read()
        let message = try reader.readString()
        let hint = try reader.readOptionalString()
        guard let stage = BuildStage(rawValue: try reader.readString()) else { throw BinaryReader.Malformed() }
        self.init(severity, at: location, message, hint: hint, stage: stage, sourceLine: try reader.readOptionalString())
    }
}

// MARK: - CommonMark

extension MarkdownNode: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(kind)
        writer.write(range != nil)
        if let range {
            writer.write(range.start.line)
            writer.write(range.start.column)
            writer.write(range.end.line)
            writer.write(range.end.column)
        }
        writer.write(children)
    }

    init(from reader: inout BinaryReader) throws {
        let kind: Kind = try reader.read()
        var range: SourceRange?
        if try reader.readBool() {
            range = SourceRange(
                start: SourcePosition(line: try reader.readInt(), column: try reader.readInt()),
                end: SourcePosition(line: try reader.readInt(), column: try reader.readInt()))
        }
        self.init(kind: kind, range: range, children: try reader.readArray())
    }
}

extension MarkdownNode.Kind: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        switch self {
        case .document: writer.write(0)
        case .blockQuote: writer.write(1)
        case .list(let ordered, let start, let tight): writer.write(2); writer.write(ordered); writer.write(start); writer.write(tight)
        case .item: writer.write(3)
        case .codeBlock(let info, let literal): writer.write(4); writer.write(info); writer.write(literal)
        case .htmlBlock(let html): writer.write(5); writer.write(html)
        case .paragraph: writer.write(6)
        case .heading(let level): writer.write(7); writer.write(level)
        case .thematicBreak: writer.write(8)
        case .text(let text): writer.write(9); writer.write(text)
        case .softBreak: writer.write(10)
        case .lineBreak: writer.write(11)
        case .code(let code): writer.write(12); writer.write(code)
        case .htmlInline(let html): writer.write(13); writer.write(html)
        case .emphasis: writer.write(14)
        case .strong: writer.write(15)
        case .link(let destination, let title): writer.write(16); writer.write(destination); writer.write(title)
        case .image(let source, let title): writer.write(17); writer.write(source); writer.write(title)
        case .other(let name): writer.write(18); writer.write(name)
        }
    }

    init(from reader: inout BinaryReader) throws {
        switch try reader.readInt() {
        case 0: self = .document
        case 1: self = .blockQuote
        case 2: self = .list(ordered: try reader.readBool(), start: try reader.readInt(), tight: try reader.readBool())
        case 3: self = .item
        case 4: self = .codeBlock(info: try reader.readString(), literal: try reader.readString())
        case 5: self = .htmlBlock(try reader.readString())
        case 6: self = .paragraph
        case 7: self = .heading(level: try reader.readInt())
        case 8: self = .thematicBreak
        case 9: self = .text(try reader.readString())
        case 10: self = .softBreak
        case 11: self = .lineBreak
        case 12: self = .code(try reader.readString())
        case 13: self = .htmlInline(try reader.readString())
        case 14: self = .emphasis
        case 15: self = .strong
        case 16: self = .link(destination: try reader.readString(), title: try reader.readString())
        case 17: self = .image(source: try reader.readString(), title: try reader.readString())
        case 18: self = .other(try reader.readString())
        default: throw BinaryReader.Malformed()
        }
    }
}
