/// Renders a passage's pipe table (``PipeTable``) as HTML, built from its cells.
///
/// `<div class="table-scroll" role="region" tabindex="0">` (scrollable on a narrow screen, and
/// by keyboard) around a caption-less `<table class="report-table">`: the header row in
/// `<thead>` as `<th scope="col">`, the body rows in `<tbody>` as `<td>`. A column aligned in
/// the delimiter row gets `class="align-left|align-center|align-right"` on its cells (no inline
/// styles). Every cell's text is escaped (``escapeHTML(_:)``): a cell's Markdown is not rendered.
enum TableHTML {
    /// The HTML of `table`, one row a line.
    static func render(_ table: PipeTable) -> String {
        func attribute(_ column: Int) -> String {
            guard column < table.alignments.count else { return "" }
            switch table.alignments[column] {
            case .none: return ""
            case .left: return " class=\"align-left\""
            case .center: return " class=\"align-center\""
            case .right: return " class=\"align-right\""
            }
        }
        var out = "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"表格\"><table class=\"report-table\">\n<thead>\n<tr>"
        for (column, cell) in table.header.enumerated() {
            out += "<th scope=\"col\"\(attribute(column))>" + escapeHTML(cell) + "</th>"
        }
        out += "</tr>\n</thead>\n"
        if !table.rows.isEmpty {
            out += "<tbody>\n"
            for row in table.rows {
                out += "<tr>"
                for (column, cell) in row.enumerated() { out += "<td\(attribute(column))>" + escapeHTML(cell) + "</td>" }
                out += "</tr>\n"
            }
            out += "</tbody>\n"
        }
        return out + "</table></div>"
    }
}
