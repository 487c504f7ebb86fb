/// A page or file of the built site.
public enum SitePage: Hashable, Sendable {
    case home
    case report(slug: String)
    case topicsIndex
    case topic(key: String)
    /// The search page (`search/index.html`); the query is in `?q=`.
    case search
    /// A generated file of the search index, loaded by the search page as a classic script
    /// (`search/data/meta.js`, `search/data/terms-3.js`).
    case searchData(name: String)
    /// A file copied from `Templates/assets/` (`style.css`).
    case asset(path: String)
    /// A report's figures and word frequencies (`reports/hohhot-2022/figures/index.html`).
    case reportFigures(slug: String)
    /// The figures of every report compared (`figures/index.html`).
    case figuresOverview
    /// Figures as data, `csv` or `json`: one report's (`reports/<slug>/figures/figures.csv`) or
    /// the whole site's (`figures/figures.csv`) when `slug` is `nil`.
    case figuresData(slug: String?, format: String)

    /// The file path inside the output directory (`reports/hohhot-2022/index.html`).
    ///
    /// Pages are folders with an `index.html`, so published URLs are clean (`/reports/x/`),
    /// while links name the file, which is what browsing from disk (file://) needs.
    public var outputPath: String {
        switch self {
        case .home: return "index.html"
        case .report(let slug): return "reports/\(slug)/index.html"
        case .topicsIndex: return "topics/index.html"
        case .topic(let key): return "topics/\(key)/index.html"
        case .search: return "search/index.html"
        case .searchData(let name): return "search/data/\(name)"
        case .asset(let path): return "assets/\(path)"
        case .reportFigures(let slug): return "reports/\(slug)/figures/index.html"
        case .figuresOverview: return "figures/index.html"
        case .figuresData(let slug?, let format): return "reports/\(slug)/figures/figures.\(format)"
        case .figuresData(nil, let format): return "figures/figures.\(format)"
        }
    }

    /// Number of folders between the output root and this file.
    var depth: Int { outputPath.split(separator: "/").count - 1 }
}

/// Permalinks and relative links, computed in this one place for every page, link and check.
///
/// Every internal link is relative and names a file (`../../topics/ecology/index.html#…`), so
/// the site works from `file://` at any folder depth and from any sub-path of any host.
public enum Permalinks {
    /// The relative URL from `page` to `target`, with an optional fragment (an anchor).
    public static func link(to target: SitePage, from page: SitePage, fragment: String? = nil) -> String {
        let url = root(from: page) + target.outputPath
        guard let fragment, !fragment.isEmpty else { return url }
        return url + "#" + fragment
    }

    /// A fragment-only link to an anchor on the same page.
    public static func fragment(_ anchor: String) -> String { "#" + anchor }

    /// The relative path from `page` to the output root: `""` or `../../`.
    public static func root(from page: SitePage) -> String {
        String(repeating: "../", count: page.depth)
    }

    /// The absolute URL of `page` under a base URL (ending in `/`), for canonical links;
    /// `index.html` is dropped so the URL is the folder's.
    public static func absolute(_ page: SitePage, baseURL: String) -> String {
        let path = page.outputPath
        return baseURL + (path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path)
    }

    /// The id of a passage's entry on a topic page: `<report slug>--<passage anchor>`.
    public static func topicEntryID(reportSlug: String, anchor: String) -> String { "\(reportSlug)--\(anchor)" }

    /// The id of a report's group on a topic page: the report slug.
    public static func topicReportGroupID(reportSlug: String) -> String { reportSlug }
}
