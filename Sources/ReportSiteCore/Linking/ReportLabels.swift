/// The short label lists give each report: place and year (`呼和浩特市 2022`), in the search
/// filter, the heat map, related-passage contexts and the figures pages' rank columns.
///
/// Reports that share place and year (a city's work report and its budget report of one year)
/// would get one label, and a reader could not tell their rows apart: then each label adds the
/// report's title (`某市 2025 政府工作报告`, `某市 2025 预算报告`), or its slug when the titles
/// are also equal (`某市 2025（mou-2025-b）`). ``ContentChecks/sharedLabels(_:labels:)`` warns about them.
public struct ReportLabels: Sendable {
    /// The label of each report, by slug.
    public let bySlug: [String: String]
    /// The reports that share place and year, as groups of slugs in site order (groups in the
    /// order of their first report); empty when every report's place and year are its own.
    public let sharedGroups: [[String]]

    /// Labels for `reports` (site order).
    public init(_ reports: [Report]) {
        func plain(_ report: Report) -> String { report.metadata.placeAndYear }
        var groups: [String: [Int]] = [:]
        var order: [String] = []
        for (r, report) in reports.enumerated() {
            let label = plain(report)
            if groups[label] == nil { order.append(label) }
            groups[label, default: []].append(r)
        }
        var labels: [String: String] = [:]
        var shared: [[String]] = []
        for label in order {
            let members = groups[label] ?? []
            guard members.count > 1 else {
                for r in members { labels[reports[r].slug] = label }
                continue
            }
            shared.append(members.map { reports[$0].slug })
            let titles = members.map { reports[$0].metadata.title }
            for (position, r) in members.enumerated() {
                let title = titles[position]
                let titleIsShared = titles.filter { $0 == title }.count > 1
                labels[reports[r].slug] = titleIsShared ? label + "（\(reports[r].slug)）" : label + " " + title
            }
        }
        bySlug = labels
        sharedGroups = shared
    }

    /// The label of the report with `slug` (place and year when it is not among the labels).
    public func label(of report: Report) -> String {
        bySlug[report.slug] ?? report.metadata.placeAndYear
    }
}
