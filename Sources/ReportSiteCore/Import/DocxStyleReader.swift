import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Finds the styles of `word/styles.xml` that make text bold (directly or through `w:basedOn`).
final class StyleReader: NSObject, XMLParserDelegate {
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
