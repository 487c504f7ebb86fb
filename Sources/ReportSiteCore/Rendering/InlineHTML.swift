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
                out += "<a href=\"\(escapeHTML(destination))\"\(titleAttribute)>" + content + "</a>"
            }
        case .image(let source, let title):
            let description = escapeHTML(InlineText.plainText(node.children))
            if isUnsafeDestination(source) {
                out += description
            } else if isRemote(source) {
                out += "<a href=\"\(escapeHTML(source))\">" + (description.isEmpty ? escapeHTML(source) : description) + "</a>"
            } else {
                let titleAttribute = title.isEmpty ? "" : " title=\"\(escapeHTML(title))\""
                out += "<img src=\"\(escapeHTML(source))\" alt=\"\(description)\"\(titleAttribute)>"
            }
        default:
            out += render(node.children, hasLead: false, depth: depth + 1)
        }
    }
}
