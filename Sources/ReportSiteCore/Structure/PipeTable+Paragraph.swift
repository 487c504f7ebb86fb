import CommonMark

// Finding a pipe table in a paragraph of the CommonMark tree, for the structure stage.

extension PipeTable {
    /// One source line of a paragraph, its container markers removed.
    struct ParagraphLine: Equatable {
        var text: String
        /// The 1-based column (in characters) where `text` starts in the source line.
        var column: Int
    }

    /// The source lines of the paragraph that starts at `start` (a body position, as cmark gives
    /// it) and ends on body line `endLine`, read with `bodyLine`: the first from the paragraph's
    /// column, the others without leading spaces and block-quote markers (`>`; a paragraph's
    /// continuation line never starts a quote, so a `>` there is a marker). `nil` when a line is
    /// not in the body.
    ///
    /// The table is read from the source, not from the parsed text, because cmark has already
    /// resolved `\|` to `|` there: the cells could not be told apart.
    static func paragraphLines(start: SourcePosition, endLine: Int, bodyLine: (Int) -> String?) -> [ParagraphLine]? {
        var lines: [ParagraphLine] = []
        for line in start.line...max(start.line, endLine) {
            guard let source = bodyLine(line) else { return nil }
            if line == start.line {
                let rest = String(decoding: source.utf8.dropFirst(max(0, start.column - 1)), as: UTF8.self)
                lines.append(ParagraphLine(text: rest, column: source.count - rest.count + 1))
                continue
            }
            var rest = Substring(source).drop { $0 == " " || $0 == "\t" }
            while rest.hasPrefix(">") { rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" } }
            lines.append(ParagraphLine(text: String(rest), column: source.count - rest.count + 1))
        }
        return lines
    }

    /// The inline content of the first `count` lines of a paragraph: its top-level inlines before
    /// its `count`-th line break (soft or hard), without that break. When a break is nested in
    /// markup (`**…\n…**`), the plain text of those lines instead.
    static func inlines(_ inlines: [MarkdownNode], beforeLine count: Int) -> [MarkdownNode] {
        guard count > 0 else { return [] }
        var breaks = 0
        for (index, node) in inlines.enumerated() where node.kind == .softBreak || node.kind == .lineBreak {
            breaks += 1
            if breaks == count { return Array(inlines[..<index]) }
        }
        let lines = InlineText.plainText(inlines).split(separator: "\n", omittingEmptySubsequences: false).prefix(count)
        return [MarkdownNode(kind: .text(lines.joined(separator: "\n")))]
    }
}
