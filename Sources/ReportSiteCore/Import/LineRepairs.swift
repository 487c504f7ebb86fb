import Foundation

/// Repairs of copying artifacts (`shared/docs/domain.md` 1.6), each logged as a ``Repair`` with
/// its input line.
///
/// Three passes, used in this order by ``ReportImporter``:
/// 1. ``dropBlankLines(_:repairs:)``: drops empty and space-only lines, and tells which lines
///    follow a paragraph break;
/// 2. ``repairCharacters(_:repairs:)``: per line, invisible characters, Kangxi radicals,
///    indentation, trailing spaces, spaces between digits and Chinese;
/// 3. ``joinSplitSentences(_:breaks:isStructural:repairs:)``: body lines that do not end a
///    sentence are joined to the next line (a page break split them).
///
/// Characters other than these stay as published: `％`, full-width digits, half-width
/// punctuation and `(二)` are normalised at analysis time, not here.
enum LineRepairs {
    /// Characters that end a line that is complete: sentence ends, colons and semicolons,
    /// closing quotes and brackets, in full and half width.
    static let lineEnders: Set<Character> = ["。", "！", "？", "：", "；", "”", "）", "…", "!", "?", ":", ";", "\"", ")", "》", "」", "』"]

    /// Spaces that indent paragraphs or stand alone on lines in copied reports.
    static func isSpace(_ character: Character) -> Bool {
        character == " " || character == "\t" || character == "\u{3000}" || character == "\u{2003}"
            || character == "\u{2002}" || character == "\u{a0}"
    }

    // MARK: - Pass 1: blank lines

    /// Drops empty and space-only lines.
    ///
    /// When (nearly) every text line is followed by one empty line (a PDF copy: at least 90% of
    /// them, and at least three), the empty lines carry no meaning and are logged as
    /// ``Repair/Kind/blankLineAfterEveryLine``; otherwise an empty line is a paragraph break and
    /// is not a repair. Lines holding only spaces are logged as ``Repair/Kind/spaceOnlyLine``.
    ///
    /// - Returns: the non-blank lines, and the line numbers of those that follow a paragraph
    ///   break (an empty line in a file whose blank lines are meaningful), which
    ///   ``joinSplitSentences(_:breaks:isStructural:repairs:)`` never joins across.
    static func dropBlankLines(_ lines: [SourceParagraph], repairs: inout [Repair]) -> (lines: [SourceParagraph], breaks: Set<Int>) {
        let isEmpty = lines.map(\.text.isEmpty)
        let isBlank = lines.map { $0.text.allSatisfy(isSpace) }
        let textLines = lines.indices.filter { !isBlank[$0] }
        let followedByOneEmpty = textLines.filter { index in
            index + 2 < lines.count ? isEmpty[index + 1] && !isBlank[index + 2] : index + 1 < lines.count && isEmpty[index + 1]
        }
        let blankAfterEveryLine = textLines.count >= 3 && followedByOneEmpty.count * 10 >= (textLines.count - 1) * 9

        var kept: [SourceParagraph] = []
        var breaks: Set<Int> = []
        var pendingBreak = false
        for (index, line) in lines.enumerated() {
            if isEmpty[index] {
                if blankAfterEveryLine {
                    repairs.append(Repair(.blankLineAfterEveryLine, line: line.line, before: "", after: "(dropped)"))
                } else {
                    pendingBreak = true
                }
            } else if isBlank[index] {
                repairs.append(Repair(.spaceOnlyLine, line: line.line, before: line.text, after: "(dropped)"))
                if !blankAfterEveryLine { pendingBreak = true }
            } else {
                if pendingBreak { breaks.insert(line.line) }
                pendingBreak = false
                kept.append(line)
            }
        }
        return (kept, breaks)
    }

    // MARK: - Pass 2: characters

    /// Repairs the characters of one line: removes invisible format characters, maps Kangxi
    /// radicals, removes indentation and trailing spaces, and removes spaces between a number
    /// (or an upper-case code such as `SKP`, `S29`) and Chinese text. A space after an
    /// appendix label (`附件2 名词解释`) is kept.
    static func repairCharacters(_ paragraph: SourceParagraph, repairs: inout [Repair]) -> SourceParagraph {
        var out = paragraph
        if let rows = paragraph.tableRows {
            // A table: each cell repaired as a paragraph of its own, the text joined again.
            out.tableRows = rows.map { row in
                row.map { repairCharacters(SourceParagraph(text: $0, line: paragraph.line), repairs: &repairs).text }
            }
            out.text = (out.tableRows ?? []).flatMap { $0 }.joined(separator: " ")
            return out
        }
        var text = repairingScalars(paragraph.text) { kind, before, after in
            repairs.append(Repair(kind, line: paragraph.line, before: before, after: after))
        }
        let indentation = text.prefix(while: isSpace)
        if !indentation.isEmpty {
            repairs.append(Repair(.indentation, line: paragraph.line, before: String(indentation), after: ""))
            text.removeFirst(indentation.count)
        }
        while let last = text.last, isSpace(last) { text.removeLast() }
        out.text = removingDigitSpaces(text, line: paragraph.line, repairs: &repairs)
        // The bold prefix is a copy of the paragraph's opening text: same repairs, not logged twice.
        out.boldPrefix = paragraph.boldPrefix.map { bold in
            var ignored: [Repair] = []
            let repaired = repairingScalars(bold) { _, _, _ in }
            return removingDigitSpaces(String(repaired.drop(while: isSpace)), line: paragraph.line, repairs: &ignored)
        }
        return out
    }

