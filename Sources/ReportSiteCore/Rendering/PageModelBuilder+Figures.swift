/// View models of the figures pages (per report and site-wide) and of the figures on topic pages.
extension PageModelBuilder {
    /// Rows of the word-frequency table, and bars of its chart.
    static let wordTableLimit = WordFrequency.tableLimit
    static let wordChartLimit = 20
    /// At most this many other reports get a rank column in the word table (one column per
    /// report would make each page grow with the site, and the site with its square); beyond
    /// it, the reports of the nearest years are shown, and a column counts all the others.
    static let wordRankColumnLimit = 9
    /// Largest achievements: charts for this many units, this many bars each.
    static let largestUnitCharts = 3
    static let largestBars = 6
    /// Indicators compared across reports in charts on the overview.
    static let comparisonCharts = 4

    // MARK: - Report figures page

    func figuresPage(_ reportIndex: Int) -> FiguresPageModel {
        let report = index.reports[reportIndex]
        let page = SitePage.reportFigures(slug: report.slug)
        let members = Array(figures.mentionsByReport[reportIndex])
        let year = report.metadata.year

        let headline = figures.headlines[reportIndex].map { row -> HeadlineRowView in
            let target = figures.mentions[row.target]
            let results = row.results.map { figures.mentions[$0] }
            let resultDisplay = Self.resultsText(results.map(\.figure))
            return HeadlineRowView(
                indicator: target.figure.indicator, targetDisplay: target.figure.value == nil ? "（定性目标）" : target.figure.signedDisplay,
                targetURL: passageURL(target, from: page), resultDisplay: resultDisplay,
                resultURL: results.first.map { passageURL($0, from: page) } ?? "", hasResult: !results.isEmpty,
                isQualitative: target.figure.value == nil)
        }

        var charts: [ChartView] = []
        if let chart = targetsChart(reportIndex, year: year) { charts.append(chart) }
        charts += largestAchievementCharts(members, idPrefix: "largest")

        var counts: [FigureKind: Int] = [:]
        for member in members { counts[figures.mentions[member].figure.kind, default: 0] += 1 }
        let summary = "共 \(members.count) 个数字：" + FigureKind.allCases.compactMap { kind in
            counts[kind].map { "\(kind.label) \($0)" }
        }.joined(separator: " · ")

        return FiguresPageModel(
            chrome: chrome(for: page, title: "\(report.metadata.fullTitle) · 数字与词频"),
            reportTitle: report.metadata.fullTitle, reportURL: Permalinks.link(to: .report(slug: report.slug), from: page),
            overviewURL: Permalinks.link(to: .figuresOverview, from: page),
            csvURL: Permalinks.link(to: .figuresData(slug: report.slug, format: "csv"), from: page),
            jsonURL: Permalinks.link(to: .figuresData(slug: report.slug, format: "json"), from: page),
            summary: summary, headline: headline, charts: charts, words: wordsView(reportIndex, from: page),
            parts: figureGroups(members, report: report, from: page))
    }

    /// Targets against last year's results, for the headline rows in per cent.
    func targetsChart(_ reportIndex: Int, year: Int) -> ChartView? {
        var rows: [SVGBarChart.Row] = []
        for row in figures.headlines[reportIndex] {
            let target = figures.mentions[row.target].figure
            guard target.value != nil, target.baseUnit == "%" else { continue }
            let targetValue = SVGBarChart.Value(value: FigureIndex.chartValue(target), label: target.signedDisplay)
            if row.results.count > 1 {
                for result in row.results.map({ figures.mentions[$0].figure }) {
                    rows.append(SVGBarChart.Row(label: result.indicator, values: [SVGBarChart.Value(value: FigureIndex.chartValue(result), label: result.signedDisplay), targetValue]))
                }
            } else {
                let result = row.results.first.map { figures.mentions[$0].figure }
                rows.append(SVGBarChart.Row(
                    label: target.labelledIndicator,
                    values: [result.map { SVGBarChart.Value(value: FigureIndex.chartValue($0), label: $0.signedDisplay) }, targetValue]))
            }
        }
        guard !rows.isEmpty else { return nil }
        // A report whose year is not known says 今年 and 上年, never `0年` and `-1年`.
        let thisYear = year > 0 ? "\(year)年" : "今年", lastYear = year > 0 ? "\(year - 1)年" : "上年"
        let chart = SVGBarChart(
            id: "chart-targets", title: "\(thisYear)主要预期目标与\(lastYear)实绩",
            description: "每个指标两条横条：上面是\(lastYear)实绩，下面是\(thisYear)目标（百分比）。",
            series: ["\(lastYear)实绩", "\(thisYear)目标"], rows: rows)
        return ChartView(id: chart.id, title: chart.title, caption: chart.description, svg: chart.svg())
    }

