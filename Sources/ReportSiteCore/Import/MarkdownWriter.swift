import Foundation

/// Writes an imported report as the annotated Markdown of `Content/reports/<slug>.md`
/// (README, "Writing content"): YAML front matter, then the body.
///
/// - parts `## `, sections `### `, passages as paragraphs separated by blank lines;
/// - a lead sentence as `**…**` followed by its `。` (outside the bold: CommonMark does not close
///   `**` between `。` and a Chinese character), after a bullet dash when there is one:
///   `——**…**。…`;
/// - numbered items (``ImportedBlock/numberedItem(number:prefix:lead:leadSource:rest:line:)``) as
///   an ordered list `1. **lead**。rest`, one item a line;
/// - glossary entries as an ordered list `1. **term**：definition` when numbered 1, 2, 3, …
///   without gaps and with an ASCII `.` (a list renumbers and prints `N.`), otherwise as
///   paragraphs with the marker as published: `1\.**term**：…`, `3．**term**：…`, `12、**term**：…`;
/// - a Word table as a GFM pipe table (``table(_:)``), which the site renders (``PipeTable``);
/// - text escaped, never rewritten, so that it renders literally: `\ * _ [ ] < > & | `` ` ``
///   everywhere, and at the start of a paragraph `#`, `>`, `-`, `+`, `=`, `~` and `1.`/`1)` list
///   markers. Full-width punctuation (`3．10种`, `（1）`) is not markup and is written as it is.
enum MarkdownWriter {
    /// The whole file.
    static func write(metadata: ReportMetadata, dateline: String?, blocks: [ImportedBlock]) -> String {
        frontMatter(metadata, dateline: dateline) + "\n" + body(blocks)
    }

