import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the paragraphs of a Word `.docx` file, with the bold runs that open them.
///
/// A `.docx` is a zip archive (read by ``ZipReader``, inflated with ZIPFoundation); the text is `word/document.xml`, read
/// with Foundation's `XMLParser`. Each `w:p` is a paragraph; its text is the `w:t` of its runs
/// (`w:tab` a tab, `w:br`/`w:cr` a line break, `w:noBreakHyphen` a hyphen). A run is bold when
/// its `w:rPr` has `w:b` (not `w:val="0"`/`false`/`off`), or its character style (`w:rStyle`) or
/// its paragraph's style (`w:pStyle`) is bold in `word/styles.xml` (following `w:basedOn`).
///
/// The bold prefix of a paragraph (``SourceParagraph/boldPrefix``) is the text of its opening
/// bold runs, after any plain leading spaces and dashes (`——`); it is set only when some later
/// text is not bold. This is how the Word files carry lead sentences (`shared/docs/domain.md` 1.5).
///
/// Nothing is dropped silently (``read(from:path:)``): text boxes (`w:txbxContent`, read once:
/// the `mc:Fallback` copy of a drawing is skipped) and footnotes and endnotes (`word/footnotes.xml`,
/// `word/endnotes.xml`) become paragraphs of their own after the paragraph that holds or refers to
/// them, numbered as that paragraph; each of these, and what is not imported (pictures,
/// symbol-font characters `w:sym`, tracked deletions), is a warning naming the paragraph.
///
/// A table (`w:tbl`) is one paragraph with ``SourceParagraph/tableRows``: its cells row by row
/// (`w:tr`, `w:tc`), a cell's paragraphs joined with a line break (a nested table's text in the
/// cell that holds it), numbered as its first paragraph; the writer makes it a pipe table.
/// Merged cells (`w:gridSpan`, `w:vMerge`) are not spread: a row has the cells it holds.
enum DocxReader {
    /// The paragraphs of the `.docx` in `data`, numbered from 1 in document order (empty ones
    /// included, so that numbers match Word's paragraph count).
    /// - Throws: a ``Diagnostic`` (stage `import`) naming `path` when the file is not a zip
    ///   archive, has no `word/document.xml`, or that is not well-formed XML.
    static func paragraphs(from data: Data, path: String) throws(Diagnostic) -> [SourceParagraph] {
        try read(from: data, path: path).paragraphs
    }

