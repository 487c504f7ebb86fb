import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the notes of `word/footnotes.xml` or `word/endnotes.xml`: each note's paragraphs as
/// text, by its `w:id` (the separator notes Word adds, `w:type="separator"` and the like, left out).
final class NoteReader: NSObject, XMLParserDelegate {
    private let element: String
    private var notes: [String: [String]] = [:]
    private var currentID: String?
    private var paragraph = ""
    private var inText = false

    private init(element: String) { self.element = element }

    static func notes(_ data: Data, element: String) -> [String: [String]] {
        let reader = NoteReader(element: element)
        let parser = XMLParser(data: data)
        parser.delegate = reader
        guard parser.parse() else { return [:] }
        return reader.notes
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case element:
            let type = attributes["w:type"] ?? "normal"
            currentID = type == "normal" ? attributes["w:id"] : nil
        case "w:p": paragraph = ""
        case "w:t": inText = currentID != nil
        case "w:tab": paragraph += "\t"
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { paragraph += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "w:t": inText = false
        case "w:p": if let currentID { notes[currentID, default: []].append(paragraph) }
        case element: currentID = nil
        default: break
        }
    }
}
