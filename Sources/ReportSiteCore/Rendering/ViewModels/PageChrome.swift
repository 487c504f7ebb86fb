/// What the base layout needs on every page: language, titles, the relative root and the
/// navigation. Templates read it as `{{chrome.…}}`.
struct PageChrome {
    /// `lang` of the page (`zh-CN`).
    let lang: String
    let siteTitle: String
    /// The `<title>`: page title, then site title.
    let documentTitle: String
    /// One sentence for `<meta name="description">`.
    let description: String
    /// Relative path to the output root (`../../`), for links a template writes itself.
    let root: String
    let homeURL: String
    let stylesheetURL: String
    let nav: [NavLink]
    /// The search page, where the header's search box sends its query (`?q=`).
    let searchURL: String
    /// False on the search page itself, which has its own, larger search box.
    let hasHeaderSearch: Bool
    /// Canonical link and Open Graph metadata, when the site has a base URL; else `nil`
    /// (nothing absolute is written).
    let openGraph: OpenGraph?
}

/// What a page says about itself to link previews (Open Graph, https://ogp.me) and search
/// engines (the canonical link). Written only under a base URL: `og:url` must be absolute.
struct OpenGraph {
    /// The page's absolute URL, also its canonical link.
    let url: String
    /// `website` for the home page, `article` for the others.
    let type: String
    let title: String
    let description: String
    let siteName: String
    /// `zh_CN` from the site's language `zh-CN`.
    let locale: String
}

/// One link of the main navigation; `current` marks the page's own section of the site.
struct NavLink {
    let title: String
    let url: String
    let current: Bool
}

/// A topic badge: links a passage to its entry on the topic page.
struct TopicBadge {
    let key: String
    let name: String
    /// The topic page (with the passage's entry as fragment, where the badge belongs to a passage).
    let url: String
    /// Tooltip (`aria`-friendly): English name and what the link does.
    let title: String
}

/// A topic with a count, for summaries and the home page.
struct TopicCount {
    let key: String
    let name: String
    let nameEn: String
    let url: String
    let count: Int
}