    /// The largest achievements in the units with the most achievements (亿元, 万亩 …).
    func largestAchievementCharts(_ members: [Int], idPrefix: String) -> [ChartView] {
        var byUnit: [String: [ExtractedFigure]] = [:]
        var order: [String] = []
        for member in members {
            let figure = figures.mentions[member].figure
            guard figure.kind == .achievement, figure.measure == .level, figure.value != nil,
                  !figure.baseUnit.isEmpty, !["%", "‰", "位", "名"].contains(figure.baseUnit) else { continue }
            if byUnit[figure.baseUnit] == nil { order.append(figure.baseUnit) }
            byUnit[figure.baseUnit, default: []].append(figure)
        }
        let units = order.filter { (byUnit[$0]?.count ?? 0) >= 3 }
            .sorted { (byUnit[$0]?.count ?? 0) != (byUnit[$1]?.count ?? 0) ? (byUnit[$0]?.count ?? 0) > (byUnit[$1]?.count ?? 0) : order.firstIndex(of: $0) ?? 0 < order.firstIndex(of: $1) ?? 0 }
            .prefix(Self.largestUnitCharts)
        return units.enumerated().map { position, unit in
            var seen = Set<String>()
            let top = (byUnit[unit] ?? []).enumerated()
                .sorted { FigureIndex.chartValue($0.element) != FigureIndex.chartValue($1.element) ? FigureIndex.chartValue($0.element) > FigureIndex.chartValue($1.element) : $0.offset < $1.offset }
                .map(\.element)
                .filter { seen.insert($0.indicator + "|" + ($0.scaledValue ?? "")).inserted }
                .prefix(Self.largestBars)
            let written = mostCommonUnit(byUnit[unit] ?? [])
            let chart = SVGBarChart(
                id: "\(idPrefix)-\(position + 1)", title: "实绩最大的数字：以“\(written)”计",
                description: "单位为\(written)（及同一单位的其他数量级）的实绩中最大的\(top.count)个，按数值排列。",
                series: ["实绩"], rows: top.map { SVGBarChart.Row(label: $0.indicatorLabel, values: [SVGBarChart.Value(value: FigureIndex.chartValue($0), label: $0.signedDisplay)]) })
            return ChartView(id: chart.id, title: chart.title, caption: chart.description, svg: chart.svg())
        }
    }

    func mostCommonUnit(_ figures: [ExtractedFigure]) -> String {
        var counts: [String: Int] = [:]
        for figure in figures { counts[figure.unit, default: 0] += 1 }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.first?.key ?? ""
    }

    /// The word-frequency table and chart of a report, with each word's rank in the others.
    func wordsView(_ reportIndex: Int, from page: SitePage) -> WordsView {
        let ranking = figures.words[reportIndex]
        let others = comparedReports(reportIndex)
        let otherCount = index.reports.count - 1
        let rows = ranking.entries.prefix(Self.wordTableLimit).map { entry in
            let elsewhere = (figures.wordReportCounts[ByteKey(entry.term)] ?? 1) - 1
            return WordRowView(
                rank: entry.rank, term: entry.term, count: entry.count,
                perTenThousand: SVGBarChart.number(Double(entry.count) * 10_000 / Double(max(1, ranking.characterCount))),
                elsewhere: "\(elsewhere)/\(otherCount)",
                otherRanks: others.map { other in
                    let rank = figures.words[other].ranks[ByteKey(entry.term)]
                    return RankCell(text: rank.map(String.init) ?? "—", title: "\(shortTitle(index.reports[other]))：" + (rank.map { "第 \($0) 位" } ?? "未出现"))
                })
        }
        var chart: ChartView?
        if !rows.isEmpty {
            let bars = ranking.entries.prefix(Self.wordChartLimit)
            let svg = SVGBarChart(
                id: "chart-words", title: "\(shortTitle(index.reports[reportIndex])) 出现最多的词",
                description: "去掉通用动词等停用词后出现次数最多的\(bars.count)个词，按次数排列。",
                series: ["出现次数"], rows: bars.map { SVGBarChart.Row(label: $0.term, values: [SVGBarChart.Value(value: Double($0.count), label: String($0.count))]) })
            chart = ChartView(id: svg.id, title: svg.title, caption: svg.description, svg: svg.svg())
        }
        return WordsView(
            otherReports: others.map { shortTitle(index.reports[$0]) },
            allOthersShown: others.count == otherCount, rows: Array(rows), chart: chart,
            characterCount: ranking.characterCount, limit: Self.wordTableLimit)
    }

