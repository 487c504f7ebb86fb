import Foundation

/// Which pages the paginated lists have: a topic's index and the topics overview list
/// ``Pagination/pageSize`` reports a page (`topics/ecology/index.html`, `index-2.html`, …).
struct TopicPagination {
    let index: SiteIndex

    /// The reports with passages on `key`, most passages first, ties in site order.
    func rankedReports(_ key: String) -> [Int] {
        let counts = index.reportCounts[key] ?? []
        return counts.indices.filter { counts[$0] > 0 }.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
    }

    /// Pages of a topic's index (at least one, even when no report has the topic).
    func indexPageCount(_ key: String) -> Int {
        Self.pageCount(rows: (index.reportCounts[key] ?? []).filter { $0 > 0 }.count)
    }

    /// Pages of the topics overview.
    var overviewPageCount: Int { Self.pageCount(rows: index.reports.count) }

    static func pageCount(rows: Int) -> Int { max(1, (rows + Pagination.pageSize - 1) / Pagination.pageSize) }

    /// Page `number` (from 1) of a topic's index.
    static func indexPage(_ key: String, _ number: Int) -> SitePage {
        number <= 1 ? .topic(key: key) : .topicPage(key: key, number: number)
    }

    /// Page `number` (from 1) of the topics overview.
    static func overviewPage(_ number: Int) -> SitePage {
        number <= 1 ? .topicsIndex : .topicsIndexPage(number: number)
    }

    /// The links between the `count` pages of a list, seen from page `number`; `pageOf` names
    /// each page.
    static func pagination(number: Int, count: Int, rows: Int, from page: SitePage, pageOf: (Int) -> SitePage) -> Pagination {
        let first = (number - 1) * Pagination.pageSize + 1
        let last = min(rows, number * Pagination.pageSize)
        func url(_ n: Int) -> String { Permalinks.link(to: pageOf(n), from: page) }
        return Pagination(
            hasPages: count > 1,
            pages: (1...count).map { PageLink(number: $0, url: url($0), current: $0 == number) },
            previousURL: number > 1 ? url(number - 1) : "", hasPrevious: number > 1,
            nextURL: number < count ? url(number + 1) : "", hasNext: number < count,
            summary: rows == 0 ? "" : "第 \(first)–\(last) 项，共 \(rows) 项")
    }
}

/// View models of the topic pages: a topic's index, a report's page for a topic, the overview.
extension PageModelBuilder {
    // MARK: - A topic's index

    func topicHeader(_ topic: TopicDefinition) -> TopicHeader {
        TopicHeader(key: topic.key, nameZh: topic.nameZh, nameEn: topic.nameEn, description: topic.description)
    }

    /// Page `number` (from 1) of a topic's index.
    func topicIndexPage(_ topic: TopicDefinition, page number: Int) -> TopicIndexModel {
        let pagination = TopicPagination(index: index)
        let page = TopicPagination.indexPage(topic.key, number)
        let ranked = pagination.rankedReports(topic.key)
        let counts = index.reportCounts[topic.key] ?? []
        let sections = index.reportSectionCounts[topic.key] ?? []
        let start = (number - 1) * Pagination.pageSize
        let rows = ranked.dropFirst(start).prefix(Pagination.pageSize).enumerated().map { offset, r -> TopicReportRow in
            let report = index.reports[r]
            let total = max(1, report.allPassageCount)
            return TopicReportRow(
                rank: start + offset + 1, title: report.metadata.fullTitle,
                url: Permalinks.link(to: .topicReport(key: topic.key, slug: report.slug), from: page),
                reportURL: Permalinks.link(to: .report(slug: report.slug), from: page),
                year: report.metadata.yearText, levelLabel: report.metadata.level.label, count: counts[r], sectionCount: sections[r],
                share: "\(Int((Double(counts[r]) * 100 / Double(total)).rounded()))%")
        }
        var years: [Int: (reports: Int, passages: Int)] = [:]
        for r in ranked { years[index.reports[r].metadata.year, default: (0, 0)].reports += 1; years[index.reports[r].metadata.year]?.passages += counts[r] }
        return TopicIndexModel(
            chrome: chrome(for: page, title: "\(topic.nameZh)（\(topic.nameEn)）" + (number > 1 ? " · 第 \(number) 页" : "")),
            topic: topicHeader(topic),
            passageCount: index.passagesByTopic[topic.key]?.count ?? 0, reportCount: ranked.count, sectionCount: sections.reduce(0, +),
            cooccurring: (index.cooccurring[topic.key] ?? []).compactMap { topicCount($0.key, count: $0.count, from: page) },
            keywords: (index.keywords[topic.key] ?? []).map { KeywordCount(term: $0.term, count: $0.count) },
            years: years.keys.sorted(by: >).map { YearCount(label: ReportMetadata.yearHeading($0), reportCount: years[$0]?.reports ?? 0, passageCount: years[$0]?.passages ?? 0) },
            rows: Array(rows),
            pagination: TopicPagination.pagination(
                number: number, count: pagination.indexPageCount(topic.key), rows: ranked.count, from: page,
                pageOf: { TopicPagination.indexPage(topic.key, $0) }))
    }

