/// The view model of `figures.mustache`: one report's figures and word frequencies.
struct FiguresPageModel {
    let chrome: PageChrome
    let reportTitle: String
    let reportURL: String
    let overviewURL: String
    let csvURL: String
    let jsonURL: String
    /// `244 个数字：实绩 150 · 目标 80 …`
    let summary: String
    let headline: [HeadlineRowView]
    /// Derived for the template (Mustache sees stored properties only).
    let hasHeadline: Bool
    let charts: [ChartView]
    let hasCharts: Bool
    let words: WordsView
    let parts: [FigureGroupView]
    let hasFigures: Bool
}

/// A target and last year's result on the headline table.
struct HeadlineRowView {
    let indicator: String
    let targetDisplay: String
    let targetURL: String
    /// `6.5%`, or `城镇 6.5% · 农村 9.5%`; empty without a result.
    let resultDisplay: String
    let resultURL: String
    let hasResult: Bool
    let isQualitative: Bool
}

/// A chart: the inline SVG (already escaped) and its caption.
struct ChartView {
    let id: String
    let title: String
    let caption: String
    /// The `<svg>` element, written by ``SVGBarChart`` (escaped there).
    let svg: String
}

/// The word-frequency table and chart of a report.
struct WordsView {
    /// The short titles of the other reports with a rank column (``PageModelBuilder/comparedReports(_:)``).
    let otherReports: [String]
    /// Whether every other report has a column.
    let allOthersShown: Bool
    let rows: [WordRowView]
    let hasRows: Bool
    let chart: ChartView?
    let hasChart: Bool
    let characterCount: Int
    let limit: Int
}

struct WordRowView {
    let rank: Int
    let term: String
    let count: Int
    /// Occurrences per 10,000 Han characters, one decimal.
    let perTenThousand: String
    /// In how many of the other reports the term is counted, as `k/N`.
    let elsewhere: String
    /// The term's rank in each compared report (`—` when it is not counted there).
    let otherRanks: [RankCell]
}

struct RankCell {
    let text: String
    let title: String
}

/// The figures of a part, by section.
struct FigureGroupView {
    let id: String
    let title: String
    let url: String
    let sections: [FigureSectionView]
}

/// The figures of one section; passages before a part's first section make a group with no
/// heading (`url` empty, `hasHeading` false: an empty string is true to Mustache).
struct FigureSectionView {
    let title: String
    let url: String
    let hasHeading: Bool
    let rows: [FigureRowView]

    init(title: String, url: String, rows: [FigureRowView]) {
        self.title = title
        self.url = url
        self.hasHeading = !url.isEmpty
        self.rows = rows
    }
}

/// One figure in a table.
struct FigureRowView {
    let indicator: String
    let display: String
    let measure: String
    let kind: String
    let kindKey: String
    let period: String
    let passageURL: String
    let passageLabel: String
    let isMainTarget: Bool
}

/// The view model of `figures-overview.mustache`: the main targets of every report compared.
struct FiguresOverviewModel {
    let chrome: PageChrome
    let csvURL: String
    let jsonURL: String
    let reports: [FiguresReportLink]
    /// The comparison table's column heads, one per report.
    let reportNames: [String]
    let comparisons: [ComparisonView]
    let hasComparisons: Bool
    let charts: [ChartView]
    let hasCharts: Bool
    let figureCount: Int
}

struct FiguresReportLink {
    let title: String
    let url: String
    let count: Int
    let targetCount: Int
}

/// One indicator's main targets across reports.
struct ComparisonView {
    let name: String
    let measure: String
    let cells: [ComparisonCell]
}

/// One report's target for one indicator; a report without that target has `hasTarget` false.
struct ComparisonCell {
    let report: String
    let target: String
    let targetURL: String
    let hasTarget: Bool
    let result: String
    let hasResult: Bool

    init(report: String, target: String, targetURL: String, result: String, hasResult: Bool) {
        self.report = report
        self.target = target
        self.targetURL = targetURL
        self.hasTarget = !targetURL.isEmpty
        self.result = result
        self.hasResult = hasResult
    }
}

/// The figures of a topic's passages on its page, by report.
struct TopicFiguresGroup {
    let title: String
    /// The report's figures page.
    let url: String
    let rows: [FigureRowView]
    let count: Int
}

extension FiguresPageModel {
    init(chrome: PageChrome, reportTitle: String, reportURL: String, overviewURL: String, csvURL: String, jsonURL: String, summary: String,
         headline: [HeadlineRowView], charts: [ChartView], words: WordsView, parts: [FigureGroupView]) {
        self.init(
            chrome: chrome, reportTitle: reportTitle, reportURL: reportURL, overviewURL: overviewURL, csvURL: csvURL, jsonURL: jsonURL,
            summary: summary, headline: headline, hasHeadline: !headline.isEmpty, charts: charts, hasCharts: !charts.isEmpty, words: words,
            parts: parts, hasFigures: !parts.isEmpty)
    }
}

extension WordsView {
    init(otherReports: [String], allOthersShown: Bool, rows: [WordRowView], chart: ChartView?, characterCount: Int, limit: Int) {
        self.init(otherReports: otherReports, allOthersShown: allOthersShown, rows: rows, hasRows: !rows.isEmpty, chart: chart, hasChart: chart != nil,
                  characterCount: characterCount, limit: limit)
    }
}

extension FiguresOverviewModel {
    init(chrome: PageChrome, csvURL: String, jsonURL: String, reports: [FiguresReportLink], reportNames: [String], comparisons: [ComparisonView], charts: [ChartView], figureCount: Int) {
        self.init(chrome: chrome, csvURL: csvURL, jsonURL: jsonURL, reports: reports, reportNames: reportNames, comparisons: comparisons, hasComparisons: !comparisons.isEmpty,
                  charts: charts, hasCharts: !charts.isEmpty, figureCount: figureCount)
    }
}
