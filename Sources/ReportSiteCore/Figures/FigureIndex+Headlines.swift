/// One row of a report's headline table: a main expected target and last year's results for
/// the same indicator (`地区生产总值增长7%左右` ↔ `增长6.5%`).
public struct HeadlineRow: Sendable {
    /// Index into ``FigureIndex/mentions``: the target.
    public var target: Int
    /// Indices of the results: none, one, or two for a `城乡…` target (城镇 and 农村).
    public var results: [Int]
    /// The target's comparable name (``IndicatorNames/canonical(_:)``), found with the report's
    /// own figures (``ReportFigures/Headline/name``); empty for a target without a value.
    public var name: String
}

/// The main targets of several reports for one indicator (`地区生产总值` growth).
public struct IndicatorComparison: Sendable {
    /// The comparable name (``IndicatorNames/canonical(_:)``).
    public var name: String
    public var measure: FigureMeasure
    /// The unit without scale (`%`).
    public var unit: String
    /// Whether the targets are declines (能耗下降2%左右): a rate of decline, not of growth.
    public var declines: Bool
    /// Per report (site order), the headline row, if the report has this target.
    public var rows: [(reportIndex: Int, row: HeadlineRow)]

    /// The name for a label, with 增长 after a growth rate (see ``ExtractedFigure/labelledIndicator``).
    var labelledName: String { name + (measure == .growth && !declines ? "增长" : "") }

    /// The id of the indicator's page (``SitePage/figuresIndicator(id:)``), from what makes it
    /// one comparison (name, measure, unit, direction): stable as reports come and go.
    var pageID: String { Permalinks.indicatorID(name: name, measure: measure.rawValue, unit: unit, declines: declines) }
}

extension ExtractedFigure {
    /// Whether the figure is a rate or a change in points after a verb of decline (下降, 降低 …).
    var declines: Bool {
        (measure == .growth || measure == .points) && FigureIndex.declineVerbs.contains(direction)
    }

    /// The figure as written, with its verb of decline in front when it ``declines``
    /// (`下降2%左右`): a table or chart label without it would read as growth.
    var signedDisplay: String { declines ? direction + display : display }

    /// The figure as written with any verb of change in front (`下降6.9%`, `新增2200万千瓦`,
    /// `增长6.5%`), for a figure shown beside its subject alone: without it `单位生产总值能耗
    /// 6.9%` reads as a level.
    var displayWithDirection: String { display.hasPrefix(direction) ? display : direction + display }

    /// The indicator for a label, or `（未识别指标）` when the extractor found none.
    var indicatorLabel: String { indicator.isEmpty ? "（未识别指标）" : indicator }

    /// The indicator's name for a label, with 增长 after a growth rate (a decline's label is the
    /// name alone: its value says 下降).
    var labelledIndicator: String { indicator + (measure == .growth && !declines ? "增长" : "") }
}

extension FigureIndex {
    /// Signs of decline: a number after these verbs is shown below zero in charts.
    static let declineVerbs: Set<String> = ["下降", "降低", "减少", "回落", "下滑", "压减", "压降", "缩小", "减", "降"]

    /// Main targets grouped across reports by comparable name, measure and unit; groups held by
    /// more reports first, then in order of first appearance.
    static func comparisons(mentions: FigureMentions, headlines: [[HeadlineRow]]) -> [IndicatorComparison] {
        var groups: [IndicatorComparison] = []
        var positions: [String: Int] = [:]
        for (reportIndex, rows) in headlines.enumerated() {
            for row in rows {
                let figure = mentions[row.target].figure
                guard figure.value != nil else { continue }
                let name = row.name
                let key = "\(name)|\(figure.measure.rawValue)|\(figure.baseUnit)|\(figure.declines)"
                if let position = positions[key] {
                    if !groups[position].rows.contains(where: { $0.reportIndex == reportIndex }) { groups[position].rows.append((reportIndex, row)) }
                } else {
                    positions[key] = groups.count
                    groups.append(IndicatorComparison(name: name, measure: figure.measure, unit: figure.baseUnit, declines: figure.declines, rows: [(reportIndex, row)]))
                }
            }
        }
        return groups.enumerated().sorted { a, b in
            a.element.rows.count != b.element.rows.count ? a.element.rows.count > b.element.rows.count : a.offset < b.offset
        }.map(\.element)
    }

    /// The value of a figure for drawing: scale applied, negative after a verb of decline when it
    /// is a rate or a change in points.
    static func chartValue(_ figure: ExtractedFigure) -> Double {
        guard let value = figure.value else { return 0 }
        let number = DecimalText.double(value, exponent: figure.scaleExponent)
        return figure.declines ? -number : number
    }
}
