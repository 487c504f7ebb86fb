import Foundation

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
    /// The page a web host shows for a missing path (`404.html`), at any depth: see
    /// ``Permalinks/root(from:baseURL:)``.
    case notFound
    /// `sitemap.xml`, written when the site has a base URL.
    case sitemap
    /// `robots.txt`.
    case robots
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
        case .notFound: return "404.html"
        case .sitemap: return "sitemap.xml"
        case .robots: return "robots.txt"
        case .reportFigures(let slug): return "reports/\(slug)/figures/index.html"
        case .figuresOverview: return "figures/index.html"
        case .figuresData(let slug?, let format): return "reports/\(slug)/figures/figures.\(format)"
        case .figuresData(nil, let format): return "figures/figures.\(format)"
        }
    }

    /// The HTML pages of a site with these reports and topics (the sitemap's list): home, each
    /// report, the topics overview, each topic, search, each report's figures, the figures overview.
    static func pages(reportSlugs: [String], topicKeys: [String]) -> [SitePage] {
        [.home] + reportSlugs.map { .report(slug: $0) } + [.topicsIndex] + topicKeys.map { .topic(key: $0) } + [.search]
            + reportSlugs.map { .reportFigures(slug: $0) } + [.figuresOverview]
    }

    /// The figures data files (`figures.csv`, `figures.json`) of each report and of the site,
    /// which Markdown may link to like pages.
    static func figureDataFiles(reportSlugs: [String]) -> [SitePage] {
        ([nil] + reportSlugs.map { Optional($0) }).flatMap { slug in
            FigureExport.formats.map { SitePage.figuresData(slug: slug, format: $0) }
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
        link(toPath: target.outputPath, from: page, fragment: fragment)
    }

    /// The relative URL from `page` to the file at `path` in the output directory (a page, an
    /// asset, or a path with a query such as `search/index.html?q=生态`), with an optional fragment.
    public static func link(toPath path: String, from page: SitePage, fragment: String? = nil) -> String {
        let url = root(from: page) + path
        guard let fragment, !fragment.isEmpty else { return url }
        return url + "#" + fragment
    }

    /// A fragment-only link to an anchor on the same page.
    public static func fragment(_ anchor: String) -> String { "#" + anchor }

    /// The relative path from `page` to the output root: `""` or `../../`.
    public static func root(from page: SitePage) -> String {
        String(repeating: "../", count: page.depth)
    }

    /// The root for the links of `page`, given the site's base URL.
    ///
    /// Every page but one links relatively (`""`, `../../`). The 404 page is shown by a host for
    /// any missing path, at any depth, so no relative link would hold: with a base URL its links
    /// are absolute (`https://example.org/reports/…`), without one they start at the host's root
    /// (`/…`, the stylesheet too), which is right when the site is published at the root of its host
    /// (set `base_url` for a sub-path). Opened from disk the 404 page is never shown.
    public static func root(from page: SitePage, baseURL: String?) -> String {
        page == .notFound ? (baseURL ?? "/") : root(from: page)
    }

    /// The link from `page` to `target` with the root of ``root(from:baseURL:)``.
    public static func link(to target: SitePage, from page: SitePage, baseURL: String?, fragment: String? = nil) -> String {
        let url = root(from: page, baseURL: baseURL) + target.outputPath
        guard let fragment, !fragment.isEmpty else { return url }
        return url + "#" + fragment
    }

    /// The absolute URL of `page` under a base URL (ending in `/`), for canonical links, Open
    /// Graph and the sitemap; `index.html` is dropped so the URL is the folder's, and the path
    /// is percent-encoded (a Chinese slug becomes `%E5%91%BC…`), as URLs in a sitemap must be.
    public static func absolute(_ page: SitePage, baseURL: String) -> String {
        let path = page.outputPath
        let folder = path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
        return baseURL + (folder.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? folder)
    }

    /// The id of a passage's entry on a topic page: `<report slug>--<passage anchor>`.
    public static func topicEntryID(reportSlug: String, anchor: String) -> String { "\(reportSlug)--\(anchor)" }

    /// The id of a report's group on a topic page: the report slug.
    public static func topicReportGroupID(reportSlug: String) -> String { reportSlug }
}