    /// The other reports given a rank column on a report's word table: its neighbours
    /// (``SiteIndex/neighbours``), in site order.
    func comparedReports(_ reportIndex: Int) -> [Int] {
        index.neighbours[reportIndex]
    }

    /// The figures of `members`, grouped by part and section in document order.
    func figureGroups(_ members: [Int], report: Report, from page: SitePage) -> [FigureGroupView] {
        var groups: [FigureGroupView] = []
        var currentPart: Int?? = .none
        var currentSection: Int?? = .none
        for member in members {
            let mention = figures.mentions[member]
            let entry = index.entries[mention.entry]
            if currentPart != .some(entry.partIndex) {
                currentPart = .some(entry.partIndex)
                currentSection = .none
                let part = entry.partIndex.map { report.parts[$0] }
                groups.append(FigureGroupView(
                    id: "figures-part-\(entry.partIndex.map { $0 + 1 } ?? 0)", title: part?.heading.text ?? "开篇",
                    url: Permalinks.link(to: .report(slug: report.slug), from: page, fragment: part?.heading.anchor),
                    sections: []))
            }
            if currentSection != .some(entry.sectionIndex) {
                currentSection = .some(entry.sectionIndex)
                let heading = entry.sectionIndex.flatMap { s in entry.partIndex.map { report.parts[$0].sections[s].heading } }
                let last = groups.count - 1
                groups[last] = FigureGroupView(
                    id: groups[last].id, title: groups[last].title, url: groups[last].url,
                    sections: groups[last].sections + [FigureSectionView(
                        title: heading?.text ?? "",
                        url: heading.map { Permalinks.link(to: .report(slug: report.slug), from: page, fragment: $0.anchor) } ?? "", rows: [])])
            }
            let last = groups.count - 1
            var sections = groups[last].sections
            let s = sections.count - 1
            sections[s] = FigureSectionView(title: sections[s].title, url: sections[s].url, rows: sections[s].rows + [figureRow(mention, from: page)])
            groups[last] = FigureGroupView(id: groups[last].id, title: groups[last].title, url: groups[last].url, sections: sections)
        }
        return groups.map { group in
            FigureGroupView(
                id: group.id, title: group.title, url: group.url,
                sections: group.sections.map { FigureSectionView(title: $0.title, url: $0.url, rows: FigureRowView.withSharedSources($0.rows)) })
        }
    }

    func figureRow(_ mention: FigureMention, from page: SitePage) -> FigureRowView {
        let figure = mention.figure
        let entry = index.entries[mention.entry]
        var measure = figure.measure.label
        if !figure.direction.isEmpty, figure.measure != .qualitative { measure += "（\(figure.direction)）" }
        return FigureRowView(
            indicator: figure.indicatorLabel, display: figure.display, measure: measure,
            kind: figure.kind.label, kindKey: figure.kind.rawValue.replacingOccurrences(of: " ", with: "-"), period: figure.period,
            passageURL: passageURL(mention, from: page), passageLabel: shortLabel(index.passage(entry)), isMainTarget: figure.isMainTarget)
    }

    /// The passage's lead sentence or its first 24 characters or so, for a tooltip: cut as
    /// ``label(_:length:)`` cuts, at a clause boundary or outside any figure (a plain cut after
    /// 24 characters showed `城镇新增就业75.9…` for 75.95万人).
    func shortLabel(_ passage: Passage) -> String { label(passage, length: 24) }

    func passageURL(_ mention: FigureMention, from page: SitePage) -> String {
        let entry = index.entries[mention.entry]
        return Permalinks.link(to: .report(slug: index.reports[entry.reportIndex].slug), from: page, fragment: index.passage(entry).anchor)
    }

    // MARK: - Site-wide figures pages

    /// Reports shown in an indicator's chart at most (the latest years).
    static let indicatorChartLimit = 30