    // MARK: - A report's page for a topic

    /// One report's passages on `topic`, grouped by section, with their figures.
    func topicReportPage(_ topic: TopicDefinition, reportIndex r: Int) -> TopicReportPageModel {
        let report = index.reports[r]
        let page = SitePage.topicReport(key: topic.key, slug: report.slug)
        let first = index.firstEntry[r]
        let entryIndices = (first..<(first + report.allPassageCount)).filter { index.passage(at: $0).topics.contains(topic.key) }
        var sections: [TopicSectionGroup] = []
        var currentKey: GroupKey?
        var pending: [TopicEntry] = []
        var pendingHead: (id: String, heading: String, url: String)?
        func flush() {
            if let head = pendingHead { sections.append(TopicSectionGroup(id: head.id, heading: head.heading, url: head.url, entries: pending)) }
            pending = []
        }
        for entryIndex in entryIndices {
            let entry = index.entries[entryIndex]
            let key = SiteIndex.group(of: entry)
            if key != currentKey {
                flush()
                currentKey = key
                let anchor = groupAnchor(entry)
                pendingHead = (
                    anchor.map(Permalinks.topicEntryID(anchor:)) ?? Permalinks.topicIntroID, headingPath(entry),
                    Permalinks.link(to: .report(slug: report.slug), from: page, fragment: anchor))
            }
            let passage = index.passage(entry)
            let matches = passage.matches[topic.key] ?? []
            let excerpt = excerpt(passage, matches: matches)
            pending.append(TopicEntry(
                id: Permalinks.topicEntryID(anchor: passage.anchor),
                url: Permalinks.link(to: .report(slug: report.slug), from: page, fragment: passage.anchor),
                leadApart: excerptSkipsLead(passage, excerpt: excerpt) ? passage.leadSentence : nil,
                excerptHTML: Self.html(excerpt),
                otherTopics: passage.topics.filter { $0 != topic.key }.compactMap { key in
                    index.catalog.topic(key).map {
                        TopicBadge(
                            key: key, name: $0.nameZh,
                            url: Permalinks.link(to: .topicReport(key: key, slug: report.slug), from: page, fragment: Permalinks.topicEntryID(anchor: passage.anchor)),
                            title: $0.nameEn)
                    }
                },
                byAnnotation: matches.reduce(0) { $0 + $1.weight } < Classifier.threshold,
                figures: (figures.mentionsByEntry[entryIndex] ?? []).map { member in
                    let figure = figures.mentions[member].figure
                    return EntryFigure(
                        indicator: figure.indicatorLabel, display: figure.displayWithDirection,
                        kind: figure.kind == .achievement ? nil : figure.kind.label)
                }))
        }
        flush()
        return TopicReportPageModel(
            chrome: chrome(for: page, title: "\(topic.nameZh) · \(report.metadata.fullTitle)"),
            topic: topicHeader(topic), reportTitle: report.metadata.fullTitle,
            reportURL: Permalinks.link(to: .report(slug: report.slug), from: page),
            topicURL: Permalinks.link(to: .topic(key: topic.key), from: page),
            count: entryIndices.count, sectionCount: sections.count, sections: sections,
            otherTopics: index.catalog.keys.filter { $0 != topic.key }.compactMap { key in
                let count = index.count(of: key, inReport: r)
                return count > 0 ? topicCount(key, count: count, from: page, target: .topicReport(key: key, slug: report.slug)) : nil
            },
            figuresURL: Permalinks.link(to: .reportFigures(slug: report.slug), from: page))
    }

    // MARK: - Topics overview

