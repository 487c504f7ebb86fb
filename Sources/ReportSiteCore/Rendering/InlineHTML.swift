import CommonMark

/// Renders a passage's inline content to HTML, safely.
///
/// - Text is escaped; raw inline HTML is never passed through (it is shown as text, except
///   comments, which are dropped).
/// - A link whose destination uses a script-capable scheme (`javascript:`, `vbscript:`,
///   `data:`) keeps its text and loses its link.
/// - An image from the network is not loaded (the site must work offline): its description is
///   shown as a link instead.
/// - A soft break between CJK characters is dropped (CommonMark keeps it as a line end, which
///   browsers show as a space between Chinese characters).
/// - A bold run that opens the passage (the lead sentence) gets `class="lead"`.
enum InlineHTML {
    /// Markup nested deeper than this is rendered as its plain text (keeps the stack bounded).
    static let maximumDepth = 32

    static func render(_ inlines: [MarkdownNode], hasLead: Bool, depth: Int = 0) -> String {
        if depth > maximumDepth { return escapeHTML(InlineText.plainText(inlines)) }
        var out = ""
        var leadDone = !hasLead
        for (index, node) in inlines.enumerated() {
            let isLead = !leadDone && index <= 1 && node.kind == .strong
            if isLead { leadDone = true }
            render(node, previous: index > 0 ? inlines[index - 1] : nil, next: index + 1 < inlines.count ? inlines[index + 1] : nil, lead: isLead, depth: depth, into: &out)
        }
        return out
    }

    /// True when `destination` must not become a link: a script-capable scheme.
    static func isUnsafeDestination(_ destination: String) -> Bool {
        let folded = destination.lowercased().filter { !$0.isWhitespace && !$0.isNewline && $0 != "\u{0}" }
        return ["javascript:", "vbscript:", "data:", "file:"].contains { folded.hasPrefix($0) }
    }

    /// `url` with the ASCII characters a URL may not hold (space, `"`, `<`, `>`, `\`, `^`, `` ` ``,
    /// `{`, `|`, `}`, control characters, and a `%` not starting an escape) percent-encoded, as
    /// CommonMark's own renderer does; letters of other scripts stay as they are (an IRI).
    static func urlEncodingUnsafeASCII(_ url: String) -> String {
        let scalars = Array(url.unicodeScalars)
        var out = ""
        for (index, scalar) in scalars.enumerated() {
            let isHex = { (i: Int) in i < scalars.count && scalars[i].properties.isASCIIHexDigit }
            if scalar.value < 0x21 || scalar.value == 0x7F || "\"<>\\^`{|}".unicodeScalars.contains(scalar)
                || (scalar == "%" && !(isHex(index + 1) && isHex(index + 2))) {
                for byte in String(scalar).utf8 { out += String(format: "%%%02X", byte) }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// True when `url` points at the network.
    static func isRemote(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("http:") || lower.hasPrefix("https:") || lower.hasPrefix("//")
    }

    // MARK: - Private

    private static func render(_ node: MarkdownNode, previous: MarkdownNode?, next: MarkdownNode?, lead: Bool, depth: Int, into out: inout String) {
        switch node.kind {
        case .text(let text):
            out += escapeHTML(text)
        case .softBreak:
            let before = previous.map { InlineText.plainText([$0]) }?.last
            let after = next.map { InlineText.plainText([$0]) }?.first
            if let before, let after, TextFolding.isCJK(before), TextFolding.isCJK(after) { break }
            out += "\n"
        case .lineBreak:
            out += "<br>\n"
        case .code(let code):
            out += "<code>" + escapeHTML(code) + "</code>"
        case .htmlInline(let html):
            if !html.hasPrefix("<!--") { out += escapeHTML(html) }
        case .emphasis:
            out += "<em>" + render(node.children, hasLead: false, depth: depth + 1) + "</em>"
        case .strong:
            out += (lead ? "<strong class=\"lead\">" : "<strong>") + render(node.children, hasLead: false, depth: depth + 1) + "</strong>"
        case .link(let destination, let title):
            let content = render(node.children, hasLead: false, depth: depth + 1)
            if isUnsafeDestination(destination) {
                out += content
            } else {
                let titleAttribute = title.isEmpty ? "" : " title=\"\(escapeHTML(title))\""
                out += "<a href=\"\(escapeHTML(urlEncodingUnsafeASCII(destination)))\"\(titleAttribute)>" + content + "</a>"
            }
        case .image(let source, let title):
            let description = escapeHTML(InlineText.plainText(node.children))
            if isUnsafeDestination(source) {
                out += description
            } else if isRemote(source) {
                out += "<a href=\"\(escapeHTML(urlEncodingUnsafeASCII(source)))\">" + (description.isEmpty ? escapeHTML(source) : description) + "</a>"
            } else {
                let titleAttribute = title.isEmpty ? "" : " title=\"\(escapeHTML(title))\""
                out += "<img src=\"\(escapeHTML(urlEncodingUnsafeASCII(source)))\" alt=\"\(description)\"\(titleAttribute)>"
            }
        default:
            out += render(node.children, hasLead: false, depth: depth + 1)
        }
    }
}
