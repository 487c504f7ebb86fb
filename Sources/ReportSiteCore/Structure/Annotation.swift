import CommonMark

/// An annotation: an HTML comment that other CommonMark renderers hide, read by ReportSite.
///
/// ```markdown
/// <!-- topics: +ecology -industry -->     add or remove topics on the next passage or section
/// <!-- anchor: gdp-target -->             give the next passage or heading this anchor
/// ```
/// An annotation stands on its own line(s) before what it applies to (several may share a
/// line); inside a paragraph it applies to that paragraph. A bare key (`ecology`) adds, like
/// `+ecology`. Other comments are left alone.
enum Annotation: Equatable {
    case topics([TopicEdit])
    case anchor(String, SourceLocation)

    /// Keys that are annotations.
    static let keys = ["topics", "anchor"]
    /// Keys that look like misspelt annotations and are reported rather than ignored.
    static let nearMisses = ["topic": "topics", "tags": "topics", "tag": "topics", "id": "anchor", "anchors": "anchor"]

    /// Reads the annotations in `html` (an HTML block or inline HTML literal) that starts at
    /// `start` in the body.
    ///
    /// - Returns: `nil` when the HTML holds no annotation (ordinary comments or other HTML);
    ///   otherwise one result per annotation comment: the annotation, or a diagnostic saying
    ///   what is malformed, at the offending token. Text after an annotation in the same HTML
    ///   block (which CommonMark reads as raw HTML, so it would be lost) is an error too.
    static func parse(_ html: String, at start: SourcePosition, in source: ReportSource) -> [Result<Annotation, Diagnostic>]? {
        var results: [Result<Annotation, Diagnostic>] = []
        var index = html.startIndex
        func skipWhitespace() { while index < html.endIndex, html[index].isWhitespace { index = html.index(after: index) } }
        func location(of target: String.Index) -> SourceLocation {
            var line = start.line
            var column = start.column
            for character in html[html.startIndex..<target] {
                if character.isNewline { line += 1; column = 1 } else { column += character.unicodeScalars.count }
            }
            return source.location(SourcePosition(line: line, column: column))
        }
        func failure(_ message: String, at target: String.Index, hint: String) -> Result<Annotation, Diagnostic> {
            let place = location(of: target)
            return .failure(Diagnostic(
                .error, at: place, message, hint: hint, stage: .structure,
                sourceLine: place.line.flatMap { source.bodyLine($0 - source.bodyLineOffset) }))
        }

        skipWhitespace()
        while html[index...].hasPrefix("<!--") {
            let open = index
            let bodyStart = html.index(open, offsetBy: 4)
            let close = html[bodyStart...].range(of: "-->")
            let body = html[bodyStart..<(close?.lowerBound ?? html.endIndex)]
            index = close?.upperBound ?? html.endIndex
            defer { skipWhitespace() }

            // Is this comment an annotation? Its first word is a key (in any case) or a near miss.
            let keyStart = body.firstIndex { !$0.isWhitespace } ?? body.endIndex
            let keyEnd = body[keyStart...].firstIndex { !($0.isASCII && ($0.isLetter || $0 == "_" || $0 == "-")) } ?? body.endIndex
            let word = String(body[keyStart..<keyEnd])
            let key = word.lowercased()
            guard keys.contains(key) || nearMisses[key] != nil else { continue }
            guard nearMisses[key] == nil else {
                results.append(failure(
                    "unknown annotation `\(word)`", at: keyStart,
                    hint: "did you mean `\(nearMisses[key] ?? "")`? Annotations are `<!-- topics: +key -key -->` and `<!-- anchor: name -->`"))
                continue
            }
            guard close != nil, !body.contains("<!--"), !body.contains("\n\n"), !body.contains("\r\n\r\n") else {
                results.append(failure(
                    "annotation is not closed", at: open,
                    hint: "end it with `-->` on the same line; an open comment hides the text after it"))
                continue
            }
            guard word == key else {
                results.append(failure("annotation key `\(word)` must be written in lower case", at: keyStart, hint: "write `\(key):`"))
                continue
            }
            let afterKey = body[keyEnd...].drop { $0 == " " || $0 == "\t" }
            guard afterKey.first == ":" else {
                results.append(failure(
                    "`\(key)` annotation needs a colon after its key", at: keyEnd,
                    hint: key == "anchor" ? "write `<!-- anchor: name -->`" : "write `<!-- topics: +ecology -industry -->`"))
                continue
            }
            results.append(parseValue(
                key: key, value: body[afterKey.index(after: afterKey.startIndex)...], keyStart: keyStart, location: location,
                sourceLine: { place in place.line.flatMap { source.bodyLine($0 - source.bodyLineOffset) } }, failure: failure))
        }
        guard !results.isEmpty else { return nil }
        if index < html.endIndex {
            results.append(failure(
                "text after an annotation on the same line is read as raw HTML and would be lost", at: index,
                hint: "put the annotation on a line of its own, just before the passage or heading"))
        }
        return results
    }

    // MARK: - Private

    private static func parseValue(
        key: String, value: Substring, keyStart: String.Index,
        location: (String.Index) -> SourceLocation, sourceLine: (SourceLocation) -> String?,
        failure: (String, String.Index, String) -> Result<Annotation, Diagnostic>
    ) -> Result<Annotation, Diagnostic> {
        // Tokens separated by white space or commas, with their positions.
        var tokens: [(text: Substring, start: String.Index)] = []
        var index = value.startIndex
        while index < value.endIndex {
            if value[index].isWhitespace || value[index] == "," || value[index] == "，" {
                index = value.index(after: index)
                continue
            }
            let tokenStart = index
            while index < value.endIndex, !value[index].isWhitespace, value[index] != ",", value[index] != "，" {
                index = value.index(after: index)
            }
            tokens.append((value[tokenStart..<index], tokenStart))
        }
        if key == "anchor" {
            guard tokens.count == 1 else {
                return failure(
                    tokens.isEmpty ? "`anchor` annotation has no anchor" : "`anchor` annotation has more than one anchor",
                    tokens.dropFirst().first?.start ?? keyStart, "write one name: `<!-- anchor: gdp-target -->`")
            }
            let name = String(tokens[0].text)
            guard Slug.isValidAnchor(name) else {
                return failure(
                    "anchor `\(name)` is not valid", tokens[0].start,
                    "use letters (Chinese too), digits, `-` and `_`, starting with a letter or digit, at most 64 characters")
            }
            return .success(.anchor(name, location(tokens[0].start)))
        }
        guard !tokens.isEmpty else {
            return failure("`topics` annotation names no topic", keyStart, "write `<!-- topics: +ecology -industry -->`")
        }
        var edits: [TopicEdit] = []
        for token in tokens {
            var name = token.text
            var add = true
            if name.first == "+" { name = name.dropFirst() } else if name.first == "-" { add = false; name = name.dropFirst() }
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                return failure(
                    "`\(token.text)` is not a topic edit", token.start,
                    "write `+key` to add a topic or `-key` to remove one, keys as in topics.yml")
            }
            let place = location(token.start)
            edits.append(TopicEdit(key: String(name), add: add, location: place, sourceLine: sourceLine(place)))
        }
        return .success(.topics(edits))
    }
}
