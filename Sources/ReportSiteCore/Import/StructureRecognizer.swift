import Foundation

/// Recognises the body structure of a report (`shared/docs/domain.md` 1.3–1.5) in its
/// paragraphs: parts, sections, passages with lead sentences, and a glossary.
///
/// - **Parts** (`## `): `一、…` headings (short, no sentence end); the common unnumbered ones
///   (`2024年工作回顾`, `2025年工作安排建议`, `加强政府自身建设`); appendices (`附件1` with the title
///   on the same or the next line, `附件2 名词解释`) and a `名词解释` heading.
/// - **Sections** (`### `): `（一）` or `(一)` on their own line, or opening a paragraph
///   (`（一）经济实力稳步推进。粮食…` becomes the heading `（一）经济实力稳步推进`, without its `。`,
///   and the passage `粮食…`). Also `一是…`/`二是…` lines that stand alone as headings
///   (``enumeratedHeadings(in:)``): some reports number the sections of a part
///   `一是聚焦全方位扩大内需，着力提消费促投资` on a line of their own, followed by ordinary paragraphs.
/// - **Passages**: every other paragraph, `——` bullets and `一是…。` opening a paragraph (the
///   in-paragraph enumeration of `shared/docs/domain.md` 1.4) included. Its lead
///   sentence is the Word file's opening bold run, or, for text, ``LeadSentenceInference``.
/// - **Closing section**: in a part with sections, the first paragraph opening with `各位代表！`
///   after them opens an unnumbered section `各位代表` (``closingRest(_:)``) holding the rest of
///   the part.
/// - **Numbered items**: two or more paragraphs `1.…`, `2.…` in a row (numbered from 1, ASCII
///   `.`), outside a glossary, are the items of an ordered list, each a passage with its lead
///   sentence (`1.医疗卫生方面。…`). `（1）…` items stay paragraphs: CommonMark has no list marker
///   for them, and the marker may not be rewritten.
/// - **Glossary**: after a `名词解释` heading, paragraphs `1.六大优势产业：…` are entries
///   (number, term, definition), not headings.
enum StructureRecognizer {
    /// Chinese numerals as used in part and section ordinals.
    static let numeral = "[一二三四五六七八九十]+"

    /// Where lead sentences come from.
    enum LeadMode {
        /// From ``SourceParagraph/boldPrefix`` (Word files).
        case boldRuns
        /// From ``LeadSentenceInference`` (text files).
        case inference
    }

    /// The blocks of the body, in order.
    static func recognize(_ paragraphs: [SourceParagraph], leads: LeadMode) -> [ImportedBlock] {
        var blocks: [ImportedBlock] = []
        var inAppendix = false
        var inGlossary = false
        var inPart = false
        var partHasOrdinalSections = false
        /// The part has sections, and whether its closing section (``closingRest(_:)``) is open.
        var partHasSections = false
        var partHasClosing = false
        let enumerated = enumeratedHeadings(in: paragraphs)
        var index = 0
        while index < paragraphs.count {
            let paragraph = paragraphs[index]
            let text = paragraph.text
            index += 1
            if let rows = paragraph.tableRows {
                blocks.append(.table(rows: rows, line: paragraph.line))
                continue
            }
            if let label = appendixLabel(text) {
                var heading = text
                if label == text, index < paragraphs.count, paragraphs[index].tableRows == nil, isHeadingLike(paragraphs[index].text),
                   paragraphs[index].text.count <= 30 {
                    heading += " " + paragraphs[index].text
                    index += 1
                }
                blocks.append(.part(heading, line: paragraph.line))
                inAppendix = true
                inGlossary = heading.contains("名词解释")
                inPart = true
                continue
            }
            if text == "名词解释" {
                blocks.append(.part(text, line: paragraph.line))
                inGlossary = true
                inPart = true
                continue
            }
            if !inAppendix, isPartHeading(text) {
                blocks.append(.part(text, line: paragraph.line))
                inPart = true
                partHasOrdinalSections = false
                partHasSections = false
                partHasClosing = false
                continue
            }
            // `各位代表！` after a part's sections: the transition to its unnumbered closing.
            if !inAppendix, !inGlossary, partHasSections, !partHasClosing, let rest = closingRest(text) {
                blocks.append(.section(String(text.prefix(4)), line: paragraph.line, openedParagraph: true))
                if !rest.isEmpty {
                    blocks.append(passage(SourceParagraph(text: rest, line: paragraph.line), leads: leads, sectionOpening: true))
                }
                partHasClosing = true
                continue
            }
            // `一是…` standing alone, followed by an ordinary paragraph, in a part that does not
            // number its sections `（一）` (under a `（一）` section it is a level below).
            if !inAppendix, inPart, !partHasOrdinalSections, enumerated.contains(text), index < paragraphs.count,
               !isHeadingLike(paragraphs[index].text) {
                blocks.append(.section(text, line: paragraph.line, openedParagraph: false))
                partHasSections = true
                continue
            }
            if !inAppendix, hasSectionOrdinal(text) {
                partHasOrdinalSections = true
                partHasSections = true
                if isHeadingLike(text) {
                    blocks.append(.section(text, line: paragraph.line, openedParagraph: false))
                } else if let (heading, rest) = splitFirstSentence(text) {
                    blocks.append(.section(heading, line: paragraph.line, openedParagraph: true))
                    if !rest.isEmpty {
                        blocks.append(passage(SourceParagraph(text: rest, line: paragraph.line), leads: leads, sectionOpening: true))
                    }
                } else {
                    blocks.append(.section(text, line: paragraph.line, openedParagraph: false))
                }
                continue
            }
            if inGlossary, let entry = glossaryEntry(text, line: paragraph.line) {
                blocks.append(entry)
                continue
            }
            if !inGlossary, itemNumber(text) == 1 {
                var run = [paragraph]
                while index - 1 + run.count < paragraphs.count, paragraphs[index - 1 + run.count].tableRows == nil,
                      itemNumber(paragraphs[index - 1 + run.count].text) == run.count + 1 {
                    run.append(paragraphs[index - 1 + run.count])
                }
                if run.count >= 2 {
                    blocks += run.enumerated().map { numberedItem($0.element, number: $0.offset + 1, leads: leads) }
                    index += run.count - 1
                    continue
                }
            }
            blocks.append(passage(paragraph, leads: leads, sectionOpening: false))
        }
        return blocks
    }

