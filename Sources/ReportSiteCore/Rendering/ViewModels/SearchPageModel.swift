/// The view model of `search.mustache`: the search page. Results are made in the browser by
/// the scripts in `assets/` from the index under `search/data/`; the page holds the form, the
/// filters and the places the script fills.
struct SearchPageModel {
    let chrome: PageChrome
    /// The search scripts, relative to the page, in the order they must run:
    /// `assets/search-tokenizer.js`, `assets/search-engine.js`, `assets/search.js`.
    let scriptURLs: [String]
    /// `search/data/meta.js`, relative to the page.
    let metaURL: String
    /// Filter by report: value is the slug.
    let reports: [SearchFilterOption]
    /// Filter by topic: value is the topic key.
    let topics: [SearchFilterOption]
}

/// One `<option>` of a search filter.
struct SearchFilterOption {
    let value: String
    let label: String
}