    /// The front matter, `---` lines included, keys in README order (`dateline` after `meeting`).
    /// A required value that is not known (`""`, year `0`) is written as the placeholder
    /// ``ReportMetadata/placeholder``, which the build warns about and never shows.
    static func frontMatter(_ metadata: ReportMetadata, dateline: String?) -> String {
        var lines = ["---"]
        func add(_ key: String, _ value: String?) {
            if let value { lines.append("\(key): \(yamlScalar(value))") }
        }
        func required(_ key: String, _ value: String) {
            add(key, value.isEmpty ? ReportMetadata.placeholder : value)
        }
        add("title", metadata.title)
        required("place", metadata.place)
        lines.append("level: \(metadata.level.rawValue)")
        lines.append("year: " + (metadata.year > 0 ? String(metadata.year) : ReportMetadata.placeholder))
        required("date", metadata.date)
        required("speaker", metadata.speaker)
        add("speaker_title", metadata.speakerTitle)
        required("meeting", metadata.meeting)
        add("dateline", dateline)
        add("source", metadata.source)
        lines.append("---")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The body: one block after another, separated by blank lines (glossary lists kept tight).
    static func body(_ blocks: [ImportedBlock]) -> String {
        var chunks: [String] = []
        var index = 0
        while index < blocks.count {
            switch blocks[index] {
            case .part(let text, _):
                chunks.append("## " + escapeHeading(text))
                index += 1
            case .section(let text, _, _):
                chunks.append("### " + escapeHeading(text))
                index += 1
            case .passage(let prefix, let lead, _, let rest, _):
                chunks.append(passage(prefix: prefix, lead: lead, rest: rest))
                index += 1
            case .numberedItem:
                var items: [String] = []
                while index < blocks.count, case .numberedItem(let number, let prefix, let lead, _, let rest, _) = blocks[index] {
                    items.append("\(number). " + passage(prefix: prefix, lead: lead, rest: rest))
                    index += 1
                }
                chunks.append(items.joined(separator: "\n"))
            case .table(let rows, _):
                chunks.append(table(rows))
                index += 1
            case .glossaryEntry:
                var entries: [(number: Int, marker: String, term: String, definition: String)] = []
                while index < blocks.count, case .glossaryEntry(let number, let marker, let term, let definition, _) = blocks[index] {
                    entries.append((number, marker, term, definition))
                    index += 1
                }
                // A list prints its numbers as `N.`: only entries published so, numbered 1, 2, 3, …
                // (no gap, no leading zero), can be one without changing a character.
                let consecutive = entries.enumerated().allSatisfy {
                    $0.element.number == entries[0].number + $0.offset && $0.element.marker == "\($0.element.number)."
                }
                if consecutive {
                    chunks.append(entries.map { "\($0.number). " + boldRun($0.term, then: $0.definition) }.joined(separator: "\n"))
                } else {
                    chunks.append(contentsOf: entries.map { escape($0.marker, atStart: true) + boldRun($0.term, then: $0.definition) })
                }
            }
        }
        return chunks.joined(separator: "\n\n") + "\n"
    }

    /// A table as a GFM pipe table: the first row as the header, a delimiter row `| --- |`, then
    /// one row a line, every row padded with empty cells to the widest. A cell's line breaks and
    /// tabs become spaces (a row is one line; the no-loss check ignores whitespace) and its text
    /// is escaped as any text (`|` as `\|`), so the site reads back every character.
    static func table(_ rows: [[String]]) -> String {
        let width = max(1, rows.map(\.count).max() ?? 1)
        func line(_ cells: [String]) -> String {
            let padded = cells + Array(repeating: "", count: width - cells.count)
            return "| " + padded.map { cell in
                let flat = String(cell.map { $0.isNewline || $0 == "\t" ? " " : $0 })
                return escape(flat.trimmingWhitespace(), atStart: false)
            }.joined(separator: " | ") + " |"
        }
        let header = rows.first ?? []
        return ([line(header), "|" + String(repeating: " --- |", count: width)] + rows.dropFirst().map(line)).joined(separator: "\n")
    }

    /// One passage: `——**lead**。rest`, escaped.
    static func passage(prefix: String, lead: String?, rest: String) -> String {
        guard let lead else { return escape(prefix + rest, atStart: true) }
        return escape(prefix, atStart: true) + boldRun(lead, then: rest, atStart: prefix.isEmpty)
    }

    /// `**text**` followed by `rest`, both escaped; plain text when CommonMark would not read
    /// the `**` as bold there (a run ending in punctuation followed by a letter).
    static func boldRun(_ text: String, then rest: String, atStart: Bool = false) -> String {
        if !canCloseBold(after: text.last, before: rest.first) {
            return escape(text, atStart: atStart) + escape(rest, atStart: false)
        }
        return "**" + escape(text, atStart: false) + "**" + escape(rest, atStart: false)
    }

    /// True when a `**` between `last` and `next` is right-flanking (CommonMark 6.2): not after
    /// whitespace, and, after punctuation, only before whitespace, punctuation or the end.
    static func canCloseBold(after last: Character?, before next: Character?) -> Bool {
        guard let last, !last.isWhitespace else { return false }
        guard isPunctuation(last) else { return true }
        guard let next else { return true }
        return next.isWhitespace || isPunctuation(next)
    }

    /// Escapes `text` so that CommonMark renders it literally (see the type's documentation).
    static func escape(_ text: String, atStart: Bool) -> String {
        var out = ""
        for character in text {
            if "\\*_[]<>&`|".contains(character) { out.append("\\") }
            out.append(character)
        }
        guard atStart, let first = out.first else { return out }
        if "#>-+=~".contains(first) { return "\\" + out }
        if let match = HeaderRecognizer.firstMatch(#"^(\d{1,9})([.)])(\s|$)"#, in: out) {
            return match[1] + "\\" + String(out.dropFirst(match[1].count))
        }
        return out
    }

    // MARK: - Private

    /// A heading's text escaped; a final `#` would be read as a closing sequence.
    private static func escapeHeading(_ text: String) -> String {
        var out = escape(text, atStart: false)
        if out.hasSuffix("#") { out = String(out.dropLast()) + "\\#" }
        return out
    }

    /// CommonMark's punctuation: ASCII punctuation and Unicode P and S categories.
    private static func isPunctuation(_ character: Character) -> Bool {
        character.isPunctuation || character.isSymbol
    }

    /// A YAML scalar: plain when safe, otherwise double-quoted.
    static func yamlScalar(_ value: String) -> String {
        let indicators: Set<Character> = ["-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", " "]
        let reserved = ["true", "false", "yes", "no", "null", "~", "on", "off"]
        let plain = !value.isEmpty && !indicators.contains(value.first ?? " ") && !value.hasSuffix(" ")
            && !value.contains(": ") && !value.contains(" #") && !value.contains(where: { $0.isNewline || $0 == "\t" })
            && !reserved.contains(value.lowercased()) && Double(value) == nil
        if plain { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
