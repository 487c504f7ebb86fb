/// The view model of `topic.mustache`: every passage with one topic.
struct TopicPageModel {
    let chrome: PageChrome
    let topic: TopicHeader
    let passageCount: Int
    let reportCount: Int
    let sectionCount: Int
    let cooccurring: [TopicCount]
    /// Derived for the template (Mustache sees stored properties only).
    let hasCooccurring: Bool
    /// The keywords that matched, most frequent first.
    let keywords: [KeywordCount]
    /// Derived for the template (Mustache sees stored properties only).
    let hasKeywords: Bool
    let groups: [TopicReportGroup]
    /// Derived for the template (Mustache sees stored properties only).
    let isEmpty: Bool
    /// The figures of the topic's passages, by report.
    let figureGroups: [TopicFiguresGroup]
    let hasFigureGroups: Bool
    let figureCount: Int
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

/// The passages of one report on a topic page.
struct TopicReportGroup {
    /// Fragment id (`hohhot-2022`).
    let id: String
    let title: String
    let url: String
    let count: Int
    let sections: [TopicSectionGroup]
}

/// The passages of one section (or part intro) on a topic page.
struct TopicSectionGroup {
    let id: String
    /// `一、… › （三）…`
    let heading: String
    let url: String
    let entries: [TopicEntry]
}

/// One passage on a topic page: an excerpt with matched keywords highlighted.
struct TopicEntry {
    /// Fragment id (`hohhot-2022--积极扩大有效投资`); topic badges link here.
    let id: String
    /// The passage on its report page.
    let url: String
    /// The lead sentence, when the excerpt starts after it (otherwise it opens the excerpt).
    let leadApart: String?
    let segments: [TextSegment]
    /// The passage's other topics.
    let otherTopics: [TopicBadge]
    /// Derived for the template (Mustache sees stored properties only).
    let hasOtherTopics: Bool
    /// True when the topic comes from an annotation, not from a keyword in the text.
    let byAnnotation: Bool
}

extension TopicPageModel {
    init(chrome: PageChrome, topic: TopicHeader, passageCount: Int, reportCount: Int, sectionCount: Int, cooccurring: [TopicCount], keywords: [KeywordCount], groups: [TopicReportGroup], figureGroups: [TopicFiguresGroup]) {
        self.init(chrome: chrome, topic: topic, passageCount: passageCount, reportCount: reportCount, sectionCount: sectionCount, cooccurring: cooccurring, hasCooccurring: !cooccurring.isEmpty, keywords: keywords, hasKeywords: !keywords.isEmpty, groups: groups, isEmpty: groups.isEmpty,
                  figureGroups: figureGroups, hasFigureGroups: !figureGroups.isEmpty, figureCount: figureGroups.reduce(0) { $0 + $1.rows.count })
    }
}

extension TopicEntry {
    init(id: String, url: String, leadApart: String?, segments: [TextSegment], otherTopics: [TopicBadge], byAnnotation: Bool) {
        self.init(id: id, url: url, leadApart: leadApart, segments: segments, otherTopics: otherTopics, hasOtherTopics: !otherTopics.isEmpty, byAnnotation: byAnnotation)
    }
}
