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
    /// The rows the source cell spans (`rowspan`): the figures of one passage that follow each
    /// other share one link to it (``withSharedSources(_:)``); 0 on the rows it covers, 1 alone.
    var sourceRows: Int = 1
    /// Derived for the template: the row has its source cell.
    var hasSource: Bool = true

    /// `rows` with each run of rows from one passage sharing the first row's source cell: a
    /// link per row repeated the passage's URL and label on every figure (a fifth of a figures page).
    static func withSharedSources(_ rows: [FigureRowView]) -> [FigureRowView] {
        var rows = rows
        var start = 0
        while start < rows.count {
            var end = start + 1
            while end < rows.count, rows[end].passageURL == rows[start].passageURL { end += 1 }
            rows[start].sourceRows = end - start
            for covered in (start + 1)..<end {
                rows[covered].sourceRows = 0
                rows[covered].hasSource = false
            }
            start = end
        }
        return rows
    }
}

/// The view model of `figures-overview.mustache`: the main targets of every report compared.
struct FiguresOverviewModel {
    let chrome: PageChrome
    /// The site-wide data: every figure (`figures.csv`) and the reports it joins on (`reports.csv`).
    let csvURL: String
    let reportsCSVURL: String
    let reports: [FiguresReportLink]
    /// Every indicator compared across reports, each with its own page.
    let indicators: [IndicatorLink]
    let hasIndicators: Bool
    let figureCount: Int
}

struct FiguresReportLink {
    let title: String
    let url: String
    let count: Int
    let targetCount: Int
}

/// An indicator on the figures overview: its name and how many reports set a target for it.
struct IndicatorLink {
    let name: String
    let measure: String
    let url: String
    let reportCount: Int
}

/// The view model of `figures-indicator.mustache`: one indicator's main targets in the reports
/// that have it (a row each, latest year first), with a chart of the latest ones.
struct FiguresIndicatorModel {
    let chrome: PageChrome
    let name: String
    let measure: String
    let overviewURL: String
    let rows: [IndicatorRow]
    let reportCount: Int
    let chart: ChartView?
    let hasChart: Bool
    /// How many reports the chart shows (the latest), when fewer than have the indicator.
    let chartNote: String
}

/// One report's target for one indicator.
struct IndicatorRow {
    let report: String
    let reportURL: String
    /// `2025`, or `—` when not known.
    let year: String
    let levelLabel: String
    let target: String
    let targetURL: String
    let result: String
    let hasResult: Bool
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
    init(chrome: PageChrome, csvURL: String, reportsCSVURL: String, reports: [FiguresReportLink], indicators: [IndicatorLink], figureCount: Int) {
        self.init(chrome: chrome, csvURL: csvURL, reportsCSVURL: reportsCSVURL, reports: reports, indicators: indicators,
                  hasIndicators: !indicators.isEmpty, figureCount: figureCount)
    }
}

extension FiguresIndicatorModel {
    init(chrome: PageChrome, name: String, measure: String, overviewURL: String, rows: [IndicatorRow], chart: ChartView?, chartNote: String) {
        self.init(chrome: chrome, name: name, measure: measure, overviewURL: overviewURL, rows: rows, reportCount: rows.count,
                  chart: chart, hasChart: chart != nil, chartNote: chartNote)
    }
}