    /// Page `number` (from 1) of the heat map: reports (rows) against topics (columns).
    func topicsOverview(page number: Int) -> TopicsOverviewModel {
        let page = TopicPagination.overviewPage(number)
        let catalog = index.catalog
        let maximum = max(1, catalog.keys.compactMap { index.reportCounts[$0]?.max() }.max() ?? 1)
        let topics = catalog.topics.map { topic in
            OverviewTopicColumn(
                name: topic.nameZh, nameEn: topic.nameEn, url: Permalinks.link(to: .topic(key: topic.key), from: page),
                total: index.passagesByTopic[topic.key]?.count ?? 0)
        }
        let start = (number - 1) * Pagination.pageSize
        let rows = index.reports.indices.dropFirst(start).prefix(Pagination.pageSize).map { r -> OverviewReportRow in
            let report = index.reports[r]
            let cells = catalog.topics.map { topic -> HeatCell in
                let count = index.count(of: topic.key, inReport: r)
                return HeatCell(
                    count: count, level: count == 0 ? 0 : 1 + min(4, (count * 4) / maximum),
                    cellURL: count == 0 ? "" : Permalinks.link(to: .topicReport(key: topic.key, slug: report.slug), from: page),
                    hasPassages: count > 0, label: "\(topic.nameZh) · \(shortTitle(report))：\(count) 段")
            }
            return OverviewReportRow(
                reportTitle: shortTitle(report), reportURL: Permalinks.link(to: .report(slug: report.slug), from: page),
                levelLabel: report.metadata.level.label, cells: cells, rowTotal: cells.reduce(0) { $0 + $1.count })
        }
        let count = TopicPagination(index: index).overviewPageCount
        return TopicsOverviewModel(
            chrome: chrome(for: page, title: "主题总览" + (number > 1 ? " · 第 \(number) 页" : "")), topics: topics, rows: Array(rows),
            pagination: TopicPagination.pagination(number: number, count: count, rows: index.reports.count, from: page, pageOf: TopicPagination.overviewPage))
    }

    // MARK: - Home

    /// The home page: reports by year (latest first), then level (national, province, city),
    /// then site order.
    func homePage() -> HomePageModel {
        let page = SitePage.home
        let levelOrder: [GovernmentLevel] = [.national, .province, .city]
        var byYear: [Int: [Int]] = [:]
        for (r, report) in index.reports.enumerated() { byYear[report.metadata.year, default: []].append(r) }
        let years = byYear.keys.sorted(by: >).map { year -> HomeYearGroup in
            let members = (byYear[year] ?? []).sorted { a, b in
                let la = levelOrder.firstIndex(of: index.reports[a].metadata.level) ?? 0
                let lb = levelOrder.firstIndex(of: index.reports[b].metadata.level) ?? 0
                return la != lb ? la < lb : a < b
            }
            return HomeYearGroup(
                label: ReportMetadata.yearHeading(year), id: year > 0 ? "year-\(year)" : "year-unknown", count: members.count, reports: members.map { r in
                let report = index.reports[r]
                let top = index.catalog.keys.map { ($0, index.count(of: $0, inReport: r)) }.filter { $0.1 > 0 }
                    .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : index.catalog.order(of: $0.0) < index.catalog.order(of: $1.0) }
                return HomeReportRow(
                    title: report.metadata.fullTitle, url: Permalinks.link(to: .report(slug: report.slug), from: page),
                    place: report.metadata.place, levelKey: report.metadata.level.rawValue, levelLabel: report.metadata.level.label,
                    dateline: report.metadata.dateline, passageCount: report.allPassageCount,
                    topTopics: top.prefix(3).compactMap { index.catalog.topic($0.0)?.nameZh }.joined(separator: "、"))
            })
        }
        let levels = levelOrder.compactMap { level -> LevelOption? in
            let count = index.reports.filter { $0.metadata.level == level }.count
            return count > 0 ? LevelOption(key: level.rawValue, label: level.label, count: count) : nil
        }
        return HomePageModel(
            chrome: chrome(for: page, title: nil), siteTitle: index.site.title, siteDescription: index.site.description,
            years: years, levels: levels,
            topics: index.catalog.keys.compactMap { topicCount($0, count: index.passagesByTopic[$0]?.count ?? 0, from: page) },
            passageCount: index.entries.count, reportCount: index.reports.count,
            topicsURL: Permalinks.link(to: .topicsIndex, from: page),
            filterScriptURL: Permalinks.link(to: .asset(path: "list-filter.js"), from: page))
    }
}