    /// True for a line that is a heading or the salutation, given the line before it: such a
    /// line is never joined to its neighbours by ``LineRepairs/joinSplitSentences(_:breaks:isStructural:repairs:)``.
    /// `enumeratedHeadings` are the `一是…` heading lines of the text (``enumeratedHeadings(in:)``).
    static func isStructural(_ text: String, previous: String?, enumeratedHeadings: Set<String> = []) -> Bool {
        if HeaderRecognizer.isSalutation(text) || appendixLabel(text) != nil || text == "名词解释" || isPartHeading(text) {
            return true
        }
        if hasSectionOrdinal(text) && isHeadingLike(text) { return true }
        if enumeratedHeadings.contains(text) { return true }
        // The title of an appendix on the line after its label (`附件1` / `2025年省十件民生实事`).
        if let previous, appendixLabel(previous) == previous, isHeadingLike(text), text.count <= 30 { return true }
        return false
    }

    /// True for a part heading: `一、…` or a common unnumbered one, short and without a sentence end.
    static func isPartHeading(_ text: String) -> Bool {
        guard isHeadingLike(text), text.count <= 40 else { return false }
        if text.range(of: "^\(numeral)、", options: .regularExpression) != nil { return true }
        let unnumbered = [
            #"^\d{4}年\p{Han}{0,14}(工作回顾|工作安排|工作安排建议|重点工作|主要任务|重点任务|目标任务)$"#,
            #"^(过去一年|今后五年)\p{Han}{0,10}$"#,
            #"^\p{Han}{0,6}加强政府自身建设$"#,
        ]
        return text.count <= 24 && unnumbered.contains { text.range(of: $0, options: .regularExpression) != nil }
    }

    /// True when `text` has no sentence end (`。！？；` in either width): it can stand as a heading.
    static func isHeadingLike(_ text: String) -> Bool {
        !text.isEmpty && !text.contains(where: { "。！？；!?;".contains($0) }) && text.count <= 60
    }

    /// The `一是…` lines of `paragraphs` that are section headings: each stands alone (no sentence
    /// end, at most 40 characters, ``isEnumeratedHeadingCandidate(_:)``), and there are at least
    /// two of them with different ordinals (`一是…`, `二是…`), so that one line a page break cut
    /// after `一是` is not taken for a heading.
    /// - Returns: the texts of those lines.
    static func enumeratedHeadings(in paragraphs: [SourceParagraph]) -> Set<String> {
        let candidates = paragraphs.map(\.text).filter(isEnumeratedHeadingCandidate)
        let ordinals = Set(candidates.map { $0.prefix { $0 != "是" } })
        return ordinals.count >= 2 ? Set(candidates) : []
    }

    /// True for a line that may be a `一是…` section heading: `一是` to `十九是`, then Chinese text,
    /// no sentence end (`。！？；`), at most 40 characters (`一是聚焦全方位扩大内需，着力提消费促投资`).
    static func isEnumeratedHeadingCandidate(_ text: String) -> Bool {
        isHeadingLike(text) && text.count <= 40 && text.range(of: "^\(numeral)是\\p{Han}", options: .regularExpression) != nil
    }

    // MARK: - Private

    /// True for a paragraph opening with a section ordinal `（一）` or `(一)`.
    private static func hasSectionOrdinal(_ text: String) -> Bool {
        text.range(of: "^[（(]\(numeral)[）)]", options: .regularExpression) != nil
    }

