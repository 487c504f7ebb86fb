/// The values the importer passes from one step to the next: paragraphs as read, the repairs
/// made to them, and the recognised report (header fields and body blocks).
///
/// ```
/// read (TextDecoder | DocxReader) → [SourceParagraph]
///   → repair (LineRepairs)        → [SourceParagraph] + [Repair]
///   → header (HeaderRecognizer)   → ImportedHeader + body paragraphs
///   → join (LineRepairs)          → body paragraphs + [Repair]
///   → structure (StructureRecognizer) → [ImportedBlock]
///   → write (MarkdownWriter)      → Markdown
/// ```

/// One paragraph of the input: a line of a text file, or a paragraph of a Word file.
public struct SourceParagraph: Sendable, Equatable {
    /// The text, without its line end.
    public var text: String
    /// The 1-based input line (text) or paragraph number (Word) where it starts.
    public var line: Int
    /// Word only: the text of the bold run(s) that open the paragraph, when the paragraph is not
    /// bold throughout; `nil` for text input and for paragraphs without an opening bold run.
    public var boldPrefix: String?
    /// Word only: the cells of a table (`w:tbl`), row by row, when the paragraph is one; its
    /// ``text`` is then every cell's text joined with spaces (``DocxReader``).
    public var tableRows: [[String]]?

    public init(text: String, line: Int, boldPrefix: String? = nil, tableRows: [[String]]? = nil) {
        self.text = text
        self.line = line
        self.boldPrefix = boldPrefix
        self.tableRows = tableRows
    }
}

/// One repair of a copying artifact, with the input line it was made on.
///
/// Only the kinds below are made; every other character stays as published (`％` stays `％`).
/// Of them, only `kangxiRadical` and `invisibleCharacter` change characters other than
/// whitespace; the others change spaces and line breaks.
public struct Repair: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        /// Every line was followed by a blank line (a PDF copy); the blank lines are dropped.
        case blankLineAfterEveryLine = "blank line after every line"
        /// A line holding only spaces (ASCII, ideographic, em or no-break), dropped.
        case spaceOnlyLine = "space-only line"
        /// A line that does not end a sentence, continued by the next line (a page break), joined
        /// to it without a space.
        case pageBreakJoin = "sentence split across lines"
        /// Indentation with ideographic (U+3000), em (U+2003), no-break or ASCII spaces, removed.
        case indentation = "indentation"
        /// Spaces between a number (or an upper-case code such as `SKP`) and Chinese text, removed.
        case spaceBetweenDigitsAndChinese = "space between digits and Chinese"
        /// A Kangxi radical code point (U+2F00–U+2FD5) replaced by the ordinary ideograph.
        case kangxiRadical = "Kangxi radical"
        /// An invisible format character (U+200B–U+200D, U+2060, U+FEFF inside the text), removed.
        case invisibleCharacter = "invisible character"
    }

    public var kind: Kind
    /// The 1-based input line (or Word paragraph) the repair was made on.
    public var line: Int
    /// The text before the repair (the line, or the affected part), for the diff-like listing.
    public var before: String
    /// The text after the repair.
    public var after: String

    public init(_ kind: Kind, line: Int, before: String, after: String) {
        self.kind = kind
        self.line = line
        self.before = before
        self.after = after
    }

    /// `line 12: space between digits and Chinese: "3000 亿元" → "3000亿元"`.
    public var description: String {
        "line \(line): \(kind.rawValue): \(Repair.quoted(before)) → \(Repair.quoted(after))"
    }

    public static func quoted(_ text: String) -> String {
        let visible = text.unicodeScalars.map { scalar -> String in
            switch scalar.value {
            case 0x20: return " "
            case 0x3000: return "\\u{3000}"
            case 0x2003: return "\\u{2003}"
            case 0xA0: return "\\u{a0}"
            case 0x200B...0x200D, 0x2060, 0xFEFF: return String(format: "\\u{%x}", scalar.value)
            default: return String(scalar)
            }
        }.joined()
        return "\"" + visible + "\""
    }
}

