import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

// The XML readers of `word/document.xml` and its notes, for ``DocxReader``.

/// One body paragraph of `word/document.xml` as read: its runs, and what it holds besides.
struct DocxParagraph {
    var runs: [DocxReader.Run] = []
    /// The texts of the paragraphs of its text boxes, in order.
    var textBoxes: [String] = []
    /// `footnote 3`, `endnote 1`: the notes it refers to, in order.
    var noteReferences: [String] = []
    var pictures = 0
    /// The `w:char` codes of its `w:sym` characters.
    var symbols: [String] = []
    var deletedCharacters = 0
    /// Inside a (top-level) table: which table of the document (from 0), and the row and cell
    /// (from 0) that hold the paragraph; a nested table's paragraphs belong to the outer cell.
    var tableCell: TableCell?
}

/// Where a paragraph stands in a Word table.
struct TableCell: Equatable {
    var table: Int
    var row: Int
    var column: Int
}

/// Collects the paragraphs and runs of `word/document.xml`.
final class DocumentReader: NSObject, XMLParserDelegate {
    let boldStyles: Set<String>
    var paragraphs: [DocxParagraph] = []
    private var current = DocxParagraph()
    private var inParagraph = 0
    private var inRun = false
    private var inRunProperties = false
    private var inText = false
    private var paragraphBold = false
    private var runBold: Bool?
    private var runStyleBold = false
    private var runText = ""
    /// Inside `mc:Fallback` (the second copy of a drawing): everything is skipped.
    private var fallbackDepth = 0
    /// Inside a text box: its paragraphs go to ``DocxParagraph/textBoxes`` of the host.
    private var textBoxDepth = 0
    private var boxText = ""
    private var inDeletedText = false
    private var tableDepth = 0
    /// The top-level tables seen so far, and the current row and cell of the current one.
    private var tables = 0
    private var row = -1
    private var column = -1

    init(boldStyles: Set<String>) { self.boldStyles = boldStyles }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "mc:Fallback" || fallbackDepth > 0 { fallbackDepth += 1; return }
        if textBoxDepth > 0 {
            switch name {
            case "w:txbxContent": textBoxDepth += 1
            case "w:p": boxText = ""
            case "w:t": inText = true
            case "w:tab": boxText += "\t"
            default: break
            }
            return
        }
        switch name {
        case "w:tbl":
            tableDepth += 1
            if tableDepth == 1 { row = -1 }
        case "w:tr" where tableDepth == 1:
            row += 1
            column = -1
        case "w:tc" where tableDepth == 1:
            column += 1
        case "w:txbxContent":
            textBoxDepth = 1
        case "w:p":
            inParagraph += 1
            if inParagraph == 1 {
                current = DocxParagraph()
                paragraphBold = false
                if tableDepth > 0 { current.tableCell = TableCell(table: tables, row: max(row, 0), column: max(column, 0)) }
            }
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
        case "w:delText":
            inDeletedText = true
        case "w:tab" where inRun && !inRunProperties:
            runText += "\t"
        case "w:br", "w:cr":
            if inRun { runText += "\n" }
        case "w:noBreakHyphen" where inRun:
            runText += "-"
        case "w:footnoteReference", "w:endnoteReference":
            current.noteReferences.append((name == "w:footnoteReference" ? "footnote " : "endnote ") + (attributes["w:id"] ?? "?"))
        case "pic:pic", "v:imagedata":
            current.pictures += 1
        case "w:sym":
            current.symbols.append(attributes["w:char"] ?? "?")
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard fallbackDepth == 0 else { return }
        if inDeletedText { current.deletedCharacters += string.count; return }
        guard inText else { return }
        if textBoxDepth > 0 { boxText += string } else { runText += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if fallbackDepth > 0 { fallbackDepth -= 1; return }
        if textBoxDepth > 0 {
            switch name {
            case "w:txbxContent": textBoxDepth -= 1
            case "w:p": current.textBoxes.append(boxText); boxText = ""
            case "w:t": inText = false
            default: break
            }
            return
        }
        switch name {
        case "w:t": inText = false
        case "w:delText": inDeletedText = false
        case "w:rPr": inRunProperties = false
        case "w:r":
            inRun = false
            if !runText.isEmpty { current.runs.append((runText, runBold ?? (runStyleBold || paragraphBold))) }
        case "w:p":
            inParagraph -= 1
            if inParagraph == 0 { paragraphs.append(current) }
        case "w:tbl":
            tableDepth -= 1
            if tableDepth == 0 { tables += 1 }
        default: break
        }
    }
}
