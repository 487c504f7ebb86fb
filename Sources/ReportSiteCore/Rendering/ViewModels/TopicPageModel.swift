/// The view model of `topic.mustache`: a topic's index (its term page), one page of the reports
/// that say most on the topic, ranked by their passages on it, with counts by year.
///
/// Bounded: a page lists at most ``Pagination/pageSize`` reports, one short row each; the
/// passages themselves are on each report's page for the topic (``TopicReportPageModel``).
struct TopicIndexModel {
    let chrome: PageChrome
    let topic: TopicHeader
    let passageCount: Int
    let reportCount: Int
    let sectionCount: Int
    let cooccurring: [TopicCount]
    /// Derived for the template (Mustache sees stored properties only).
    let hasCooccurring: Bool
    /// The keywords that matched, most frequent first (at most ``SiteIndex/keywordLimit``).
    let keywords: [KeywordCount]
    let hasKeywords: Bool
    /// Reports and passages on the topic per year, latest first.
    let years: [YearCount]
    let hasYears: Bool
    /// This page's reports, ranked.
    let rows: [TopicReportRow]
    let isEmpty: Bool
    let pagination: Pagination
}

struct TopicHeader {
    let key: String
    let nameZh: String
    let nameEn: String
    let description: String
}

struct KeywordCount {
    let term: String
    let count: Int
}

/// One year on a topic's index: how many of its reports have the topic, with how many passages.
struct YearCount {
    /// `2025年`, or `年份未知`.
    let label: String
    let reportCount: Int
    let passageCount: Int
}

/// One report on a topic's index.
struct TopicReportRow {
    /// 1 for the report with the most passages on the topic.
    let rank: Int
    let title: String
    /// The report's page for this topic.
    let url: String
    /// The report page.
    let reportURL: String
    /// `2025`, or `—` when not known.
    let year: String
    let levelLabel: String
    let count: Int
    let sectionCount: Int
    /// The share of the report's passages on the topic (`12%`).
    let share: String
}

/// The view model of `topic-report.mustache`: one report's passages on one topic, as excerpts
/// grouped by section, and the figures of those passages. Bounded by the report.
struct TopicReportPageModel {
    let chrome: PageChrome
    let topic: TopicHeader
    let reportTitle: String
    let reportURL: String
    /// The topic's index.
    let topicURL: String
    let count: Int
    let sectionCount: Int
    let sections: [TopicSectionGroup]
    /// The report's other topics, each linking to the report's page for it.
    let otherTopics: [TopicCount]
    let hasOtherTopics: Bool
    /// True when some entry has figures (``TopicEntry/figures``).
    let hasFigures: Bool
    /// The report's figures page, which has every field of every figure.
    let figuresURL: String
}

/// The passages of one section (or part intro) on a topic's page for a report.
struct TopicSectionGroup {
    let id: String
    /// `一、… › （三）…`
    let heading: String
    let url: String
    let entries: [TopicEntry]
}

/// One passage on a topic page: an excerpt with matched keywords highlighted.
struct TopicEntry {
    /// Fragment id: the passage's anchor (``Permalinks/topicEntryID(anchor:)``); topic badges link here.
    let id: String
    /// The passage on its report page.
    let url: String
    /// The lead sentence, when the excerpt starts after it (otherwise it opens the excerpt).
    let leadApart: String?
    /// The excerpt as HTML (``PageModelBuilder/html(_:)``): text escaped, the topic's matched
    /// keywords in `<mark>`, the lead sentence's text in `<strong>`, `…` where it is cut.
    let excerptHTML: String
    /// The passage's other topics.
    let otherTopics: [TopicBadge]
    /// Derived for the template (Mustache sees stored properties only).
    let hasOtherTopics: Bool
    /// True when the topic comes from an annotation, not from a keyword in the text.
    let byAnnotation: Bool
    /// The figures of the whole passage (the excerpt may show only some), in text order: shown
    /// with the entry, so a figure needs no link back to its passage (a table of the page's
    /// figures, each with its passage's link, was a third of a topic page's bytes).
    let figures: [EntryFigure]
    let hasFigures: Bool
}

/// One figure of a topic page's entry: the subject and the figure as written, and its kind when
/// it is not an achievement (a target, an estimate, a project).
struct EntryFigure {
    let indicator: String
    let display: String
    /// `目标`, `预计` …; `nil` for an achievement, the common case.
    let kind: String?
}

/// Links between the pages of a paginated list (a topic's index, the topics overview), as Hugo
/// and Zola paginate a term: page numbers, previous and next.
struct Pagination {
    /// Rows per page of every paginated list.
    static let pageSize = 200

    let hasPages: Bool
    let pages: [PageLink]
    let previousURL: String
    let hasPrevious: Bool
    let nextURL: String
    let hasNext: Bool
    /// `第 201–400 项，共 1000 项`
    let summary: String
}

struct PageLink {
    let number: Int
    let url: String
    let current: Bool
}

extension TopicIndexModel {
    init(chrome: PageChrome, topic: TopicHeader, passageCount: Int, reportCount: Int, sectionCount: Int, cooccurring: [TopicCount],
         keywords: [KeywordCount], years: [YearCount], rows: [TopicReportRow], pagination: Pagination) {
        self.init(
            chrome: chrome, topic: topic, passageCount: passageCount, reportCount: reportCount, sectionCount: sectionCount,
            cooccurring: cooccurring, hasCooccurring: !cooccurring.isEmpty, keywords: keywords, hasKeywords: !keywords.isEmpty,
            years: years, hasYears: years.count > 1, rows: rows, isEmpty: rows.isEmpty, pagination: pagination)
    }
}

extension TopicReportPageModel {
    init(chrome: PageChrome, topic: TopicHeader, reportTitle: String, reportURL: String, topicURL: String, count: Int, sectionCount: Int,
         sections: [TopicSectionGroup], otherTopics: [TopicCount], figuresURL: String) {
        self.init(
            chrome: chrome, topic: topic, reportTitle: reportTitle, reportURL: reportURL, topicURL: topicURL, count: count,
            sectionCount: sectionCount, sections: sections, otherTopics: otherTopics, hasOtherTopics: !otherTopics.isEmpty,
            hasFigures: sections.contains { $0.entries.contains(where: \.hasFigures) }, figuresURL: figuresURL)
    }
}

extension TopicEntry {
    init(id: String, url: String, leadApart: String?, excerptHTML: String, otherTopics: [TopicBadge], byAnnotation: Bool, figures: [EntryFigure]) {
        self.init(
            id: id, url: url, leadApart: leadApart, excerptHTML: excerptHTML, otherTopics: otherTopics, hasOtherTopics: !otherTopics.isEmpty,
            byAnnotation: byAnnotation, figures: figures, hasFigures: !figures.isEmpty)
    }
}