    func figuresOverview() -> FiguresOverviewModel {
        let page = SitePage.figuresOverview
        let unitsByName = Dictionary(grouping: figures.comparisons, by: { "\($0.name)|\($0.measure.rawValue)" }).mapValues { Set($0.map(\.unit)).count }
        let indicators = figures.comparisons.map { comparison in
            IndicatorLink(
                name: comparison.name,
                measure: Self.comparisonMeasure(comparison, showUnit: unitsByName["\(comparison.name)|\(comparison.measure.rawValue)", default: 1] > 1),
                url: Permalinks.link(to: .figuresIndicator(id: comparison.pageID), from: page), reportCount: comparison.rows.count)
        }
        return FiguresOverviewModel(
            chrome: chrome(for: page, title: "数字"),
            csvURL: Permalinks.link(to: .figuresData(slug: nil, format: "csv"), from: page),
            reportsCSVURL: Permalinks.link(to: .figuresReports, from: page),
            reports: index.reports.enumerated().map { reportIndex, report in
                FiguresReportLink(
                    title: report.metadata.fullTitle, url: Permalinks.link(to: .reportFigures(slug: report.slug), from: page),
                    count: figures.mentionsByReport[reportIndex].count,
                    targetCount: figures.headlines[reportIndex].count)
            },
            indicators: indicators, figureCount: figures.mentions.count)
    }

    /// One indicator's page: the reports that set a target for it, latest year first (then site
    /// order), and a chart of the latest ``indicatorChartLimit`` of them.
    func figuresIndicatorPage(_ comparison: IndicatorComparison) -> FiguresIndicatorModel {
        let page = SitePage.figuresIndicator(id: comparison.pageID)
        let ordered = comparison.rows.enumerated().sorted { a, b in
            let ya = index.reports[a.element.reportIndex].metadata.year, yb = index.reports[b.element.reportIndex].metadata.year
            return ya != yb ? ya > yb : a.offset < b.offset
        }.map(\.element)
        let rows = ordered.map { item -> IndicatorRow in
            let report = index.reports[item.reportIndex]
            let target = figures.mentions[item.row.target]
            return IndicatorRow(
                report: report.metadata.fullTitle, reportURL: Permalinks.link(to: .reportFigures(slug: report.slug), from: page),
                year: report.metadata.yearText, levelLabel: report.metadata.level.label,
                target: target.figure.signedDisplay, targetURL: passageURL(target, from: page),
                result: Self.resultsText(item.row.results.map { figures.mentions[$0].figure }), hasResult: !item.row.results.isEmpty)
        }
        var chart: ChartView?
        let shown = ordered.prefix(Self.indicatorChartLimit)
        if comparison.unit == "%", shown.count >= 2 {
            let bars = shown.map { item -> SVGBarChart.Row in
                let target = figures.mentions[item.row.target].figure
                let result = item.row.results.first.map { figures.mentions[$0].figure }
                return SVGBarChart.Row(
                    label: shortTitle(index.reports[item.reportIndex]),
                    values: [result.map { SVGBarChart.Value(value: FigureIndex.chartValue($0), label: $0.signedDisplay) },
                             SVGBarChart.Value(value: FigureIndex.chartValue(target), label: target.signedDisplay)])
            }
            let svg = SVGBarChart(
                id: "chart-indicator", title: "\(comparison.labelledName)：各报告的目标",
                description: "每份报告两条横条：上面是报告上一年的实绩（报告中有时），下面是报告当年的目标。",
                series: ["上年实绩", "当年目标"], rows: bars)
            chart = ChartView(id: svg.id, title: svg.title, caption: svg.description, svg: svg.svg())
        }
        let note = ordered.count > shown.count ? "图中是年份最近的 \(shown.count) 份报告；表中是全部 \(ordered.count) 份。" : ""
        return FiguresIndicatorModel(
            chrome: chrome(for: page, title: "\(comparison.labelledName) · 数字"), name: comparison.name,
            measure: Self.comparisonMeasure(comparison, showUnit: false),
            overviewURL: Permalinks.link(to: .figuresOverview, from: page), rows: rows, chart: chart, chartNote: note)
    }

    /// Last year's result(s) of a target as shown: one as written (`6.5%`); a 城乡 pair with
    /// the first two characters of each indicator (`城镇 6.5% · 农村 9.5%`), so the reader knows
    /// which is which.
    static func resultsText(_ results: [ExtractedFigure]) -> String {
        results.count > 1
            ? results.map { "\($0.indicator.prefix(2)) \($0.signedDisplay)" }.joined(separator: " · ")
            : results.first?.signedDisplay ?? ""
    }

    /// The measure shown after an indicator's name on the overview: `增速`, `降幅` for a
    /// decline, and the unit when `showUnit` (another comparison has the same name and measure in
    /// another unit: 粮食产量 in 斤 and in 吨 are not comparable, so they are two rows).
    static func comparisonMeasure(_ comparison: IndicatorComparison, showUnit: Bool) -> String {
        let measure = comparison.declines ? "降幅" : comparison.measure.label
        return showUnit ? "\(measure) · 以\(comparison.unit)计" : measure
    }

}
