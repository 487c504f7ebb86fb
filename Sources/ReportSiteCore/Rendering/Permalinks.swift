import Foundation

/// A page or file of the built site.
public enum SitePage: Hashable, Sendable {
    case home
    case report(slug: String)
    /// The topics overview (heat map), first page (`topics/index.html`).
    case topicsIndex
    /// Page `number` (2 or more) of the topics overview (`topics/index-2.html`): the heat map
    /// lists ``Pagination/pageSize`` reports a page.
    case topicsIndexPage(number: Int)
    /// A topic's index (term page), first page: reports ranked by how much they say on it.
    case topic(key: String)
    /// Page `number` (2 or more) of a topic's index (`topics/ecology/index-2.html`).
    case topicPage(key: String, number: Int)
    /// One report's passages on one topic (`topics/ecology/hohhot-2022/index.html`): topic badges
    /// land here, on the passage's entry.
    case topicReport(key: String, slug: String)
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
    /// The figures overview (`figures/index.html`): each report's figures page, and the
    /// indicators compared across reports.
    case figuresOverview
    /// One indicator's main targets across the reports that have it (`figures/i-3f2a9c01b2d4/index.html`);
    /// the id is ``Permalinks/indicatorID(name:measure:unit:declines:)``.
    case figuresIndicator(id: String)
    /// The site's report table for the site-wide figures data (`figures/reports.csv`).
    case figuresReports
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
        case .topicsIndexPage(let number): return "topics/index-\(number).html"
        case .topic(let key): return "topics/\(key)/index.html"
        case .topicPage(let key, let number): return "topics/\(key)/index-\(number).html"
        case .topicReport(let key, let slug): return "topics/\(key)/\(slug)/index.html"
        case .search: return "search/index.html"
        case .searchData(let name): return "search/data/\(name)"
        case .asset(let path): return "assets/\(path)"
        case .notFound: return "404.html"
        case .sitemap: return "sitemap.xml"
        case .robots: return "robots.txt"
        case .reportFigures(let slug): return "reports/\(slug)/figures/index.html"
        case .figuresOverview: return "figures/index.html"
        case .figuresIndicator(let id): return "figures/\(id)/index.html"
        case .figuresReports: return "figures/reports.csv"
        case .figuresData(let slug?, let format): return "reports/\(slug)/figures/figures.\(format)"
        case .figuresData(nil, let format): return "figures/figures.\(format)"
        }
    }

    /// The pages a link written in Markdown may name, whatever the reports say: home, each
    /// report, the topics overview, each topic's index, search, each report's figures, the
    /// figures overview. (Pages that exist only for some content, a topic's page for one report
    /// or an indicator's, are not link targets: a later edit could remove them.)
    static func linkablePages(reportSlugs: [String], topicKeys: [String]) -> [SitePage] {
        [.home] + reportSlugs.map { .report(slug: $0) } + [.topicsIndex] + topicKeys.map { .topic(key: $0) } + [.search]
            + reportSlugs.map { .reportFigures(slug: $0) } + [.figuresOverview]
    }

    /// The figures data files (`figures.csv`, `figures.json`) of each report and the site-wide
    /// `figures.csv` and `reports.csv`, which Markdown may link to like pages.
    static func figureDataFiles(reportSlugs: [String]) -> [SitePage] {
        reportSlugs.flatMap { slug in FigureExport.formats.map { SitePage.figuresData(slug: slug, format: $0) } }
            + [.figuresData(slug: nil, format: "csv"), .figuresReports]
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

    /// The id of a passage's or a section's entry on a topic's page for one report
    /// (``SitePage/topicReport(key:slug:)``): the anchor it has on the report page, so a link
    /// reads the same on both. A report's opening passages are grouped under ``topicIntroID``.
    public static func topicEntryID(anchor: String) -> String { anchor }

    /// The id of the group of a report's opening passages (before its first part) on a topic's
    /// page: `--intro`, which no anchor can be (``Slug/anchor(from:maxLength:)`` never starts
    /// with `-`).
    public static let topicIntroID = "--intro"

    /// The id of an indicator's page: `i-` and 12 hexadecimal digits of the hash of its
    /// comparable name, measure, unit and direction, so it does not move when reports are added.
    public static func indicatorID(name: String, measure: String, unit: String, declines: Bool) -> String {
        var hash = ContentHash()
        hash.combine(name)
        hash.combine(measure)
        hash.combine(unit)
        hash.combine(declines ? 1 : 0)
        let hex = String(hash.value & 0xFFFF_FFFF_FFFF, radix: 16)
        return "i-" + String(repeating: "0", count: 12 - hex.count) + hex
    }
}
