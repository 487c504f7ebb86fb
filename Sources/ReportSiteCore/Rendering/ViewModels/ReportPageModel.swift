/// The view model of `report.mustache`: one whole report.
struct ReportPageModel {
    let chrome: PageChrome
    let report: ReportHeader
    let toc: [TocEntry]
    /// Derived for the template (Mustache sees stored properties only).
    let hasToc: Bool
    let intro: [PassageView]
    let parts: [PartView]
    /// Topics of the report with their passage counts, in catalog order.
    let topics: [TopicCount]
    /// Derived for the template (Mustache sees stored properties only).
    let hasTopics: Bool
    /// The report's figures page, and how many figures it lists.
    let figuresURL: String
    let figureCount: Int
}

/// The report's title block, as the printed report opens.
struct ReportHeader {
    let title: String
    let place: String
    let year: Int
    let levelLabel: String
    /// `呼和浩特市 · 2022 年 · 市级`: what is known of place, year and level (a front-matter
    /// placeholder is not known, ``ReportMetadata/placeholder``).
    let placeLine: String
    /// `——2022年2月10日在…会议上`; `nil` when neither date nor meeting is known.
    let dateline: String?
    /// `呼和浩特市人民政府市长 贺海东`; `nil` when the published dateline already names the speaker.
    let speakerLine: String?
    let source: String?
    let passageCount: Int
}

/// One entry of the table of contents; parts hold their sections in `children`.
struct TocEntry {
    let title: String
    let url: String
    let children: [TocEntry]
    /// Derived for the template (Mustache sees stored properties only).
    let hasChildren: Bool
}

/// A part (一、…) with its intro passages and sections.
struct PartView {
    let title: String
    let anchor: String
    let intro: [PassageView]
    let sections: [SectionView]
    /// Related passages, shown for a part without sections.
    let related: [RelatedLink]
    /// Derived for the template (Mustache sees stored properties only).
    let hasRelated: Bool
    /// The level of the related box's heading: 3, under the part's `h2` (headings may not skip a level).
    let relatedHeadingLevel: Int
}

/// A section (（一）…) with its passages and related passages.
struct SectionView {
    let title: String
    let anchor: String
    let topics: [TopicBadge]
    let passages: [PassageView]
    let related: [RelatedLink]
    /// Derived for the template (Mustache sees stored properties only).
    let hasRelated: Bool
    /// Derived for the template (Mustache sees stored properties only).
    let hasTopics: Bool
    /// The level of the related box's heading: 4, under the section's `h3`.
    let relatedHeadingLevel: Int
}

/// One passage as rendered on the report page.
struct PassageView {
    let anchor: String
    /// The passage's HTML (inline content only; escaped and sanitised by ``InlineHTML``); for a
    /// passage with a table, its text before the table (often empty).
    let html: String
    /// True when there is text to show in a `<p>` (``html`` or a list marker): false for a
    /// paragraph that is only a table.
    let hasText: Bool
    /// The passage's pipe table as HTML (``TableHTML``: built from the escaped cells), or `nil`.
    let tableHTML: String?
    /// CSS class for the kind: `paragraph`, `list-item`, `quote`, `code`.
    let kindClass: String
    let isCode: Bool
    /// List marker (`1.`, `•`) or `nil`.
    let marker: String?
    let badges: [TopicBadge]
    /// Derived for the template (Mustache sees stored properties only).
    let hasBadges: Bool
}

/// A link to a related passage elsewhere in the site.
struct RelatedLink {
    let url: String
    /// The passage's lead sentence or opening words.
    let label: String
    /// Where it stands: `（三）加快推动服务业提档升级` or `呼和浩特市 2022 · （三）…`.
    let context: String
    let topics: [String]
    /// Derived for the template (Mustache sees stored properties only).
    let topicList: String
}

extension ReportPageModel {
    init(chrome: PageChrome, report: ReportHeader, toc: [TocEntry], intro: [PassageView], parts: [PartView], topics: [TopicCount], figuresURL: String, figureCount: Int) {
        self.init(chrome: chrome, report: report, toc: toc, hasToc: !toc.isEmpty, intro: intro, parts: parts, topics: topics, hasTopics: !topics.isEmpty,
                  figuresURL: figuresURL, figureCount: figureCount)
    }
}

extension TocEntry {
    init(title: String, url: String, children: [TocEntry]) {
        self.init(title: title, url: url, children: children, hasChildren: !children.isEmpty)
    }
}

extension PartView {
    init(title: String, anchor: String, intro: [PassageView], sections: [SectionView], related: [RelatedLink]) {
        self.init(title: title, anchor: anchor, intro: intro, sections: sections, related: related, hasRelated: !related.isEmpty, relatedHeadingLevel: 3)
    }
}

extension SectionView {
    init(title: String, anchor: String, topics: [TopicBadge], passages: [PassageView], related: [RelatedLink]) {
        self.init(title: title, anchor: anchor, topics: topics, passages: passages, related: related, hasRelated: !related.isEmpty, hasTopics: !topics.isEmpty, relatedHeadingLevel: 4)
    }
}

extension PassageView {
    init(anchor: String, html: String, tableHTML: String? = nil, kindClass: String, isCode: Bool, marker: String?, badges: [TopicBadge]) {
        self.init(
            anchor: anchor, html: html, hasText: tableHTML == nil || !html.isEmpty || marker != nil, tableHTML: tableHTML,
            kindClass: kindClass, isCode: isCode, marker: marker, badges: badges, hasBadges: !badges.isEmpty)
    }
}

extension RelatedLink {
    init(url: String, label: String, context: String, topics: [String]) {
        self.init(url: url, label: label, context: context, topics: topics, topicList: topics.joined(separator: "、"))
    }
}
