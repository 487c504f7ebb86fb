import CommonMark
import Foundation

/// What one import produced: the Markdown, what it contains, and what was repaired.
public struct ImportResult: Sendable {
    /// The input as given (`../shared/reports/hohhot-2022.txt`).
    public var inputPath: String
    public var slug: String
    /// How the input was read: `text (UTF-8, LF)` or `Word .docx`.
    public var format: String
    /// The file `Content/reports/<slug>.md`, front matter and body.
    public var markdown: String
    /// Counts as the site will see them (from the Markdown parsed back).
    public var parts: Int
    public var sections: [Int]
    public var passages: Int
    /// Passages that open with a bold lead sentence (glossary entries not counted).
    public var leadSentences: Int
    /// Where the lead sentences came from.
    public var leadSource: LeadSource
    public var glossaryEntries: Int
    public var repairs: [Repair]
    /// Sentence ends dropped from section headings that opened a paragraph.
    public var droppedHeadingMarks: Int
    /// Non-whitespace characters of the input checked by the no-loss comparison.
    public var comparedCharacters: Int
    /// Things the user should check (fields not found, no structure recognised, …).
    public var warnings: [Diagnostic]

    /// `4 parts, 24 sections, 98 passages, 40 lead sentences (inferred), 215 repairs`.
    public var summary: String {
        var text = "\(parts) parts, \(sections.reduce(0, +)) sections, \(passages) passages, \(leadSentences) lead sentences (\(leadSource == .word ? "bold in Word" : "inferred"))"
        if glossaryEntries > 0 { text += ", \(glossaryEntries) glossary entries" }
        text += ", \(repairs.count) repairs"
        return text
    }

    /// Repairs counted by kind, in ``Repair/Kind`` order: `98 × blank line after every line`.
    public var repairCounts: [(kind: Repair.Kind, count: Int)] {
        Repair.Kind.allCases.compactMap { kind in
            let count = repairs.filter { $0.kind == kind }.count
            return count > 0 ? (kind, count) : nil
        }
    }
}

extension ImportResult {
    /// The repairs as a diff-like listing for `--verbose`: each change with its input line, a
    /// `-` line before and a `+` line after; repairs that only drop whitespace (blank lines,
    /// space-only lines, indentation) as one line per kind with their input lines.
    public func repairListing(path: String) -> [String] {
        var lines: [String] = []
        let whitespaceOnly: [Repair.Kind] = [.blankLineAfterEveryLine, .spaceOnlyLine, .indentation]
        for kind in whitespaceOnly {
            let numbers = repairs.filter { $0.kind == kind }.map(\.line)
            guard !numbers.isEmpty else { continue }
            lines.append("\(path): \(kind.rawValue), removed on \(numbers.count) line(s): \(Self.ranges(numbers))")
        }
        for repair in repairs where !whitespaceOnly.contains(repair.kind) {
            lines.append("\(path):\(repair.line): \(repair.kind.rawValue)")
            lines.append("  - " + Repair.quoted(repair.before))
            lines.append("  + " + Repair.quoted(repair.after))
        }
        return lines
    }

    /// `1-3, 5, 7-9`.
    static func ranges(_ numbers: [Int]) -> String {
        var parts: [String] = []
        var start = numbers.first ?? 0
        var previous = start
        for number in numbers.dropFirst() + [Int.max] {
            if number == previous + 1 { previous = number; continue }
            parts.append(start == previous ? "\(start)" : "\(start)-\(previous)")
            start = number
            previous = number
        }
        return numbers.isEmpty ? "" : parts.joined(separator: ", ")
    }
}

