/// Splits a report file into its YAML front matter and its Markdown body.
///
/// The file must open with a line `---` (a UTF-8 byte-order mark before it is allowed) and the
/// front matter ends at the next line that is `---` or `...` (the convention of Jekyll, Hugo and
/// Zola's YAML front matter). Line ends may be LF or CRLF.
struct FrontMatter {
    /// The YAML text between the delimiter lines.
    let yaml: String
    /// The Markdown after the closing delimiter line.
    let body: String
    /// Number of file lines before the body, to add to body line numbers (cmark's) to get file lines.
    let bodyLineOffset: Int

    /// Splits `text`; reports a diagnostic at `path` and returns `nil` when there is no
    /// front matter or it is not closed.
    static func split(_ text: String, path: String, log: inout DiagnosticLog) -> FrontMatter? {
        var text = Substring(text)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        if text.allSatisfy(\.isWhitespace) {
            log.report(Diagnostic(
                .error, at: SourceLocation(path: path, line: 1, column: 1), "report file is empty",
                hint: "write the report (front matter between two `---` lines, then the text), or delete the file",
                stage: .load))
            return nil
        }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard let first = lines.first, first.trimmingWhitespace() == "---" else {
            log.report(Diagnostic(
                .error, at: SourceLocation(path: path, line: 1, column: 1), "report has no front matter",
                hint: "start the file with a line `---`, the keys title, place, level, year, date, speaker and meeting, and another line `---`",
                stage: .load, sourceLine: lines.first.map(String.init)))
            return nil
        }
        guard let closing = lines.indices.dropFirst().first(where: {
            let line = lines[$0].trimmingWhitespace()
            return line == "---" || line == "..."
        }) else {
            log.report(Diagnostic(
                .error, at: SourceLocation(path: path, line: 1, column: 1), "front matter is not closed",
                hint: "end the front matter with a line `---` before the report text", stage: .load))
            return nil
        }
        let yaml = lines[1..<closing].joined(separator: "\n")
        let body = lines[(closing + 1)...].joined(separator: "\n")
        return FrontMatter(yaml: yaml, body: body, bodyLineOffset: closing + 1)
    }
}
