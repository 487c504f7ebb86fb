/// The view model of `report.mustache`: one whole report.
struct ReportPageModel {
    let chrome: PageChrome
    let report: ReportHeader
    let toc: [TocEntry]
    let intro: [PassageView]
    let parts: [PartView]
    /// Topics of the report with their passage counts, in catalog order.
    let topics: [TopicCount]
    var hasTopics: Bool { !topics.isEmpty }
}

/// The report's title block, as the printed report opens.
struct ReportHeader {
    let title: String
    let place: String
    let year: Int
    let levelLabel: String
    /// `——2022年2月10日在…会议上`
    let dateline: String
    /// `呼和浩特市人民政府市长 贺海东`
    let speakerLine: String
    let source: String?
    let passageCount: Int
}

/// One entry of the table of contents; parts hold their sections in `children`.
struct TocEntry {
    let title: String
    let url: String
    let children: [TocEntry]
    var hasChildren: Bool { !children.isEmpty }
}

/// A part (一、…) with its intro passages and sections.
struct PartView {
    let title: String
    let anchor: String
    let intro: [PassageView]
    let sections: [SectionView]
    /// Related passages, shown for a part without sections.
    let related: [RelatedLink]
    var hasRelated: Bool { !related.isEmpty }
}

/// A section (（一）…) with its passages and related passages.
struct SectionView {
    let title: String
    let anchor: String
    let topics: [TopicBadge]
    let passages: [PassageView]
    let related: [RelatedLink]
    var hasRelated: Bool { !related.isEmpty }
    var hasTopics: Bool { !topics.isEmpty }
}

/// One passage as rendered on the report page.
struct PassageView {
    let anchor: String
    /// The passage's HTML (inline content only; escaped and sanitised by ``InlineHTML``).
    let html: String
    /// CSS class for the kind: `paragraph`, `list-item`, `quote`, `code`.
    let kindClass: String
    let isCode: Bool
    /// List marker (`1.`, `•`) or `nil`.
    let marker: String?
    let badges: [TopicBadge]
    var hasBadges: Bool { !badges.isEmpty }
}

/// A link to a related passage elsewhere in the site.
struct RelatedLink {
    let url: String
    /// The passage's lead sentence or opening words.
    let label: String
    /// Where it stands: `（三）加快推动服务业提档升级` or `呼和浩特市 2022 · （三）…`.
    let context: String
    let topics: [String]
    var topicList: String { topics.joined(separator: "、") }
}
