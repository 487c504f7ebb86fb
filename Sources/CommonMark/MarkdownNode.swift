/// A position in Markdown source text.
///
/// `line` is 1-based. `column` is 1-based and counted in Unicode scalars, so a Chinese
/// character is one column (libcmark itself counts bytes; ``CommonMarkParser`` converts).
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// 1-based line number in the parsed text.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int

    /// Creates a position from a 1-based line and a 1-based column (Unicode scalars).
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// The source span of one node: from its first character to its last, both inclusive.
public struct SourceRange: Hashable, Sendable {
    /// First character of the node.
    public var start: SourcePosition
    /// Last character of the node (inclusive), as libcmark reports it.
    public var end: SourcePosition

    /// Creates a range from its inclusive start and end positions.
    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }
}

/// One node of a CommonMark document tree, as plain Swift values.
///
/// The kinds are those of the CommonMark spec (https://spec.commonmark.org/0.30/), as libcmark
/// names them. Container nodes hold their content in ``children``; text-bearing leaves hold it in
/// their ``Kind`` payload. No C memory is referenced: every string is copied.
public struct MarkdownNode: Hashable, Sendable {
    /// What a node is, with the data that belongs to that kind.
    public enum Kind: Hashable, Sendable {
        case document
        case blockQuote
        /// A list; `start` is the first number of an ordered list (1 for bullet lists).
        case list(ordered: Bool, start: Int, tight: Bool)
        case item
        /// A fenced or indented code block; `info` is the fence's info string ("" when none).
        case codeBlock(info: String, literal: String)
        /// A raw HTML block (HTML comments included), its text exactly as written.
        case htmlBlock(String)
        case paragraph
        /// An ATX or setext heading, `level` 1 to 6.
        case heading(level: Int)
        case thematicBreak
        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        /// Raw inline HTML, exactly as written.
        case htmlInline(String)
        case emphasis
        case strong
        case link(destination: String, title: String)
        case image(source: String, title: String)
        /// A node type this wrapper does not know (a newer libcmark); its children are kept.
        case other(String)
    }

    /// The node's kind and kind-specific data.
    public var kind: Kind
    /// Where the node stands in the parsed text; `nil` where libcmark gave no position.
    public var range: SourceRange?
    /// Child nodes in document order; empty for leaves.
    public var children: [MarkdownNode]

    /// Creates a node. Tests build trees with this; the parser is the usual source.
    public init(kind: Kind, range: SourceRange? = nil, children: [MarkdownNode] = []) {
        self.kind = kind
        self.range = range
        self.children = children
    }

    /// The concatenated literal text of this node and its descendants: text, code spans and
    /// code blocks as written, a soft or hard break as a newline, raw HTML left out.
    /// Walks the tree without recursion, so any depth is safe.
    public var plainText: String {
        var out = ""
        var stack: [MarkdownNode] = [self]
        while let node = stack.popLast() {
            switch node.kind {
            case .text(let s), .code(let s): out += s
            case .codeBlock(_, let literal): out += literal
            case .softBreak, .lineBreak: out += "\n"
            default: break
            }
            stack.append(contentsOf: node.children.reversed())
        }
        return out
    }
}
