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

    /// The search index of the site as files under `search/data/`, with report and heading
    /// labels as the other pages show them.
    func searchIndexFiles() -> SearchIndexFiles {
        SearchIndexFiles(
            index: index, search: SearchIndex(index: index),
            reportLabel: { $0.metadata.fullTitle },
            groupLabel: { headingPath($0) })
    }
}