    /// The appendix label opening `text` (`附件`, `附件1`, `附件一`), when the line is an
    /// appendix heading (the label alone or with a short title), else `nil`.
    private static func appendixLabel(_ text: String) -> String? {
        guard let match = HeaderRecognizer.firstMatch(#"^附件\s*[0-9０-９一二三四五六七八九十]*"#, in: text),
              isHeadingLike(text), text.count <= 30
        else { return nil }
        return match[0]
    }

    /// The first sentence (without its end mark) and the rest, or `nil` without a sentence end.
    private static func splitFirstSentence(_ text: String) -> (String, String)? {
        guard let stop = text.firstIndex(where: { "。！？!?".contains($0) }) else { return nil }
        let heading = String(text[..<stop]).trimmingWhitespace()
        let rest = String(text[text.index(after: stop)...]).trimmingWhitespace()
        return heading.isEmpty ? nil : (heading, rest)
    }

    /// The text after `各位代表！` (or `各位代表!`) opening `text`, `""` for the line alone, or `nil`.
    /// In a part with sections this transition sentence (`shared/docs/domain.md` 1.3) opens what
    /// follows the last numbered section: thanks and problems after the review, national defence,
    /// Hong Kong, Macao and Taiwan, diplomacy and the closing appeal after the tasks. They become
    /// one unnumbered section headed `各位代表` (its `！` dropped, as a heading that opens a
    /// paragraph drops its `。`), instead of belonging to the last numbered section.
    private static func closingRest(_ text: String) -> String? {
        guard text.hasPrefix("各位代表！") || text.hasPrefix("各位代表!") else { return nil }
        return String(text.dropFirst(5)).trimmingWhitespace()
    }

    /// The number of a numbered item `1.医疗卫生方面。…` (ASCII `.`, no leading zero, followed
    /// by neither a digit nor a space: `3.5亿元…` is a decimal), or `nil`.
    private static func itemNumber(_ text: String) -> Int? {
        HeaderRecognizer.firstMatch(#"^([1-9][0-9]?)\.[^0-9\s.]"#, in: text).flatMap { Int($0[1]) }
    }

    /// A numbered item: the marker `N.` dropped (and from the Word bold run), the rest read as a
    /// passage with its lead sentence.
    private static func numberedItem(_ paragraph: SourceParagraph, number: Int, leads: LeadMode) -> ImportedBlock {
        let marker = "\(number)."
        var item = paragraph
        item.text = String(paragraph.text.dropFirst(marker.count))
        item.boldPrefix = paragraph.boldPrefix.flatMap { bold in
            let rest = bold.hasPrefix(marker) ? String(bold.dropFirst(marker.count)) : bold
            return rest.isEmpty ? nil : rest
        }
        guard case .passage(let prefix, let lead, let source, let rest, let line) = passage(item, leads: leads, sectionOpening: false) else {
            return .passage(prefix: "", lead: nil, leadSource: nil, rest: paragraph.text, line: paragraph.line)
        }
        return .numberedItem(number: number, prefix: prefix, lead: lead, leadSource: source, rest: rest, line: line)
    }

    /// `1.六大优势产业：…` (also `1．`, `1、`) as a glossary entry with a term of at most 30
    /// characters, or `nil`.
    private static func glossaryEntry(_ text: String, line: Int) -> ImportedBlock? {
        guard let match = HeaderRecognizer.firstMatch(#"^((\d{1,3})[.．、])\s*([^：:]{1,30}?)\s*([：:].*)$"#, in: text),
              let number = Int(match[2])
        else { return nil }
        return .glossaryEntry(number: number, marker: match[1], term: match[3], definition: match[4], line: line)
    }

    /// A passage with its bullet dash and lead sentence. The rest of a paragraph that opened
    /// with a section heading has no lead of its own in text (its first sentence follows the
    /// heading directly), but may in Word.
    private static func passage(_ paragraph: SourceParagraph, leads: LeadMode, sectionOpening: Bool) -> ImportedBlock {
        var text = Substring(paragraph.text)
        var prefix = ""
        if text.hasPrefix(LeadSentenceInference.bulletDash) {
            prefix = LeadSentenceInference.bulletDash
            text = text.dropFirst(prefix.count)
        }
        var lead: String?
        var source: LeadSource?
        switch leads {
        case .boldRuns:
            if let boldText = paragraph.boldPrefix {
                var bold = Substring(boldText)
                if bold.hasPrefix(LeadSentenceInference.bulletDash) { bold = bold.dropFirst(2) }
                while let last = bold.last, last == "。" || last.isWhitespace { bold = bold.dropLast() }
                if !bold.isEmpty, text.hasPrefix(bold), bold.count < text.count, !sectionOpening {
                    lead = String(bold)
                    source = .word
                }
            }
        case .inference:
            if !sectionOpening, let inferred = LeadSentenceInference.lead(of: String(text), isBullet: !prefix.isEmpty) {
                lead = inferred
                source = .inferred
            }
        }
        let rest = lead.map { String(text.dropFirst($0.count)) } ?? String(text)
        return .passage(prefix: prefix, lead: lead, leadSource: source, rest: rest, line: paragraph.line)
    }
}
