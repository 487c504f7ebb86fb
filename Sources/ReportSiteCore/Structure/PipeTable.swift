import CommonMark

/// GitHub-flavoured Markdown pipe tables (`| 指标 | 目标 |` over `| --- | --- |`), which
/// ReportSite does not render: libcmark parses CommonMark without the table extension, so a table
/// is one paragraph of text with its pipes.
///
/// ReportSite recognises them to say so, not to build tables: the structure stage warns at the
/// table's header row ("pipe tables are not supported; shown as text"), and figure extraction
/// reads only the text before the table, so no figure is recorded with an indicator made of
/// pipes and cells (`| 指标 | 目标 | | --- | --- | | 地区生产总值 |`).
///
/// A table, as in GFM: a header row of cells separated by `|`, then a delimiter row of as many
/// cells, each made of hyphens with an optional colon at either end (`---`, `:--`, `--:`),
/// outer pipes optional; it may follow other lines of the same paragraph.
enum PipeTable {
    /// The index (0-based) of the header row of the first table in `lines`, or `nil` when the
    /// lines hold no table.
    static func headerRow(in lines: [String]) -> Int? {
        guard lines.count >= 2 else { return nil }
        for index in 1..<lines.count where isDelimiterRow(lines[index]) {
            let header = lines[index - 1]
            if header.contains("|"), cells(of: header).count == cells(of: lines[index]).count { return index - 1 }
        }
        return nil
    }

    /// The lines of a passage's text, a soft or hard break ending each (code is never a table).
    static func lines(of passage: Passage) -> [String] {
        guard passage.kind != .code else { return [] }
        return passage.inlines.map(\.plainText).joined().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The text of `passage` that figures may be read from: all of it, or when it holds a table
    /// only its lines before the table (joined without breaks, as Chinese text is).
    static func textOutsideTables(of passage: Passage) -> String {
        let lines = lines(of: passage)
        guard let header = headerRow(in: lines) else { return passage.text }
        return lines[..<header].map { $0.trimmingCharacters(in: .whitespaces) }.joined()
    }

    // MARK: - Private

    /// True for a delimiter row: `| --- | :-: |`, `---|---`.
    private static func isDelimiterRow(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains("-"), trimmed.contains("|") else { return false }
        return cells(of: trimmed).allSatisfy { cell in
            var body = Substring(cell.trimmingCharacters(in: .whitespaces))
            if body.hasPrefix(":") { body = body.dropFirst() }
            if body.hasSuffix(":") { body = body.dropLast() }
            return !body.isEmpty && body.allSatisfy { $0 == "-" }
        }
    }

    /// The cells of a row: split at `|` not escaped by `\`, outer pipes dropped.
    private static func cells(of line: String) -> [String] {
        var row = Substring(line.trimmingCharacters(in: .whitespaces))
        if row.hasPrefix("|") { row = row.dropFirst() }
        if row.hasSuffix("|") && !row.hasSuffix("\\|") { row = row.dropLast() }
        var cells: [String] = [], current = "", escaped = false
        for character in row {
            if character == "|" && !escaped { cells.append(current); current = "" } else { current.append(character) }
            escaped = character == "\\" && !escaped
        }
        cells.append(current)
        return cells
    }
}
