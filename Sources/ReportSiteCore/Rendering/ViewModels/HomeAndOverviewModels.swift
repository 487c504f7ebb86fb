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

/// The view model of `topics.mustache`: reports × parts (rows) against topics (columns), as a
/// heat map. Rows scale with the number of reports; the nine topic columns fit a phone.
struct TopicsOverviewModel {
    let chrome: PageChrome
    let topics: [OverviewTopicColumn]
    let reports: [OverviewReportGroup]
}

/// A topic's column, with its total over the site.
struct OverviewTopicColumn {
    let name: String
    let nameEn: String
    let url: String
    let total: Int
}

/// A report's rows: one per part (one row, 全文, for a report without parts).
struct OverviewReportGroup {
    let reportTitle: String
    let reportURL: String
    /// Number of rows, for the report cell's `rowspan`.
    let rowCount: Int
    let rows: [OverviewPartRow]
}

/// One part's row of the heat map.
struct OverviewPartRow {
    /// True for a report's first row, which carries the report cell.
    let isFirstRow: Bool
    let partTitle: String
    let partURL: String
    let cells: [HeatCell]
    let rowTotal: Int
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

