import Foundation

/// A GitHub-flavoured Markdown pipe table (GFM spec, section 4.10 "Tables (extension)"), read
/// by ReportSite itself: libcmark parses CommonMark without the table extension, so a table
/// reaches the structure stage as one paragraph of text, and ``parse(_:)`` finds it there.
///
/// The rules, as in GFM:
/// - a header row of cells separated by `|`, then a delimiter row of as many cells, each made
///   of hyphens with an optional colon at either end (`---`, `:--`, `--:`, `:-:`: the column's
///   alignment); outer pipes are optional; the header and delimiter rows hold at least one `|`;
/// - every line of the paragraph after the delimiter row is a body row (the table ends with
///   the paragraph); a row with fewer cells than the header is padded with empty cells, one
///   with more loses the extra cells (each of these is a warning of the structure stage);
/// - `\|` is a `|` inside a cell; lines before the header row stay text of the passage.
///
/// Cells are plain text: a backslash before ASCII punctuation is dropped (`\*` is `*`, as
/// CommonMark's backslash escapes); other inline Markdown (`**bold**`, links, code spans) is
/// shown as written. The renderer escapes every cell (``TableHTML``).
public struct PipeTable: Sendable, Equatable {
    /// A column's alignment, from the colons of its delimiter cell.
    public enum Alignment: Int, Sendable, Equatable {
        case none, left, center, right
    }

    /// The header row's cells.
    public var header: [String]
    /// One alignment per column (as many as ``header``).
    public var alignments: [Alignment]
    /// The body rows, each with as many cells as ``header``.
    public var rows: [[String]]

    public init(header: [String], alignments: [Alignment], rows: [[String]]) {
        self.header = header
        self.alignments = alignments
        self.rows = rows
    }

    /// What ``parse(_:)`` found in the lines of a paragraph.
    struct Found: Equatable {
        var table: PipeTable
        /// The index (0-based) of the header row in the lines given.
        var headerLine: Int
        /// Body rows whose number of cells differs from the header's.
        var irregularRows: [IrregularRow]
    }

    /// A body row with too few or too many cells: the index of its line in the lines given to
    /// ``parse(_:)``, and its number of cells as written.
    struct IrregularRow: Equatable {
        var line: Int
        var cells: Int
    }

    /// The table in `lines` (a paragraph's source lines, container markers removed), or `nil`
    /// when they hold none. Only the first header + delimiter pair counts: every line after it
    /// is a body row.
    static func parse(_ lines: [String]) -> Found? {
        guard lines.count >= 2 else { return nil }
        for index in 1..<lines.count where isDelimiterRow(lines[index]) {
            let header = lines[index - 1]
            guard header.contains("|") else { continue }
            let headerCells = splitCells(header)
            let delimiterCells = splitCells(lines[index])
            guard headerCells.count == delimiterCells.count else { continue }
            var rows: [[String]] = []
            var irregular: [IrregularRow] = []
            for (offset, line) in lines[(index + 1)...].enumerated() {
                var cells = splitCells(line).map(unescaped)
                if cells.count != headerCells.count {
                    irregular.append(IrregularRow(line: index + 1 + offset, cells: cells.count))
                    cells = Array(cells.prefix(headerCells.count))
                    cells += Array(repeating: "", count: headerCells.count - cells.count)
                }
                rows.append(cells)
            }
            let table = PipeTable(header: headerCells.map(unescaped), alignments: delimiterCells.map(alignment), rows: rows)
            return Found(table: table, headerLine: index - 1, irregularRows: irregular)
        }
        return nil
    }

    /// Every row, header first.
    public var allRows: [[String]] { [header] + rows }

    /// Every cell's text, row by row, joined with spaces (what the importer's no-loss check
    /// compares with the Word table's text).
    public var cellText: String {
        allRows.flatMap { $0 }.joined(separator: " ")
    }

    /// The passage text of a paragraph whose text before the table is `before`, for matching,
    /// excerpts and search: each row's non-empty cells joined with a space, the rows joined with
    /// `；` (no pipes, no delimiter row); `before` and the table joined with a space, or with
    /// nothing when `before` ends with punctuation (`主要指标如下：`). Also where each cell
    /// starts in that text, in Unicode scalars, row by row, header first (an empty cell at the
    /// offset where it would stand).
    func passageText(before: String) -> (text: String, cellOffsets: [[Int]]) {
        var text = before
        if let last = before.last, !last.isPunctuation { text += " " }
        var offsets: [[Int]] = []
        var scalars = text.unicodeScalars.count
        var firstRow = true
        for row in allRows {
            if row.contains(where: { !$0.isEmpty }) {
                if !firstRow { text += "；"; scalars += 1 }
                firstRow = false
            }
            var rowOffsets: [Int] = []
            var firstCell = true
            for cell in row {
                if !cell.isEmpty {
                    if !firstCell { text += " "; scalars += 1 }
                    firstCell = false
                }
                rowOffsets.append(scalars)
                text += cell
                scalars += cell.unicodeScalars.count
            }
            offsets.append(rowOffsets)
        }
        return (text, offsets)
    }

    // MARK: - Private

    /// True for a delimiter row: `| --- | :-: |`, `---|---`.
    private static func isDelimiterRow(_ line: String) -> Bool {
        let trimmed = line.trimmingWhitespace()
        guard trimmed.contains("-"), trimmed.contains("|") else { return false }
        return splitCells(trimmed).allSatisfy { cell in
            var body = Substring(cell)
            if body.hasPrefix(":") { body = body.dropFirst() }
            if body.hasSuffix(":") { body = body.dropLast() }
            return !body.isEmpty && body.allSatisfy { $0 == "-" }
        }
    }

    private static func alignment(_ delimiter: String) -> Alignment {
        switch (delimiter.hasPrefix(":"), delimiter.hasSuffix(":")) {
        case (true, true): return .center
        case (true, false): return .left
        case (false, true): return .right
        case (false, false): return .none
        }
    }

    /// The cells of a row, trimmed, escapes kept: split at each `|` not escaped by `\`, an
    /// opening and a closing `|` dropped.
    private static func splitCells(_ line: String) -> [String] {
        let row = line.trimmingWhitespace()
        var cells: [String] = [], current = "", escaped = false, endsWithPipe = false
        for character in row {
            endsWithPipe = false
            if character == "|" && !escaped {
                cells.append(current)
                current = ""
                endsWithPipe = true
            } else {
                current.append(character)
            }
            escaped = character == "\\" && !escaped
        }
        if !endsWithPipe { cells.append(current) }
        if row.hasPrefix("|"), !cells.isEmpty { cells.removeFirst() }
        return cells.map { $0.trimmingWhitespace() }
    }

    /// A cell's text with CommonMark's backslash escapes resolved (`\|` → `|`, `\*` → `*`); a
    /// backslash before anything else stays.
    private static func unescaped(_ cell: String) -> String {
        var out = ""
        var pendingBackslash = false
        for character in cell {
            if pendingBackslash {
                pendingBackslash = false
                if character.isASCII && (character.isPunctuation || character.isSymbol) {
                    out.append(character)
                    continue
                }
                out.append("\\")
            }
            if character == "\\" { pendingBackslash = true } else { out.append(character) }
        }
        if pendingBackslash { out.append("\\") }
        return out
    }
}
