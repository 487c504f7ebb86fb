import CommonMark

/// An annotation: an HTML comment that other CommonMark renderers hide, read by ReportSite.
///
/// ```markdown
/// <!-- topics: +ecology -industry -->     add or remove topics on the next passage or section
/// <!-- anchor: gdp-target -->             give the next passage or heading this anchor
/// ```
/// An annotation stands on its own line(s) before what it applies to; inside a paragraph it
/// applies to that paragraph. Other comments are left alone.
enum Annotation: Equatable {
    case topics([TopicEdit])
    case anchor(String, SourceLocation)

    /// Keys that are annotations.
    static let keys = ["topics", "anchor"]
    /// Keys that look like misspelt annotations and are reported rather than ignored.
    static let nearMisses = ["topic": "topics", "tags": "topics", "tag": "topics", "id": "anchor", "anchors": "anchor"]

    /// Reads `html` (an HTML block or inline HTML literal) that starts at `start` in the body.
    ///
    /// - Returns: `nil` when the HTML is not an annotation (an ordinary comment or other HTML);
    ///   otherwise the annotation, or a diagnostic explaining what is malformed, with the column
    ///   of the offending token.
    static func parse(_ html: String, at start: SourcePosition, in source: ReportSource) -> Result<Annotation, Diagnostic>? {
        let trimmed = html.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("<!--") else { return nil }
        let afterOpen = trimmed.dropFirst(4)
        let inner = afterOpen.hasSuffix("-->") ? afterOpen.dropLast(3) : afterOpen
        let body = inner.drop { $0 == " " || $0 == "\t" }
        guard let colon = body.firstIndex(of: ":") else { return nil }
        let key = body[..<colon].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-" || $0 == "_") }) else { return nil }

        // Position of a character of `trimmed`, as a source location (annotations may span lines).
        let leading = html.prefix { $0.isWhitespace }
        func location(of index: Substring.Index) -> SourceLocation {
            var line = start.line
            var column = start.column
            for character in leading + trimmed[trimmed.startIndex..<index] {
                if character.isNewline { line += 1; column = 1 } else { column += character.unicodeScalars.count }
            }
            return source.location(SourcePosition(line: line, column: column))
        }
        func failure(_ message: String, at index: Substring.Index, hint: String) -> Result<Annotation, Diagnostic> {
            let where_ = location(of: index)
            return .failure(Diagnostic(
                .error, at: where_, message, hint: hint, stage: .structure,
                sourceLine: where_.line.flatMap { source.bodyLine($0 - source.bodyLineOffset) }))
        }

        let keyStart = body.startIndex
        guard keys.contains(key) else {
            guard let suggestion = nearMisses[key] else { return nil }
            return failure(
                "unknown annotation `\(key)`", at: keyStart,
                hint: "did you mean `\(suggestion)`? Annotations are `<!-- topics: +key -key -->` and `<!-- anchor: name -->`")
        }
        guard afterOpen.hasSuffix("-->") else {
            return failure("annotation is not closed", at: keyStart, hint: "end it with `-->`")
        }
        // Tokens after the colon, with their positions.
        var tokens: [(text: Substring, start: Substring.Index)] = []
        var index = inner.index(after: colon)
        while index < inner.endIndex {
            if inner[index].isWhitespace || inner[index] == "," {
                index = inner.index(after: index)
                continue
            }
            let tokenStart = index
            while index < inner.endIndex, !inner[index].isWhitespace, inner[index] != "," { index = inner.index(after: index) }
            tokens.append((inner[tokenStart..<index], tokenStart))
        }
        switch key {
        case "anchor":
            guard tokens.count == 1 else {
                return failure(
                    tokens.isEmpty ? "`anchor` annotation has no anchor" : "`anchor` annotation has more than one anchor",
                    at: tokens.dropFirst().first?.start ?? keyStart, hint: "write one name: `<!-- anchor: gdp-target -->`")
            }
            let name = String(tokens[0].text)
            guard Slug.isValidAnchor(name) else {
                return failure(
                    "anchor `\(name)` is not valid", at: tokens[0].start,
                    hint: "use letters (Chinese too), digits, `-` and `_`, starting with a letter or digit, at most 64 characters")
            }
            return .success(.anchor(name, location(of: tokens[0].start)))
        default:
            guard !tokens.isEmpty else {
                return failure("`topics` annotation names no topic", at: keyStart, hint: "write `<!-- topics: +ecology -industry -->`")
            }
            var edits: [TopicEdit] = []
            for token in tokens {
                var name = token.text
                var add = true
                if name.first == "+" { name = name.dropFirst() } else if name.first == "-" { add = false; name = name.dropFirst() }
                guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                    return failure(
                        "`\(token.text)` is not a topic edit", at: token.start,
                        hint: "write `+key` to add a topic or `-key` to remove one, keys as in topics.yml")
                }
                edits.append(TopicEdit(key: String(name), add: add, location: location(of: token.start)))
            }
            return .success(.topics(edits))
        }
    }
}
