import Foundation

/// The figures as data: each report's `figures.csv` and `figures.json`, one row per figure
/// mention, and the site's `figures.csv`, every report's rows; none repeats a report-level
/// field on every row: `reports.csv` (and each report's JSON) holds them once per report (the
/// schema is in the README, "Figures as data").
///
/// All are UTF-8 without a byte-order mark. The CSVs have a header row, fields quoted when they
/// hold `,` `"` or a line break (RFC 4180), CRLF line ends. The JSON is an object with `report`
/// (the report-level fields), `columns` (the names) and `figures` (one array per row, values in
/// column order); numbers are JSON numbers written exactly as computed (decimal text, never
/// floating point), missing values `null`. Rows are in site order: reports as listed, then text order.
enum FigureExport {
    /// The columns of every `figures.csv` (a report's and the site's), in order: every field of
    /// a mention but the report-level ones, which `figures/reports.csv` holds once per report
    /// (join on `report`), and the passage URL (the report's `url` there, `#`, `passage_anchor`).
    static let siteColumns = [
        "report", "part", "section", "passage_anchor",
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

    /// The cells of one mention, in ``siteColumns`` order.
    static func row(_ mention: FigureMention, index: SiteIndex) -> [Cell] {
        let entry = index.entries[mention.entry]
        let passage = index.passage(entry)
        let report = index.reports[mention.reportIndex]
        let figure = mention.figure
        let part = entry.partIndex.map { report.parts[$0] }
        let section = entry.sectionIndex.flatMap { s in part.map { $0.sections[s] } }
        func optionalText(_ value: String?) -> Cell { value.map { .text($0) } ?? .null }
        func optionalNumber(_ value: String?) -> Cell { value.map { .number($0) } ?? .null }
        return [
            .text(report.slug), optionalText(part?.heading.text), optionalText(section?.heading.text), .text(passage.anchor),
            .text(figure.indicator), optionalNumber(figure.value), optionalNumber(figure.valueHigh), .text(figure.unit),
            .text(figure.baseUnit), figure.value == nil ? .null : .number(DecimalText.shift("1", by: figure.scaleExponent)),
            optionalNumber(figure.scaledValue), optionalNumber(figure.scaledValueHigh),
            .text(figure.measure.rawValue), .text(figure.direction), .text(figure.modifier.rawValue), .text(figure.kind.rawValue),
            .text(figure.period), .flag(figure.isMainTarget), .list(passage.topics), .text(figure.display), .text(figure.sourceText),
        ]
    }

    /// The data formats written for each report, as file extensions.
    static let formats = ["csv", "json"]

    /// The columns of `figures/reports.csv`, one row per report in site order.
    static let reportColumns = ["report", "report_title", "place", "level", "year", "url", "figure_count", "main_target_count"]

    /// The columns of a report's `figures.json` rows: ``siteColumns`` but `report`, which the
    /// file's `report` object holds once with the other report-level fields.
    static let reportJSONColumns = Array(siteColumns.dropFirst())

    /// One report's `figures.csv` or `figures.json` (`format` is one of ``formats``).
    ///
    /// The CSV has ``siteColumns``, as the site-wide one (so the files concatenate). The JSON is
    /// `{"generator", "report": {…``reportColumns``…}, "columns": [``reportJSONColumns``],
    /// "figures": [[values in column order], …]}`: report-level fields once, rows as arrays (one
    /// object per row repeated every key and report field: 170 KB of 260 KB for a report's data).
    static func reportFile(_ format: String, reportIndex: Int, figures: FigureIndex, index: SiteIndex) -> Data {
        let members = figures.mentionsByReport[reportIndex]
        if format == "csv" { return Data((csvHeader + csvRows(reportIndex, figures: figures, index: index)).utf8) }
        let report = zip(reportColumns, reportCells(reportIndex, figures: figures, index: index))
            .map { jsonStringLiteral($0) + ": " + jsonValue($1) }.joined(separator: ", ")
        var text = "{\n  \"generator\": \"ReportSite\",\n  \"report\": {" + report + "},\n  \"columns\": ["
            + reportJSONColumns.map(jsonStringLiteral).joined(separator: ", ") + "],\n  \"figures\": ["
        guard !members.isEmpty else { return Data((text + "]\n}\n").utf8) }
        text += "\n    " + members.map { member in
            // Every cell but the first, `report`.
            "[" + row(figures.mentions[member], index: index).dropFirst().map(jsonValue).joined(separator: ", ") + "]"
        }.joined(separator: ",\n    ")
        return Data((text + "\n  ]\n}\n").utf8)
    }

    /// The header line of every `figures.csv` (``siteColumns``, CRLF).
    static let csvHeader = siteColumns.joined(separator: ",") + "\r\n"

    /// The rows of one report's `figures.csv`, without the header: each line ends with CRLF.
    static func csvRows(_ reportIndex: Int, figures: FigureIndex, index: SiteIndex) -> String {
        var text = ""
        for member in figures.mentionsByReport[reportIndex] {
            text += row(figures.mentions[member], index: index).map(csvField).joined(separator: ",") + "\r\n"
        }
        return text
    }

    /// The site-wide `figures/figures.csv`: ``csvHeader``, then every report's rows in site order,
    /// which are its own `figures.csv` without the header.
    ///
    /// - Parameter previousFile: the bytes of report `r`'s `figures.csv` as the last build wrote
    ///   it, when they are still right (its render key is unchanged), or `nil`: its rows are then
    ///   made again. A file that does not start with the header is not used.
    static func siteCSV(figures: FigureIndex, index: SiteIndex, previousFile: @Sendable (Int) -> Data? = { _ in nil }) -> Data {
        var data = Data()
        siteCSV(figures: figures, index: index, previousFile: previousFile) { data.append($0) }
        return data
    }

    /// ``siteCSV(figures:index:previousFile:)`` in pieces, in order: the header, then the rows of
    /// a window of reports at a time, so that a streamed file holds no more than one window in
    /// memory (the whole file was 65 MB of a 1,000-report clean build's peak; heaptrack).
    /// - Throws: what `emit` throws.
    static func siteCSV(
        figures: FigureIndex, index: SiteIndex, previousFile: @Sendable (Int) -> Data? = { _ in nil }, emit: (Data) throws -> Void
    ) rethrows {
        let header = Data(csvHeader.utf8)
        try emit(header)
        // The reports' rows made on every core a window of reports at a time, in site order.
        let window = max(1, Parallel.coreCount * 8)
        for start in stride(from: 0, to: index.reports.count, by: window) {
            let blocks = Parallel.map(Array(start..<min(index.reports.count, start + window))) { r -> Data in
                if let file = previousFile(r), file.starts(with: header) { return file.dropFirst(header.count) }
                return Data(csvRows(r, figures: figures, index: index).utf8)
            }
            var piece = Data()
            piece.reserveCapacity(blocks.reduce(0) { $0 + $1.count })
            for block in blocks { piece.append(block) }
            try emit(piece)
        }
    }

    /// `figures/reports.csv`: the report-level fields of every report, once (``reportColumns``).
    static func reportsCSV(figures: FigureIndex, index: SiteIndex) -> Data {
        var text = reportColumns.joined(separator: ",") + "\r\n"
        for r in index.reports.indices {
            text += reportCells(r, figures: figures, index: index).map(csvField).joined(separator: ",") + "\r\n"
        }
        return Data(text.utf8)
    }

    /// The ``reportColumns`` of one report: its row of `reports.csv`, the `report` object of its
    /// `figures.json`.
    static func reportCells(_ r: Int, figures: FigureIndex, index: SiteIndex) -> [Cell] {
        let report = index.reports[r]
        let url = index.site.baseURL.map { Permalinks.absolute(.report(slug: report.slug), baseURL: $0) } ?? SitePage.report(slug: report.slug).outputPath
        return [
            .text(report.slug), .text(report.metadata.fullTitle), .text(report.metadata.place), .text(report.metadata.level.rawValue),
            report.metadata.year > 0 ? .number(String(report.metadata.year)) : .null, .text(url), .number(String(figures.mentionsByReport[r].count)),
            .number(String(figures.headlines[r].count)),
        ]
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
        // RFC 4180: a field with a comma, a quote or a line break is quoted. Checked on the
        // UTF-8 bytes: faster than by Character, and a `\r\n` (one Character) is caught too.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else { return text }
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
