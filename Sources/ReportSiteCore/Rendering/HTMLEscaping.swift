import Mustache

/// Escapes text for HTML content and attribute values: `&`, `<`, `>`, `"` and `'` become
/// `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&#39;` (the five swift-mustache escapes too).
///
/// Works on UTF-8 bytes: the five are ASCII, and no byte of a multi-byte character is ASCII.
/// Text without any of them (most Chinese text) is returned as it is, without a copy.
func escapeHTML(_ text: String) -> String {
    let utf8 = text.utf8
    guard utf8.contains(where: FastHTMLEscaping.needsEscape) else { return text }
    var out: [UInt8] = []
    out.reserveCapacity(utf8.count + 16)
    for byte in utf8 {
        switch byte {
        case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
        case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
        case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
        case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
        case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
        default: out.append(byte)
        }
    }
    return String(decoding: out, as: UTF8.self)
}

/// The escaping swift-mustache applies to `{{value}}`, done by ``escapeHTML(_:)``.
///
/// swift-mustache escapes character by character with a dictionary lookup for each; on a large
/// site that was an eighth of the build's CPU time (100 reports, `perf`). A template selects a
/// content type with the pragma `{{% CONTENT_TYPE: name}}`, and a partial starts again from
/// swift-mustache's default, so ``TemplateSet`` puts ``pragmaLine`` before every template.
struct FastHTMLEscaping: MustacheContentType {
    /// The name the content type is registered under.
    static let name = "REPORTSITE_HTML"
    /// The line put before each template's text (registers the content type on first use).
    static var pragmaLine: String {
        _ = registered
        return "{{% CONTENT_TYPE: \(name)}}\n"
    }
    private static let registered: Void = MustacheContentTypes.register(FastHTMLEscaping(), named: name)

    static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    func escapeText(_ text: String) -> String { escapeHTML(text) }
}
