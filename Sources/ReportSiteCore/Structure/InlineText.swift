import CommonMark

/// Plain text of inline content, as used for matching, anchors and excerpts.
enum InlineText {
    /// The text of `inlines` without markup. A soft break between two CJK characters is
    /// dropped (Chinese has no spaces between words); elsewhere it becomes a space. Raw HTML
    /// is left out; a hard break becomes a space.
    static func plainText(_ inlines: [MarkdownNode]) -> String {
        var out = ""
        var pendingBreak = false
        func append(_ text: String) {
            guard let first = text.first else { return }
            if pendingBreak {
                if !(out.last.map(TextFolding.isCJK) ?? true && TextFolding.isCJK(first)) && !out.isEmpty { out.append(" ") }
                pendingBreak = false
            }
            out += text
        }
        // Depth-first without recursion, so deeply nested emphasis is safe.
        var stack: [MarkdownNode] = inlines.reversed()
        while let node = stack.popLast() {
            switch node.kind {
            case .text(let text), .code(let text): append(text)
            case .softBreak, .lineBreak: pendingBreak = true
            case .htmlInline: break
            default: stack.append(contentsOf: node.children.reversed())
            }
        }
        return out
    }

    /// Characters that end a sentence; a lead sentence keeps the one that follows its bold run.
    static let sentenceEnders: Set<Character> = ["。", "！", "？", "!", "?", "."]

    /// The bold lead sentence that opens a passage (`**积极扩大有效投资**。坚持…`), or `nil`.
    /// A leading `——` before the bold run is allowed (Beijing's achievement bullets).
    static func leadSentence(_ inlines: [MarkdownNode]) -> String? {
        var nodes = inlines[...]
        if case .text(let text)? = nodes.first?.kind, text.allSatisfy({ $0 == "—" || $0 == "-" || $0.isWhitespace }) {
            nodes = nodes.dropFirst()
        }
        guard let first = nodes.first, first.kind == .strong else { return nil }
        var lead = plainText(first.children).trimmingWhitespace()
        guard !lead.isEmpty else { return nil }
        if let last = lead.last, sentenceEnders.contains(last) { return lead }
        if case .text(let next)? = nodes.dropFirst().first?.kind, let ender = next.first, sentenceEnders.contains(ender) {
            lead.append(ender)
        }
        return lead
    }
}