    /// `text` without invisible format characters and with Kangxi radicals mapped to the
    /// ordinary ideographs (NFKC of that one code point); `log` gets each change.
    static func repairingScalars(_ text: String, log: (Repair.Kind, String, String) -> Void) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x200B...0x200D, 0x2060, 0xFEFF:
                log(.invisibleCharacter, String(scalar), "")
            case 0x2F00...0x2FD5:
                let mapped = String(scalar).precomposedStringWithCompatibilityMapping
                log(.kangxiRadical, String(scalar), mapped)
                out.append(contentsOf: mapped.unicodeScalars)
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    // MARK: - Pass 3: sentences split across lines

    /// Joins each line that does not end in a ``lineEnders`` character to the next line,
    /// without a space, unless either is structural (a heading, the salutation: decided by
    /// `isStructural(line, previous line)`) or a paragraph break lies between them. Repeats while
    /// the joined line still does not end a sentence.
    static func joinSplitSentences(
        _ lines: [SourceParagraph], breaks: Set<Int>, isStructural: (String, String?) -> Bool, repairs: inout [Repair]
    ) -> [SourceParagraph] {
        var out: [SourceParagraph] = []
        var index = 0
        while index < lines.count {
            var current = lines[index]
            let previous = out.last?.text
            index += 1
            guard !isStructural(current.text, previous) else { out.append(current); continue }
            while index < lines.count, let last = current.text.last, !lineEnders.contains(last),
                  !breaks.contains(lines[index].line), !isStructural(lines[index].text, current.text) {
                let next = lines[index]
                repairs.append(Repair(
                    .pageBreakJoin, line: current.line,
                    before: String(current.text.suffix(8)) + "⏎" + String(next.text.prefix(8)),
                    after: String(current.text.suffix(8)) + String(next.text.prefix(8))))
                current.text += next.text
                index += 1
            }
            out.append(current)
        }
        return out
    }

    // MARK: - Private

    /// Characters that count as Chinese text next to a space: CJK ideographs and punctuation,
    /// full-width forms, and the quotes and dashes Chinese text uses.
    private static func isChinese(_ character: Character) -> Bool {
        TextFolding.isCJK(character) || "“”‘’—…·".contains(character)
    }

    private static func isCodeCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || ".%+-/".contains(character))
    }

    /// A run of code characters qualifies when it holds a digit or is all upper-case letters.
    private static func qualifies(_ token: Substring) -> Bool {
        !token.isEmpty && (token.contains(where: \.isNumber) || token.allSatisfy { $0.isUppercase })
    }

    private static func removingDigitSpaces(_ text: String, line: Int, repairs: inout [Repair]) -> String {
        let characters = Array(text)
        var out = ""
        var index = 0
        while index < characters.count {
            guard isSpace(characters[index]), index > 0 else {
                out.append(characters[index]); index += 1; continue
            }
            var end = index
            while end < characters.count, isSpace(characters[end]) { end += 1 }
            guard end < characters.count else { out.append(contentsOf: characters[index..<end]); index = end; continue }
            let left = characters[index - 1], right = characters[end]
            var tokenStart = index
            while tokenStart > 0, isCodeCharacter(characters[tokenStart - 1]) { tokenStart -= 1 }
            var tokenEnd = end
            while tokenEnd < characters.count, isCodeCharacter(characters[tokenEnd]) { tokenEnd += 1 }
            let leftToken = String(characters[tokenStart..<index])[...]
            let rightToken = String(characters[end..<tokenEnd])[...]
            let isAppendixLabel = String(characters[0..<tokenStart]) == "附件"
            let remove = !isAppendixLabel
                && ((qualifies(leftToken) && isChinese(right)) || (isChinese(left) && qualifies(rightToken)))
            if remove {
                let contextStart = tokenStart < index ? max(tokenStart, index - 8) : index - 1
                let contextEnd = tokenEnd > end ? min(tokenEnd, end + 8) : end + 1
                repairs.append(Repair(
                    .spaceBetweenDigitsAndChinese, line: line,
                    before: String(characters[contextStart..<contextEnd]),
                    after: String(characters[contextStart..<index]) + String(characters[end..<contextEnd])))
            } else {
                out.append(contentsOf: characters[index..<end])
            }
            index = end
        }
        return out
    }
}
