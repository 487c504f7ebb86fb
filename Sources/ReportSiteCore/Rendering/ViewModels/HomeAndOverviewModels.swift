/// The view model of `home.mustache`.
struct HomePageModel {
    let chrome: PageChrome
    let siteTitle: String
    let siteDescription: String?
    let reports: [ReportCard]
    let topics: [TopicCount]
    let passageCount: Int
    let reportCount: Int
    let topicsURL: String
}

/// The view model of `404.mustache`, the page a host shows for a missing path.
struct NotFoundPageModel {
    let chrome: PageChrome
}

/// A report in a list.
struct ReportCard {
    let title: String
    /// The title with place and year (``ReportMetadata/fullTitle``).
    let fullTitle: String
    let place: String
    let year: Int
    let levelLabel: String
    let dateline: String
    let url: String
    let partCount: Int
    let sectionCount: Int
    let passageCount: Int
    /// The report's most frequent topics.
    let topTopics: [TopicCount]
}

/// The view model of `topics.mustache`: topics × reports × parts as a heat map.
struct TopicsOverviewModel {
    let chrome: PageChrome
    let reports: [OverviewReportColumn]
    let rows: [HeatRow]
    /// Number of part columns (for the table's layout).
    let partColumnCount: Int
}

/// A report's column group in the heat map, with its parts.
struct OverviewReportColumn {
    let title: String
    let url: String
    let parts: [OverviewPartColumn]
    /// Derived for the template (Mustache sees stored properties only).
    let span: Int
}

struct OverviewPartColumn {
    /// The part's ordinal or first characters (`一`), and its full title for the tooltip.
    let label: String
    let title: String
    let url: String
}

/// One topic's row of the heat map.
struct HeatRow {
    let name: String
    let nameEn: String
    let url: String
    let total: Int
    let cells: [HeatCell]
}

/// One cell: passages of a topic in one part of one report. `level` is 0 (none) to 5 (the
/// most in the table); the stylesheet colours `.heat-0` … `.heat-5`.
struct HeatCell {
    let count: Int
    let level: Int
    /// The topic page at this report's part; empty when the count is 0. (Not optional: a
    /// missing value would make Mustache look the name up in the enclosing row.)
    let cellURL: String
    let hasPassages: Bool
    let label: String
}

extension OverviewReportColumn {
    init(title: String, url: String, parts: [OverviewPartColumn]) {
        self.init(title: title, url: url, parts: parts, span: parts.count)
    }
}
