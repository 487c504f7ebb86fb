/// The view model of `home.mustache`: the reports grouped by year (latest first) and, within a
/// year, by level, one short row each, with a filter by level and by text (place or title).
struct HomePageModel {
    let chrome: PageChrome
    let siteTitle: String
    let siteDescription: String?
    let years: [HomeYearGroup]
    /// The levels present, for the filter.
    let levels: [LevelOption]
    /// True when the site has enough reports for a filter to help.
    let hasFilter: Bool
    let topics: [TopicCount]
    let passageCount: Int
    let reportCount: Int
    let topicsURL: String
    /// The filter's script (`assets/list-filter.js`).
    let filterScriptURL: String
}

/// The reports of one year on the home page.
struct HomeYearGroup {
    /// `2025年`, or `年份未知` for reports whose year is not known (last).
    let label: String
    /// Fragment id (`year-2025`, `year-unknown`).
    let id: String
    let count: Int
    let reports: [HomeReportRow]
}

/// A report on the home page: one line.
struct HomeReportRow {
    /// The title with place and year (``ReportMetadata/fullTitle``).
    let title: String
    let url: String
    let place: String
    let levelKey: String
    let levelLabel: String
    let dateline: String
    let passageCount: Int
    /// The report's most frequent topics, as names (`产业发展、科技创新`).
    let topTopics: String
}

/// A level in the home page's filter.
struct LevelOption {
    let key: String
    let label: String
    let count: Int
}

/// The view model of `404.mustache`, the page a host shows for a missing path.
struct NotFoundPageModel {
    let chrome: PageChrome
}

/// The view model of `topics.mustache`: one page of the heat map, reports (rows) against
/// topics (columns), ``Pagination/pageSize`` reports a page.
struct TopicsOverviewModel {
    let chrome: PageChrome
    let topics: [OverviewTopicColumn]
    let rows: [OverviewReportRow]
    let pagination: Pagination
}

/// A topic's column, with its total over the site.
struct OverviewTopicColumn {
    let name: String
    let nameEn: String
    let url: String
    let total: Int
}

/// One report's row of the heat map.
struct OverviewReportRow {
    let reportTitle: String
    let reportURL: String
    let levelLabel: String
    let cells: [HeatCell]
    let rowTotal: Int
}

/// One cell: passages of a topic in one report. `level` is 0 (none) to 5 (the most in any
/// report); the stylesheet colours `.heat-0` … `.heat-5`.
struct HeatCell {
    let count: Int
    let level: Int
    /// The report's page for the topic; empty when the count is 0. (Not optional: a missing
    /// value would make Mustache look the name up in the enclosing row.)
    let cellURL: String
    let hasPassages: Bool
    let label: String
}

extension HomePageModel {
    init(chrome: PageChrome, siteTitle: String, siteDescription: String?, years: [HomeYearGroup], levels: [LevelOption], topics: [TopicCount],
         passageCount: Int, reportCount: Int, topicsURL: String, filterScriptURL: String) {
        self.init(
            chrome: chrome, siteTitle: siteTitle, siteDescription: siteDescription, years: years, levels: levels, hasFilter: reportCount > 1,
            topics: topics, passageCount: passageCount, reportCount: reportCount, topicsURL: topicsURL, filterScriptURL: filterScriptURL)
    }
}
