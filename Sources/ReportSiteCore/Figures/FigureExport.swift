import Foundation

/// The figures as data: `figures.csv` and `figures.json`, one row per figure mention, the same
/// columns in the same order in both (the schema is in the README, "Figures as data").
///
/// Both are UTF-8 without a byte-order mark. The CSV has a header row, fields quoted when they
/// hold `,` `"` or a line break (RFC 4180), CRLF line ends. The JSON is an object with
/// `columns` (the names) and `figures` (one object per row, keys in column order); numbers are
/// JSON numbers written exactly as computed (decimal text, never floating point), missing
/// values `null`. Rows are in site order: reports as listed, then text order.
enum FigureExport {
    /// The columns, in order.
    static let columns = [
        "report", "report_title", "place", "year", "part", "section", "passage_anchor", "passage_url",
        "indicator", "value", "value_high", "unit", "base_unit", "scale", "value_scaled", "value_high_scaled",
        "measure", "direction", "modifier", "kind", "period", "main_target", "topics", "display", "source_text",
    ]

    /// One cell: text, a number written as decimal text, a flag, a list, or nothing.
    enum Cell: Equatable {
        case text(String)
        case number(String)
        case flag(Bool)
        case list([String])
        case null
    }

    /// The cells of one mention, in column order.
    static func row(_ mention: FigureMention, index: SiteIndex) -> [Cell] {
        let entry = index.entries[mention.entry]
        let report = index.reports[mention.reportIndex]
        let figure = mention.figure
        let part = entry.partIndex.map { report.parts[$0] }
        let section = entry.sectionIndex.flatMap { s in part.map { $0.sections[s] } }
        let url = index.site.baseURL.map { Permalinks.absolute(.report(slug: report.slug), baseURL: $0) + "#" + entry.passage.anchor }
            ?? SitePage.report(slug: report.slug).outputPath + "#" + entry.passage.anchor
        func optionalText(_ value: String?) -> Cell { value.map { .text($0) } ?? .null }
        func optionalNumber(_ value: String?) -> Cell { value.map { .number($0) } ?? .null }
        return [
            .text(report.slug), .text(report.metadata.fullTitle), .text(report.metadata.place), .number(String(report.metadata.year)),
            optionalText(part?.heading.text), optionalText(section?.heading.text), .text(entry.passage.anchor), .text(url),
            .text(figure.indicator), optionalNumber(figure.value), optionalNumber(figure.valueHigh), .text(figure.unit),
            .text(figure.baseUnit), figure.value == nil ? .null : .number(DecimalText.shift("1", by: figure.scaleExponent)),
            optionalNumber(figure.scaledValue), optionalNumber(figure.scaledValueHigh),
            .text(figure.measure.rawValue), .text(figure.direction), .text(figure.modifier.rawValue), .text(figure.kind.rawValue),
            .text(figure.period), .flag(figure.isMainTarget), .list(entry.passage.topics), .text(figure.display), .text(figure.sourceText),
        ]
    }

    /// The data formats written, as file extensions.
    static let formats = ["csv", "json"]

    /// Every data file: `figures.csv` and `figures.json` of each report and of the whole site.
    /// Each mention's row is written once and used in both its report's files and the site's.
    static func files(figures: FigureIndex, index: SiteIndex) -> [OutputFile] {
        let csvLines = figures.mentions.map { row($0, index: index).map(csvField).joined(separator: ",") }
        let jsonObjects = figures.mentions.map { mention in
            "{" + zip(columns, row(mention, index: index)).map { jsonStringLiteral($0) + ": " + jsonValue($1) }.joined(separator: ", ") + "}"
        }
        func csv(_ members: [Int]) -> String {
            ([columns.joined(separator: ",")] + members.map { csvLines[$0] }).joined(separator: "\r\n") + "\r\n"
        }
        func json(_ members: [Int]) -> String {
            let head = "{\n  \"generator\": \"ReportSite\",\n  \"columns\": [" + columns.map(jsonStringLiteral).joined(separator: ", ") + "],\n  \"figures\": ["
            guard !members.isEmpty else { return head + "]\n}\n" }
            return head + "\n    " + members.map { jsonObjects[$0] }.joined(separator: ",\n    ") + "\n  ]\n}\n"
        }
        var files: [OutputFile] = []
        func add(_ slug: String?, _ members: [Int]) {
            files.append(OutputFile(path: SitePage.figuresData(slug: slug, format: "csv").outputPath, data: Data(csv(members).utf8)))
            files.append(OutputFile(path: SitePage.figuresData(slug: slug, format: "json").outputPath, data: Data(json(members).utf8)))
        }
        for (reportIndex, report) in index.reports.enumerated() { add(report.slug, figures.mentionsByReport[reportIndex]) }
        add(nil, Array(figures.mentions.indices))
        return files
    }

    // MARK: - Private

    static func csvField(_ cell: Cell) -> String {
        let text: String
        switch cell {
        case .text(let value), .number(let value): text = value
        case .flag(let value): text = value ? "true" : "false"
        case .list(let values): text = values.joined(separator: ";")
        case .null: text = ""
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func jsonValue(_ cell: Cell) -> String {
        switch cell {
        case .text(let value): return jsonStringLiteral(value)
        case .number(let value): return value
        case .flag(let value): return value ? "true" : "false"
        case .list(let values): return "[" + values.map(jsonStringLiteral).joined(separator: ", ") + "]"
        case .null: return "null"
        }
    }
}
