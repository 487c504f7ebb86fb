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
enum DocxReader {
    /// The paragraphs of the `.docx` in `data`, numbered from 1 in document order (empty ones
    /// included, so that numbers match Word's paragraph count).
    /// - Throws: a ``Diagnostic`` (stage `import`) naming `path` when the file is not a zip
    ///   archive, has no `word/document.xml`, or that is not well-formed XML.
    static func paragraphs(from data: Data, path: String) throws(Diagnostic) -> [SourceParagraph] {
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
        return reader.paragraphs.enumerated().map { index, runs in
            SourceParagraph(text: runs.map(\.text).joined(), line: index + 1, boldPrefix: boldPrefix(of: runs))
        }
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
        guard !trimmed.isEmpty, !rest.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return trimmed
    }

    /// True for `w:b`/`w:val` values that switch bold on (absent, `1`, `true`, `on`).
    static func isOn(_ value: String?) -> Bool {
        guard let value else { return true }
        return !["0", "false", "off"].contains(value.lowercased())
    }
}

/// Collects the paragraphs and runs of `word/document.xml`.
private final class DocumentReader: NSObject, XMLParserDelegate {
    let boldStyles: Set<String>
    var paragraphs: [[DocxReader.Run]] = []
    private var runs: [DocxReader.Run] = []
    private var inParagraph = 0
    private var inRun = false
    private var inRunProperties = false
    private var inText = false
    private var paragraphBold = false
    private var runBold: Bool?
    private var runStyleBold = false
    private var runText = ""

    init(boldStyles: Set<String>) { self.boldStyles = boldStyles }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "w:p":
            inParagraph += 1
            if inParagraph == 1 { runs = []; paragraphBold = false }
        case "w:pStyle":
            if let id = attributes["w:val"], boldStyles.contains(id) { paragraphBold = true }
        case "w:r":
            inRun = true; runBold = nil; runStyleBold = false; runText = ""
        case "w:rPr" where inRun:
            inRunProperties = true
        case "w:rStyle" where inRunProperties:
            if let id = attributes["w:val"], boldStyles.contains(id) { runStyleBold = true }
        case "w:b" where inRunProperties:
            runBold = DocxReader.isOn(attributes["w:val"])
        case "w:t" where inRun:
            inText = true
        case "w:tab" where inRun && !inRunProperties:
            runText += "\t"
        case "w:br", "w:cr":
            if inRun { runText += "\n" }
        case "w:noBreakHyphen" where inRun:
            runText += "-"
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { runText += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "w:t": inText = false
        case "w:rPr": inRunProperties = false
        case "w:r":
            inRun = false
            if !runText.isEmpty { runs.append((runText, runBold ?? (runStyleBold || paragraphBold))) }
        case "w:p":
            inParagraph -= 1
            if inParagraph == 0 { paragraphs.append(runs) }
        default: break
        }
    }
}

/// Finds the styles of `word/styles.xml` that make text bold (directly or through `w:basedOn`).
private final class StyleReader: NSObject, XMLParserDelegate {
    private var bold: [String: Bool] = [:]
    private var basedOn: [String: String] = [:]
    private var current: String?
    private var inRunProperties = false

    static func boldStyleIDs(_ data: Data) -> Set<String> {
        let reader = StyleReader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        guard parser.parse() else { return [] }
        var result: Set<String> = []
        for id in Set(reader.bold.keys).union(reader.basedOn.keys) {
            var seen: Set<String> = []
            var style: String? = id
            while let s = style, !seen.contains(s) {
                seen.insert(s)
                if let value = reader.bold[s] { if value { result.insert(id) }; break }
                style = reader.basedOn[s]
            }
        }
        return result
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "w:style": current = attributes["w:styleId"]
        case "w:basedOn": if let current, let value = attributes["w:val"] { basedOn[current] = value }
        case "w:rPr": inRunProperties = true
        case "w:b" where inRunProperties: if let current { bold[current] = DocxReader.isOn(attributes["w:val"]) }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "w:style": current = nil
        case "w:rPr": inRunProperties = false
        default: break
        }
    }
}