/// `reportsite import`: turns a published report (text or Word) into `Content/reports/<slug>.md`.
///
/// ```
/// read → repair → header → join → structure → write Markdown → parse it back → no-loss check
/// ```
/// Every step is in its own file of `Import/`; this type runs them in order. The Markdown is
/// parsed back with the site's own loader and structurer, so the counts it reports are the
/// site's, and the no-loss property (``FidelityCheck``) is checked on every import.
public enum ReportImporter {
    /// Imports the file at `url` (shown as `path` in messages) under `slug`.
    /// - Throws: a ``Diagnostic`` naming the file: unreadable, empty, binary, not a zip, a `.doc`
    ///   or PDF (with what to do instead), or an import that would lose text (a bug).
    public static func importFile(at url: URL, path: String, slug: String) throws(Diagnostic) -> ImportResult {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            throw Diagnostic(
                .error, at: SourceLocation(path: path), exists ? (isDirectory.boolValue ? "is a folder, not a file" : "file is unreadable") : "file does not exist",
                hint: "give the path of a report's .txt or .docx file", stage: .importing)
        }
        return try importData(data, path: path, slug: slug)
    }

    /// Imports `data` (the bytes of the file `path`) under `slug`. See ``importFile(at:path:slug:)``.
    public static func importData(_ data: Data, path: String, slug: String) throws(Diagnostic) -> ImportResult {
        let kind = try InputKind.detect(data, path: path)
        var repairs: [Repair] = []
        var paragraphs: [SourceParagraph]
        var rawText: String
        let format: String
        var breaks: Set<Int> = []
        var wordWarnings: [Diagnostic] = []
        switch kind {
        case .docx:
            let read = try DocxReader.read(from: data, path: path)
            paragraphs = read.paragraphs
            wordWarnings = read.warnings
            rawText = paragraphs.map(\.text).joined(separator: "\n")
            format = "Word .docx"
            for paragraph in paragraphs where !paragraph.text.isEmpty && paragraph.text.allSatisfy(LineRepairs.isSpace) {
                repairs.append(Repair(.spaceOnlyLine, line: paragraph.line, before: paragraph.text, after: "(dropped)"))
            }
            paragraphs = paragraphs.filter { !$0.text.allSatisfy(LineRepairs.isSpace) }
        case .text:
            let decoded = try TextDecoder.decode(data, path: path)
            let (lines, lineEnds) = TextDecoder.lines(decoded.text)
            rawText = decoded.text
            format = "text (\(decoded.encoding), \(lineEnds))"
            let numbered = lines.enumerated().map { SourceParagraph(text: $0.element, line: $0.offset + 1) }
            (paragraphs, breaks) = LineRepairs.dropBlankLines(numbered, repairs: &repairs)
        }
        paragraphs = paragraphs.map { LineRepairs.repairCharacters($0, repairs: &repairs) }
        paragraphs = paragraphs.filter { !$0.text.isEmpty }

        // The input's characters, minus the repairs that change characters.
        let expectedAll = LineRepairs.repairingScalars(rawText) { _, _, _ in }.filter { !$0.isWhitespace }
        let repairedAll = paragraphs.map(\.text).joined().filter { !$0.isWhitespace }
        guard expectedAll == repairedAll else {
            throw Diagnostic(
                .error, at: SourceLocation(path: path), "internal error: the line repairs changed more than they logged",
                hint: "please report this with the input file", stage: .importing)
        }

        let chrome = WebPageChrome.warnings(paragraphs, path: path)
        var (header, body) = HeaderRecognizer.recognize(paragraphs)
        if case .text = kind {
            let enumerated = StructureRecognizer.enumeratedHeadings(in: body)
            body = LineRepairs.joinSplitSentences(
                body, breaks: breaks, isStructural: { StructureRecognizer.isStructural($0, previous: $1, enumeratedHeadings: enumerated) },
                repairs: &repairs)
        }
        // A Word file whose paragraphs carry no opening bold (many copies have none) gets its lead
        // sentences inferred, like text.
        let hasBoldLeads = kind == .docx && body.contains { $0.boldPrefix != nil && !StructureRecognizer.isStructural($0.text, previous: nil) }
        let leadSource: LeadSource = hasBoldLeads ? .word : .inferred
        let blocks = StructureRecognizer.recognize(body, leads: hasBoldLeads ? .boldRuns : .inference)
        var warnings = wordWarnings + chrome
        let metadata = Self.metadata(header, slug: slug, path: path, warnings: &warnings)
        // `year` is the year a report is for; one delivered late in a year (some county reports
        // are given in December) is usually for the next, which only the text can tell.
        if let date = header.date, let month = Int(date.split(separator: "-").dropFirst().first ?? ""), month >= 10,
           !(header.title ?? "").contains("\(metadata.year)年") {
            let line = header.lines.first { $0.role == .dateline }?.paragraph.line
            warnings.append(Diagnostic(
                .warning, at: SourceLocation(path: path, line: line),
                "`year` \(metadata.year) was taken from the date \(date); a report delivered late in a year is often for the next year",
                hint: "check `year:` (the year whose work the report plans, as its parts say: `\(metadata.year + 1)年工作安排`)", stage: .importing))
        }
        if !blocks.contains(where: { if case .part = $0 { return true } else { return false } }) {
            warnings.append(Diagnostic(
                .warning, at: SourceLocation(path: path),
                "no part headings (`一、…`) recognised: the text is imported as one run of passages",
                hint: "add `## ` headings in the imported file where the parts begin", stage: .importing))
        }
        let markdown = MarkdownWriter.write(metadata: metadata, dateline: header.dateline.map(collapsingSpaces), blocks: blocks)

        // Parse the Markdown back as the site will, and check that nothing was lost.
        let report = try parseBack(markdown, slug: slug, path: path)
        // By input paragraph: a merged source and dateline paragraph is two header lines.
        let expected = header.lines.map { FidelityCheck.normalizedHeaderLine($0.paragraph.text, role: $0.role) }.joined()
            + paragraphs.filter { !header.sourceParagraphs.contains($0) }.map(\.text).joined()
        let segments = header.lines.map { FidelityCheck.Segment(text: FidelityCheck.printedHeader(report.metadata, role: $0.role), isHeading: false) }
            + FidelityCheck.bodySegments(report)
        let outcome = FidelityCheck.compare(expected: expected, imported: segments)
        if let mismatch = outcome.mismatch {
            throw Diagnostic(
                .error, at: SourceLocation(path: path), "internal error: the import would lose text: \(mismatch)",
                hint: "please report this with the input file", stage: .importing)
        }
        let passages = report.allPassages
        let glossary = blocks.filter { if case .glossaryEntry = $0 { return true } else { return false } }.count
        let writtenLeads = blocks.filter { block in
            switch block {
            case .passage(_, let lead?, _, _, _), .numberedItem(_, _, let lead?, _, _, _): return !lead.isEmpty
            default: return false
            }
        }.count
        // Lead sentences of paragraphs and of numbered items; a glossary's bold terms are not leads.
        let nonGlossary = report.intro + report.parts.filter { !$0.heading.text.contains("名词解释") }.flatMap { $0.intro + $0.sections.flatMap(\.passages) }
        let parsedLeads = nonGlossary.filter { $0.kind != .code && $0.kind != .quote && $0.leadSentence != nil }.count
        if writtenLeads != parsedLeads {
            warnings.append(Diagnostic(
                .warning, at: SourceLocation(path: path),
                "\(writtenLeads - parsedLeads) lead sentence(s) could not be written as bold (CommonMark would not close the `**`)",
                stage: .importing))
        }
        return ImportResult(
            inputPath: path, slug: slug, format: format, markdown: markdown, parts: report.parts.count,
            sections: report.parts.map(\.sections.count), passages: passages.count, leadSentences: parsedLeads,
            leadSource: leadSource, glossaryEntries: glossary, repairs: repairs.sorted { $0.line < $1.line },
            droppedHeadingMarks: outcome.droppedHeadingMarks, comparedCharacters: outcome.compared, warnings: warnings)
    }

    /// Writes `result` to `<directory>/<slug>.md` (`displayDirectory` for messages).
    /// - Returns: the displayed path written.
    /// - Throws: a ``Diagnostic`` when the file exists and `force` is false, or cannot be written.
    @discardableResult
    public static func write(_ result: ImportResult, into directory: URL, displayDirectory: String, force: Bool) throws(Diagnostic) -> String {
        let url = directory.appendingPathComponent(result.slug + ".md")
        let display = (displayDirectory.hasSuffix("/") ? displayDirectory : displayDirectory + "/") + result.slug + ".md"
        if FileManager.default.fileExists(atPath: url.path) && !force {
            throw Diagnostic(
                .error, at: SourceLocation(path: display), "file already exists; not overwritten",
                hint: "pass --force to replace it (hand edits in it are lost), or --slug to import under another name", stage: .importing)
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(result.markdown.utf8).write(to: url, options: .atomic)
        } catch {
            throw Diagnostic(.error, at: SourceLocation(path: display), "cannot write: \(error.localizedDescription)", stage: .importing)
        }
        return display
    }

    /// The slug for an input file: its name without extension, lower-cased.
    public static func defaultSlug(for path: String) -> String {
        URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent.lowercased()
    }

    // MARK: - Private

    /// The front matter from the header; fields the text does not give are left not known
    /// (`""`, year `0`), which ``MarkdownWriter`` writes as the placeholder `（待填写）` (never an
    /// invented value such as January 1), with a warning each, so that the file builds and the
    /// user knows what to fill in. A missing title is the generic `政府工作报告`.
    private static func metadata(_ header: ImportedHeader, slug: String, path: String, warnings: inout [Diagnostic]) -> ReportMetadata {
        func value<T>(_ found: T?, _ key: String, _ unknown: T) -> T {
            if let found { return found }
            warnings.append(Diagnostic(
                .warning, at: SourceLocation(path: path), "the text does not say the report's `\(key)`; a placeholder was written",
                hint: "edit `\(key):` in the imported file's front matter (the build warns until it is filled in)", stage: .importing))
            return unknown
        }
        return ReportMetadata(
            title: value(header.title.map(collapsingSpaces), "title", "政府工作报告"),
            place: value(header.place, "place", ""),
            level: header.place == nil ? .city : (header.level ?? .city),
            year: value(header.year, "year", 0),
            date: value(header.date, "date", ""),
            speaker: value(header.speaker, "speaker", ""),
            speakerTitle: header.speakerTitle.map(collapsingSpaces),
            meeting: value(header.meeting, "meeting", ""),
            source: header.source.map(collapsingSpaces),
            publishedDateline: header.dateline.map(collapsingSpaces))
    }

    /// Runs of spaces (ideographic and no-break ones too) as one ASCII space.
    private static func collapsingSpaces(_ text: String) -> String {
        text.replacingOccurrences(of: #"[\s\u3000\u00a0\u2003]+"#, with: " ", options: .regularExpression)
            .trimmingWhitespace()
    }

    /// Loads and structures `markdown` exactly as the **load** and **structure** stages do.
    private static func parseBack(_ markdown: String, slug: String, path: String) throws(Diagnostic) -> Report {
        var log = DiagnosticLog()
        let display = "reports/\(slug).md"
        func failure() -> Diagnostic {
            Diagnostic(
                .error, at: SourceLocation(path: path),
                "internal error: the imported Markdown does not load: \(log.errors.map(\.summary).joined(separator: "; "))",
                hint: "please report this with the input file", stage: .importing)
        }
        guard let split = FrontMatter.split(markdown, path: display, log: &log),
              let metadata = ReportMetadata.parse(YAMLSource(path: display, text: split.yaml, lineOffset: 1), log: &log)
        else { throw failure() }
        let document: MarkdownNode
        do {
            document = try CommonMarkParser.parse(split.body)
        } catch {
            throw Diagnostic(.error, at: SourceLocation(path: path), "internal error: libcmark failed: \(error)", stage: .importing)
        }
        let source = ReportSource(
            slug: slug, path: display, metadata: metadata, document: document, bodyLineOffset: split.bodyLineOffset,
            bodyLines: split.body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init))
        guard let report = ReportStructurer(source: source).structure(log: &log) else { throw failure() }
        return report
    }
}

/// What kind of file an input is, from its extension and first bytes.
enum InputKind: Equatable {
    case text, docx

    /// - Throws: a ``Diagnostic`` for a Word 97–2003 `.doc` or a PDF, saying what to do instead.
    static func detect(_ data: Data, path: String) throws(Diagnostic) -> InputKind {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        let head = [UInt8](data.prefix(8))
        if ext == "pdf" || head.starts(with: Array("%PDF-".utf8)) {
            throw Diagnostic(
                .error, at: SourceLocation(path: path), "PDF files cannot be imported",
                hint: "copy the text out (select all and paste into a .txt file, or `pdftotext -layout \(path) report.txt`) and import the .txt: the importer repairs broken lines, page breaks and odd spaces, and lists every repair with --verbose",
                stage: .importing)
        }
        if ext == "doc" || head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw Diagnostic(
                .error, at: SourceLocation(path: path), "Word 97–2003 .doc files cannot be imported",
                hint: "open it in Word or LibreOffice and save it as .docx (or run `soffice --headless --convert-to docx \(path)`), then import the .docx",
                stage: .importing)
        }
        if ext == "docx" || (head.starts(with: [0x50, 0x4B, 0x03, 0x04]) && ext != "txt") { return .docx }
        return .text
    }
}