    /// The paragraphs (see ``paragraphs(from:path:)``), and a warning for each part of the file
    /// that is not ordinary body text: what was moved (text boxes, notes), read cell by cell
    /// or left out (pictures, symbols, tracked deletions), at `path:<paragraph>`.
    /// - Throws: as ``paragraphs(from:path:)``.
    static func read(from data: Data, path: String) throws(Diagnostic) -> (paragraphs: [SourceParagraph], warnings: [Diagnostic]) {
        let archive: ZipReader
        do {
            archive = try ZipReader(data)
        } catch {
            throw Diagnostic(
                .error, at: SourceLocation(path: path), "file is not a Word .docx file: it is not a zip archive",
                hint: "open it in Word or LibreOffice and save it as .docx (Word 2007 or later), or save the text as a .txt file",
                stage: .importing)
        }
        let documentXML: Data
        do {
            guard let xml = try archive.extract("word/document.xml") else {
                throw Diagnostic(
                    .error, at: SourceLocation(path: path), "file is a zip archive but not a Word document: it has no word/document.xml",
                    hint: "import the Word file itself (.docx), or the report's text as a .txt file", stage: .importing)
            }
            documentXML = xml
        } catch let failure as ZipReader.Failure {
            throw Diagnostic(
                .error, at: SourceLocation(path: path), "file is a damaged zip archive: \(failure)",
                hint: "open and save it again in Word or LibreOffice", stage: .importing)
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            throw Diagnostic(.error, at: SourceLocation(path: path), "cannot read the file: \(error)", stage: .importing)
        }
        if let line = XMLTagSyntax.firstMalformedTagLine(in: documentXML) {
            throw Diagnostic(
                .error, at: SourceLocation(path: path + ":word/document.xml", line: line), "word/document.xml is not well-formed XML: a tag is malformed",
                hint: "the file is damaged; open and save it again in Word or LibreOffice", stage: .importing)
        }
        let styles = (try? archive.extract("word/styles.xml"))?.flatMap { XMLTagSyntax.firstMalformedTagLine(in: $0) == nil ? $0 : nil }
        let boldStyles = styles.map(StyleReader.boldStyleIDs) ?? []
        var notes: [String: [String]] = [:]
        for (kind, file) in [("footnote", "word/footnotes.xml"), ("endnote", "word/endnotes.xml")] {
            guard let xml = (try? archive.extract(file)) ?? nil, XMLTagSyntax.firstMalformedTagLine(in: xml) == nil else { continue }
            for (id, texts) in NoteReader.notes(xml, element: "w:" + kind) { notes[kind + " " + id] = texts }
        }
        let reader = DocumentReader(boldStyles: boldStyles)
        let parser = XMLParser(data: documentXML)
        parser.shouldProcessNamespaces = false
        parser.delegate = reader
        guard parser.parse() else {
            let line = parser.lineNumber
            throw Diagnostic(
                .error, at: SourceLocation(path: path + ":word/document.xml", line: line > 0 ? line : nil),
                "word/document.xml is not well-formed XML\(parser.parserError.map { ": \($0.localizedDescription)" } ?? "")",
                hint: "the file is damaged; open and save it again in Word or LibreOffice", stage: .importing)
        }
        var paragraphs: [SourceParagraph] = []
        var warnings: [Diagnostic] = []
        func warn(_ number: Int, _ message: String, _ hint: String) {
            warnings.append(Diagnostic(.warning, at: SourceLocation(path: path, line: number), message, hint: hint, stage: .importing))
        }
        /// What a paragraph holds besides its text: text boxes and notes after it, warnings.
        func extras(of paragraph: DocxParagraph, number: Int) {
            for box in paragraph.textBoxes where !box.isEmpty {
                paragraphs.append(SourceParagraph(text: box, line: number))
            }
            if !paragraph.textBoxes.isEmpty {
                warn(number, "paragraph \(number) holds \(paragraph.textBoxes.count) text-box paragraph(s): imported as paragraphs after it",
                     "check where the text box's text belongs, and move it there")
            }
            for reference in paragraph.noteReferences {
                let texts = notes[reference] ?? []
                paragraphs += texts.filter { !$0.isEmpty }.map { SourceParagraph(text: $0, line: number) }
                warn(number, texts.isEmpty
                        ? "paragraph \(number) refers to \(reference), which the file does not hold: nothing imported for it"
                        : "\(reference) of paragraph \(number) is imported as a paragraph after it",
                     "notes are not shown as notes; move its text where it reads best, or remove it")
            }
            if paragraph.pictures > 0 {
                warn(number, "paragraph \(number) holds \(paragraph.pictures) picture(s): not imported (only text is)", "describe the picture in the text if it matters")
            }
            if !paragraph.symbols.isEmpty {
                warn(number, "paragraph \(number) holds \(paragraph.symbols.count) symbol-font character(s) (w:sym \(paragraph.symbols.joined(separator: ", "))): not imported",
                     "replace them in Word with ordinary characters (Insert ▸ Symbol, font (normal text)) and import again")
            }
            if paragraph.deletedCharacters > 0 {
                warn(number, "paragraph \(number) has tracked deletions (\(paragraph.deletedCharacters) characters): not imported",
                     "accept or reject the tracked changes in Word (Review ▸ Accept) and import again")
            }
        }
        var index = 0
        while index < reader.paragraphs.count {
            let number = index + 1
            guard let cell = reader.paragraphs[index].tableCell else {
                let paragraph = reader.paragraphs[index]
                paragraphs.append(SourceParagraph(text: paragraph.runs.map(\.text).joined(), line: number, boldPrefix: boldPrefix(of: paragraph.runs)))
                extras(of: paragraph, number: number)
                index += 1
                continue
            }
            // One table: its paragraphs are the next ones of the same table.
            var rows: [[String]] = []
            var members: [(paragraph: DocxParagraph, number: Int)] = []
            while index < reader.paragraphs.count, let at = reader.paragraphs[index].tableCell, at.table == cell.table {
                let paragraph = reader.paragraphs[index]
                while rows.count <= at.row { rows.append([]) }
                while rows[at.row].count <= at.column { rows[at.row].append("") }
                let text = paragraph.runs.map(\.text).joined()
                rows[at.row][at.column] += rows[at.row][at.column].isEmpty ? text : "\n" + text
                members.append((paragraph, index + 1))
                index += 1
            }
            paragraphs.append(SourceParagraph(text: rows.flatMap { $0 }.joined(separator: " "), line: number, tableRows: rows))
            for member in members { extras(of: member.paragraph, number: member.number) }
        }
        return (paragraphs, warnings)
    }

    // MARK: - Private

    typealias Run = (text: String, bold: Bool)

    /// The opening bold text of a paragraph (see the type's documentation), or `nil`.
    static func boldPrefix(of runs: [Run]) -> String? {
        var index = 0
        let skippable: (Character) -> Bool = { $0.isWhitespace || $0 == "—" }
        while index < runs.count, !runs[index].bold, runs[index].text.allSatisfy(skippable) { index += 1 }
        var prefix = ""
        while index < runs.count, runs[index].bold || runs[index].text.allSatisfy(\.isWhitespace) {
            prefix += runs[index].text
            index += 1
        }
        let rest = runs[index...].map(\.text).joined()
        let trimmed = prefix.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\u{3000}\u{2003}\u{a0}")))
        guard !trimmed.isEmpty, !rest.trimmingWhitespaceAndNewlines().isEmpty else { return nil }
        return trimmed
    }

    /// True for `w:b`/`w:val` values that switch bold on (absent, `1`, `true`, `on`).
    static func isOn(_ value: String?) -> Bool {
        guard let value else { return true }
        return !["0", "false", "off"].contains(value.lowercased())
    }
}
