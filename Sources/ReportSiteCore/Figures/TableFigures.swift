/// The figures of a passage's pipe table (``PipeTable``), row by row.
///
/// Each body row is scanned cell by cell, the first cell being the row's label (the indicator,
/// `地区生产总值增长`): a later cell is scanned alone first (`城镇新增就业5万人` names its own
/// indicator); when that gives no figure, or a figure without an indicator (`5%左右`), the
/// label and the cell are scanned as one text (`地区生产总值增长5%左右`), and only the figures in
/// the cell are kept. A one-column table's cells are scanned alone. The header row gives no
/// figure.
///
/// The column's header decides the kind when it says so: `目标`, `预期` or `计划` reads the
/// column as the plan (targets), `完成`, `实际` or `实绩` as the review (results); any other
/// header leaves the phase of the passage's part. Ranges are moved to the passage's text
/// (``PipeTable/passageText(before:)``), so a figure points at its cell.
enum TableFigures {
    /// The figures of `table`, in row order; `before` is the passage's text before the table.
    static func extract(_ table: PipeTable, before: String, context: FigureContext) -> [ExtractedFigure] {
        let offsets = table.passageText(before: before).cellOffsets
        var out: [ExtractedFigure] = []
        for (r, row) in table.rows.enumerated() {
            let rowOffsets = offsets[r + 1]
            guard let label = row.first else { continue }
            if row.count == 1 {
                out += shifted(FigureExtractor.extract(label, context: context), by: rowOffsets[0])
                continue
            }
            for column in 1..<row.count where !row[column].isEmpty {
                let cell = row[column]
                let columnContext = Self.context(header: table.header[column], default: context)
                let alone = FigureExtractor.extract(cell, context: columnContext)
                if !alone.isEmpty, alone.allSatisfy({ !$0.indicator.isEmpty }) {
                    out += shifted(alone, by: rowOffsets[column])
                    continue
                }
                let labelLength = label.unicodeScalars.count
                let joined = FigureExtractor.extract(label + cell, context: columnContext).filter { $0.range.lowerBound >= labelLength }
                out += shifted(joined, by: rowOffsets[column] - labelLength)
            }
        }
        return out
    }

    /// The context of a column headed `header`: the plan for a target column, the review for a
    /// results column, else `context`.
    static func context(header: String, default context: FigureContext) -> FigureContext {
        var out = context
        guard context.phase != .glossary else { return out }
        if ["目标", "预期", "计划"].contains(where: header.contains) {
            out.phase = .plan
        } else if ["完成", "实际", "实绩"].contains(where: header.contains) {
            out.phase = .review
        }
        return out
    }

    private static func shifted(_ figures: [ExtractedFigure], by offset: Int) -> [ExtractedFigure] {
        figures.map { figure in
            var moved = figure
            moved.range = (figure.range.lowerBound + offset)..<(figure.range.upperBound + offset)
            return moved
        }
    }
}
