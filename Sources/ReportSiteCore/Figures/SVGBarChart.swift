/// A horizontal bar chart drawn as inline SVG at build time: no script, readable from disk and
/// in print. Colours come from the stylesheet (`.chart-series-0` … and `currentColor` text), so
/// dark mode and print restyle it; the chart has `role="img"`, a `<title>` and a `<desc>`.
///
/// Layout, in SVG units (the chart scales to its container through `viewBox`): labels on the
/// left (up to ``maximumLabelCharacters`` characters, the rest in a tooltip), one bar per series
/// and row, the value as written at the end of each bar, a zero line, and a legend on top when
/// there is more than one series. Negative values (a decline) grow left of the zero line.
struct SVGBarChart {
    struct Value {
        /// The number drawn (scale applied, negative for a decline).
        let value: Double
        /// The value as written, shown at the bar's end (`7%左右`).
        let label: String
    }
    struct Row {
        let label: String
        /// One value per series; `nil` leaves a gap.
        let values: [Value?]
    }

    /// A unique id on its page (for `aria-labelledby`).
    let id: String
    let title: String
    /// One sentence saying what is drawn, for screen readers and the caption.
    let description: String
    let series: [String]
    let rows: [Row]

    static let width = 640.0
    static let barHeight = 16.0
    static let barGap = 3.0
    static let rowGap = 10.0
    static let fontSize = 13.0
    static let maximumLabelCharacters = 16

    /// The SVG element, escaped for XML.
    func svg() -> String {
        let labelWidth = min(230, max(60, rows.map { Self.textWidth(Self.shortLabel($0.label)) }.max() ?? 60) + 10)
        let valueWidth = max(60, (rows.flatMap { $0.values.compactMap { $0?.label } }.map(Self.textWidth).max() ?? 40) + 8)
        let legendHeight = series.count > 1 ? 26.0 : 0
        let rowHeight = Double(series.count) * Self.barHeight + Double(max(0, series.count - 1)) * Self.barGap
        let height = legendHeight + Double(rows.count) * (rowHeight + Self.rowGap) + Self.rowGap
        let values = rows.flatMap { $0.values.compactMap { $0?.value } }
        let low = min(0, values.min() ?? 0)
        let high = max(0, values.max() ?? 0)
        // A negative bar's value is written left of its end: room for it before the plot too.
        let plotStart = labelWidth + (low < 0 ? valueWidth : 0)
        let plotWidth = Self.width - plotStart - valueWidth
        let span = high - low > 0 ? high - low : 1
        func x(_ value: Double) -> Double { plotStart + (value - low) / span * plotWidth }
        let zero = x(0)

        var out = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(Self.number(Self.width)) \(Self.number(height))\""
        out += " width=\"\(Self.number(Self.width))\" height=\"\(Self.number(height))\" aria-labelledby=\"\(id)-title \(id)-desc\" id=\"\(id)\">"
        out += "<title id=\"\(id)-title\">\(escape(title))</title><desc id=\"\(id)-desc\">\(escape(description))</desc>"
        if series.count > 1 {
            var legendX = plotStart
            for (index, name) in series.enumerated() {
                out += "<rect class=\"chart-series-\(index)\" x=\"\(Self.number(legendX))\" y=\"6\" width=\"12\" height=\"12\"/>"
                out += "<text x=\"\(Self.number(legendX + 16))\" y=\"16\">\(escape(name))</text>"
                legendX += 16 + Self.textWidth(name) + 18
            }
        }
        var y = legendHeight + Self.rowGap
        for row in rows {
            out += "<g class=\"chart-row\"><title>\(escape(row.label + "：" + row.values.compactMap { $0?.label }.joined(separator: " / ")))</title>"
            out += "<text class=\"chart-label\" x=\"\(Self.number(labelWidth - 8))\" y=\"\(Self.number(y + rowHeight / 2 + 4.5))\" text-anchor=\"end\">\(escape(Self.shortLabel(row.label)))</text>"
            for (index, value) in row.values.enumerated() {
                let top = y + Double(index) * (Self.barHeight + Self.barGap)
                guard let value else { continue }
                let end = x(value.value)
                let left = min(zero, end)
                let width = max(abs(end - zero), value.value == 0 ? 0 : 1)
                out += "<rect class=\"chart-series-\(index)\" x=\"\(Self.number(left))\" y=\"\(Self.number(top))\" width=\"\(Self.number(width))\" height=\"\(Self.number(Self.barHeight))\"/>"
                let labelX = value.value < 0 ? left - 4 : left + width + 4
                out += "<text class=\"chart-value\" x=\"\(Self.number(labelX))\" y=\"\(Self.number(top + Self.barHeight - 4))\"\(value.value < 0 ? " text-anchor=\"end\"" : "")>\(escape(value.label))</text>"
            }
            out += "</g>"
            y += rowHeight + Self.rowGap
        }
        out += "<line class=\"chart-axis\" x1=\"\(Self.number(zero))\" y1=\"\(Self.number(legendHeight + 4))\" x2=\"\(Self.number(zero))\" y2=\"\(Self.number(height - 4))\"/>"
        return out + "</svg>"
    }

    // MARK: - Private

    /// A label cut to ``maximumLabelCharacters`` with `…` (the row's tooltip has it whole).
    static func shortLabel(_ label: String) -> String {
        label.count <= maximumLabelCharacters ? label : String(label.prefix(maximumLabelCharacters - 1)) + "…"
    }

    /// The width of text at ``fontSize``: a CJK character is 1 em, anything else about 0.6 em.
    static func textWidth(_ text: String) -> Double {
        text.reduce(0.0) { $0 + (TextFolding.isCJK($1) ? fontSize : fontSize * 0.6) }
    }

    /// Fixed formatting, independent of locale: at most one decimal, no trailing `.0`.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let integer = Int(tenths / 10)
        let fraction = Int(abs(tenths).truncatingRemainder(dividingBy: 10))
        let sign = tenths < 0 && integer == 0 ? "-" : ""
        return fraction == 0 ? "\(sign)\(integer)" : "\(sign)\(integer).\(fraction)"
    }

    private func escape(_ text: String) -> String { escapeHTML(text) }
}
