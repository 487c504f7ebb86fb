import Ccmark

/// Errors thrown by ``CommonMarkParser``.
public enum CommonMarkError: Error, Equatable, CustomStringConvertible {
    /// libcmark returned no document (it does so only when it cannot allocate memory).
    case parserFailed

    public var description: String {
        switch self {
        case .parserFailed: return "libcmark could not parse the document (out of memory)"
        }
    }
}

/// Parses CommonMark text with libcmark into a tree of ``MarkdownNode`` values.
///
/// This is the only place in ReportSite that touches C. It parses with source positions on,
/// walks the C tree once with libcmark's iterator (no recursion, so deeply nested input cannot
/// exhaust the stack here), copies every string into Swift and frees the C tree before returning.
public enum CommonMarkParser {
    /// The version of the linked libcmark, e.g. "0.30.2".
    public static var libraryVersion: String {
        guard let cString = cmark_version_string() else { return "unknown" }
        return String(cString: cString)
    }

    /// Parses `text` as a CommonMark document.
    ///
    /// - Parameter text: the Markdown source (any size; lines may end in LF, CRLF or CR).
    /// - Returns: the `.document` node; positions are 1-based lines and 1-based columns counted
    ///   in Unicode scalars of `text`.
    /// - Throws: ``CommonMarkError/parserFailed`` when libcmark returns no document.
    public static func parse(_ text: String) throws -> MarkdownNode {
        var utf8 = Array(text.utf8)
        let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8
        let documentPointer: OpaquePointer? = utf8.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parse_document($0, buffer.count, options)
                }
            } ?? cmark_parse_document("", 0, options)
        }
        guard let document = documentPointer else { throw CommonMarkError.parserFailed }
        defer { cmark_node_free(document) }
        let columns = ColumnMap(utf8: utf8)
        return try convert(document, columns: columns)
    }

    // MARK: - Private

    private static func convert(_ root: OpaquePointer, columns: ColumnMap) throws -> MarkdownNode {
        guard let iterator = cmark_iter_new(root) else { throw CommonMarkError.parserFailed }
        defer { cmark_iter_free(iterator) }

        var stack: [MarkdownNode] = []
        var finished: MarkdownNode?
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let cNode = cmark_iter_get_node(iterator) else { continue }
            let isLeaf = cmark_node_first_child(cNode) == nil && isLeafType(cmark_node_get_type(cNode))
            if event == CMARK_EVENT_ENTER {
                let node = MarkdownNode(kind: kind(of: cNode), range: range(of: cNode, columns: columns))
                if isLeaf {
                    if stack.isEmpty { finished = node } else { stack[stack.count - 1].children.append(node) }
                } else {
                    stack.append(node)
                }
            } else if event == CMARK_EVENT_EXIT {
                guard let node = stack.popLast() else { continue }
                if stack.isEmpty { finished = node } else { stack[stack.count - 1].children.append(node) }
            }
        }
        guard let document = finished else { throw CommonMarkError.parserFailed }
        return document
    }

    /// libcmark's iterator sends only an ENTER event for these node types.
    private static func isLeafType(_ type: cmark_node_type) -> Bool {
        switch type {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT,
             CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            return true
        default:
            return false
        }
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST:
            return .list(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0)
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK:
            return .codeBlock(info: string(cmark_node_get_fence_info(node)), literal: string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock(string(cmark_node_get_literal(node)))
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text(string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_INLINE: return .htmlInline(string(cmark_node_get_literal(node)))
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK:
            return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
            return .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        default:
            return .other(string(cmark_node_get_type_string(node)))
        }
    }

    private static func range(of node: OpaquePointer, columns: ColumnMap) -> SourceRange? {
        let startLine = Int(cmark_node_get_start_line(node))
        let startColumn = Int(cmark_node_get_start_column(node))
        guard startLine > 0, startColumn > 0 else { return nil }
        let endLine = max(Int(cmark_node_get_end_line(node)), startLine)
        let endColumn = max(Int(cmark_node_get_end_column(node)), 1)
        return SourceRange(
            start: columns.position(line: startLine, byteColumn: startColumn),
            end: columns.position(line: endLine, byteColumn: endColumn))
    }
}

/// Converts libcmark's byte columns into Unicode-scalar columns in O(1) per lookup (a
/// checkpoint every 64 bytes), so that long lines with many nodes stay linear.
private struct ColumnMap {
    /// Byte offset at which each 1-based line starts (index 0 is line 1).
    private let lineStarts: [Int]
    private let utf8: [UInt8]
    /// `checkpoints[k]`: number of scalars that begin in bytes `0 ..< k * stride`.
    private let checkpoints: [Int]
    private static let stride = 64

    init(utf8: [UInt8]) {
        self.utf8 = utf8
        var starts = [0]
        var checkpoints = [0]
        checkpoints.reserveCapacity(utf8.count / Self.stride + 2)
        var scalars = 0
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte & 0xC0 != 0x80 { scalars += 1 }
            if byte == 0x0A {
                starts.append(index + 1)
            } else if byte == 0x0D, !(index + 1 < utf8.count && utf8[index + 1] == 0x0A) {
                starts.append(index + 1)
            }
            index += 1
            if index % Self.stride == 0 { checkpoints.append(scalars) }
        }
        lineStarts = starts
        self.checkpoints = checkpoints
    }

    /// Number of scalars that begin in bytes `0 ..< offset`.
    private func scalars(before offset: Int) -> Int {
        let block = offset / Self.stride
        var count = checkpoints[min(block, checkpoints.count - 1)]
        var index = min(block, checkpoints.count - 1) * Self.stride
        while index < offset {
            if utf8[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }

    /// The scalar column of the byte at 1-based `byteColumn` of 1-based `line`: the number of
    /// scalars that begin in bytes 1...byteColumn of the line.
    func position(line: Int, byteColumn: Int) -> SourcePosition {
        guard line >= 1, line <= lineStarts.count else { return SourcePosition(line: line, column: byteColumn) }
        let start = lineStarts[line - 1]
        let end = min(start + byteColumn, utf8.count)
        return SourcePosition(line: line, column: max(scalars(before: end) - scalars(before: start), 1))
    }
}
