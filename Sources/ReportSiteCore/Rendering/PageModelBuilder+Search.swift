/// The search page's model and the labels the search index shows with results.
extension PageModelBuilder {
    /// The search scripts in `Templates/assets/`, in the order they must run.
    static let searchScripts = ["search-tokenizer.js", "search-engine.js", "search.js"]

    func searchPage() -> SearchPageModel {
        let page = SitePage.search
        return SearchPageModel(
            chrome: chrome(for: page, title: "搜索"),
            scriptURLs: Self.searchScripts.map { Permalinks.link(to: .asset(path: $0), from: page) },
            metaURL: Permalinks.link(to: .searchData(name: "meta.js"), from: page),
            reports: index.reports.map { SearchFilterOption(value: $0.slug, label: shortTitle($0)) },
            topics: index.catalog.topics.map { SearchFilterOption(value: $0.key, label: $0.nameZh) })
    }

    /// The label search results give a report: its full title (`呼和浩特市 2022 政府工作报告`).
    func searchLabel(_ report: Report) -> String { report.metadata.fullTitle }

    /// What ``SearchIndexFiles/siteFiles(reports:topics:cache:)`` takes for every report: its slug,
    /// its ``searchLabel(_:)`` and its index's summary, from `summaries` (one per report, in site order).
    func searchEntries(_ summaries: [ReportSearchIndex.Summary]) -> [(slug: String, label: String, summary: ReportSearchIndex.Summary)] {
        zip(index.reports, summaries).map { (slug: $0.slug, label: searchLabel($0), summary: $1) }
    }

    /// The catalog's topics as the search index lists them: key and Chinese name.
    func searchTopics() -> [(key: String, name: String)] {
        index.catalog.topics.map { (key: $0.key, name: $0.nameZh) }
    }
}
