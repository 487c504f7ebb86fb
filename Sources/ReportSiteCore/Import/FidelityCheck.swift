/// The "nothing is lost" property of an import: the non-whitespace characters of the input,
/// minus the documented repairs, equal those of the imported report's text, in order.
///
/// The imported report's text is read back from the written Markdown as the site sees it
/// (front matter parsed, body parsed by libcmark and structured by ``ReportStructurer``): the
/// header values in the order of the header lines (`title`; `来源：` + `source`; the dateline as
/// printed; `speaker_title speaker`), then every heading and passage in document order (an
/// ordered-list item with its number). Bold markers and backslash escapes are not text, so they
/// need no allowance. Two allowances are made, and counted:
/// - a section heading that opened a paragraph (`（一）经济实力稳步推进。粮食…`) loses its closing
///   mark: after a heading, one sentence end of the input may be missing;
/// - the label of a republication line is printed as `来源：` whatever its colon was.
enum FidelityCheck {
    /// What the comparison found.
    struct Outcome: Equatable {
        /// Characters compared (non-whitespace characters of the input).
        var compared: Int
        /// Sentence ends dropped after headings.
        var droppedHeadingMarks: Int
        /// `nil` when everything matched; otherwise where the texts part, with context.
        var mismatch: String?
    }

    /// One piece of the imported text.
    struct Segment {
        var text: String
        var isHeading: Bool
    }

    /// Compares the expected input characters with the imported segments.
    static func compare(expected: String, imported segments: [Segment]) -> Outcome {
        let want = Array(expected.filter { !$0.isWhitespace })
        var position = 0
        var dropped = 0
        for (index, segment) in segments.enumerated() {
            for character in segment.text where !character.isWhitespace {
                guard position < want.count, want[position] == character else {
                    return Outcome(compared: position, droppedHeadingMarks: dropped, mismatch: context(want, at: position, found: character, in: segment.text))
                }
                position += 1
            }
            if segment.isHeading, position < want.count, "。！？!?".contains(want[position]) {
                let next = segments.dropFirst(index + 1).lazy.flatMap { $0.text.filter { !$0.isWhitespace } }.first
                if next != want[position] {
                    position += 1
                    dropped += 1
                }
            }
        }
        if position < want.count {
            return Outcome(compared: position, droppedHeadingMarks: dropped, mismatch: context(want, at: position, found: nil, in: ""))
        }
        return Outcome(compared: position, droppedHeadingMarks: dropped, mismatch: nil)
    }

    /// The header line as the comparison expects it: a republication label with either colon
    /// becomes `来源：`.
    static func normalizedHeaderLine(_ text: String, role: ImportedHeader.Role) -> String {
        guard role == .source else { return text }
        return text.replacingOccurrences(of: #"^来源\s*[：:]\s*"#, with: "来源：", options: .regularExpression)
    }

    /// The header values as the site prints them, for a header line of `role`.
    static func printedHeader(_ metadata: ReportMetadata, role: ImportedHeader.Role) -> String {
        switch role {
        case .title: return metadata.title
        case .source: return "来源：" + (metadata.source ?? "")
        case .dateline: return metadata.dateline
        case .speaker: return metadata.speakerLine
        }
    }

    /// The headings and passages of `report` in document order.
    static func bodySegments(_ report: Report) -> [Segment] {
        func passage(_ passage: Passage) -> Segment {
            // A table's cells, without the `；` the passage text puts between rows.
            if let table = passage.table { return Segment(text: InlineText.plainText(passage.inlines) + table.cellText, isHeading: false) }
            if case .listItem(let marker) = passage.kind, marker != "•" { return Segment(text: marker + passage.text, isHeading: false) }
            return Segment(text: passage.text, isHeading: false)
        }
        var out = report.intro.map(passage)
        for part in report.parts {
            out.append(Segment(text: part.heading.text, isHeading: true))
            out += part.intro.map(passage)
            for section in part.sections {
                out.append(Segment(text: section.heading.text, isHeading: true))
                out += section.passages.map(passage)
            }
        }
        return out
    }

    // MARK: - Private

    private static func context(_ want: [Character], at position: Int, found: Character?, in segment: String) -> String {
        let before = String(want[max(0, position - 12)..<min(position, want.count)])
        let expected = position < want.count ? String(want[position..<min(want.count, position + 12)]) : "(end of input)"
        let got = found.map { "\"\($0)\" in \"\(segment.prefix(40))\"" } ?? "the end of the imported text"
        return "after \"\(before)\" the input continues \"\(expected)\", the import has \(got)"
    }
}