/// The header lines of a report (everything before the salutation `各位代表：`), as
/// front-matter values. Each header line goes verbatim into one field, so that its characters
/// are kept: the title line into `title`, `来源：…` into `source`, the dateline into `dateline`
/// (when the site's composed `——{date}在{meeting}上` would differ from it), the speaker line into
/// `speaker_title` and `speaker`.
public struct ImportedHeader: Sendable, Equatable {
    /// What a header line was recognised as.
    public enum Role: String, Sendable {
        case title, source, dateline, speaker
    }

    public var title: String?
    public var place: String?
    public var level: GovernmentLevel?
    public var year: Int?
    /// `YYYY-MM-DD`.
    public var date: String?
    public var speaker: String?
    public var speakerTitle: String?
    public var meeting: String?
    /// The republication source without its label (`北京日报` from `来源：北京日报`).
    public var source: String?
    /// The dateline as published, when the composed one would differ from it.
    public var dateline: String?
    /// The header lines in input order, with their roles (for the no-loss check). A merged
    /// `来源：…` + dateline paragraph gives two lines (``HeaderRecognizer/splittingMergedSource(_:header:)``).
    public var lines: [(role: Role, paragraph: SourceParagraph)] = []
    /// The input paragraphs that hold the header lines, as read (not in the body).
    public var sourceParagraphs: [SourceParagraph] = []

    public init() {}

    public static func == (lhs: ImportedHeader, rhs: ImportedHeader) -> Bool {
        lhs.title == rhs.title && lhs.place == rhs.place && lhs.level == rhs.level && lhs.year == rhs.year
            && lhs.date == rhs.date && lhs.speaker == rhs.speaker && lhs.speakerTitle == rhs.speakerTitle
            && lhs.meeting == rhs.meeting && lhs.source == rhs.source && lhs.dateline == rhs.dateline
            && lhs.lines.map(\.role) == rhs.lines.map(\.role) && lhs.lines.map(\.paragraph) == rhs.lines.map(\.paragraph)
    }
}

/// Where a lead sentence came from.
public enum LeadSource: String, Sendable, Equatable {
    /// A bold run opening the paragraph in the Word file.
    case word
    /// Inferred from the text: a short first sentence (``LeadSentenceInference``).
    case inferred
}

/// One block of the recognised report body, in document order.
public enum ImportedBlock: Sendable, Equatable {
    /// A part heading (`一、2024年工作回顾`, `加强政府自身建设`, `附件2 名词解释`): `## `.
    case part(String, line: Int)
    /// A section heading (`（一）经济实力稳步推进`): `### `. `openedParagraph` is true when the
    /// heading was the first sentence of a paragraph; its closing mark (`。`) is then dropped.
    case section(String, line: Int, openedParagraph: Bool)
    /// A passage: `prefix` (a bullet dash `——`, or empty), then `lead`, its lead sentence
    /// without the closing mark, then `rest` (which starts with that mark). The text is
    /// `prefix + (lead ?? "") + rest`.
    case passage(prefix: String, lead: String?, leadSource: LeadSource?, rest: String, line: Int)
    /// One item of a numbered list inside a section (`1.医疗卫生方面。为全省…`, level 3 of
    /// `shared/docs/domain.md` 1.4): an ordered-list item `1. ` whose text is `prefix + (lead ??
    /// "") + rest`, as in ``passage(prefix:lead:leadSource:rest:line:)``, without the marker `1.`.
    case numberedItem(number: Int, prefix: String, lead: String?, leadSource: LeadSource?, rest: String, line: Int)
    /// One entry of a `名词解释` glossary: `1.六大优势产业：…` as number, marker (the number and
    /// its separator as published: `1.`, `3．`, `12、`), term and definition (the definition starts
    /// with the separator `：`).
    case glossaryEntry(number: Int, marker: String, term: String, definition: String, line: Int)
    /// A Word table, its cells row by row (the first row is its header): a GFM pipe table.
    case table(rows: [[String]], line: Int)
}
