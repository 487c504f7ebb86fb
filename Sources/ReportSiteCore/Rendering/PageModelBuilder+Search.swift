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

    /// The whole search index of the site, every file under `search/data/` (each report's,
    /// the term shards and `meta.js`), composed from ``ReportSearchIndex/make(_:topicKeys:)``,
    /// ``SearchIndexFiles/reportFile(_:slug:)`` and ``SearchIndexFiles/siteFiles(reports:topics:)``
    /// as the build does. For tests, fuzzing and a renderer that writes the index in one job.
    func searchIndexFiles() -> SearchIndexFiles {
        let keys = index.catalog.keys
        let shards = Parallel.map(index.reports) { ReportSearchIndex.make($0, topicKeys: keys) }
        return SearchIndexFiles(reports: zip(index.reports, shards).map { (slug: $0.slug, label: searchLabel($0), shard: $1) }, topics: searchTopics())
    }

    /// What ``SearchIndexFiles/siteFiles(reports:topics:)`` takes for every report: its slug,
    /// its ``searchLabel(_:)`` and its index's summary, from `summaries` (one per report, in site order).
    func searchEntries(_ summaries: [ReportSearchIndex.Summary]) -> [(slug: String, label: String, summary: ReportSearchIndex.Summary)] {
        zip(index.reports, summaries).map { (slug: $0.slug, label: searchLabel($0), summary: $1) }
    }

    /// The catalog's topics as the search index lists them: key and Chinese name.
    func searchTopics() -> [(key: String, name: String)] {
        index.catalog.topics.map { (key: $0.key, name: $0.nameZh) }
    }
}
