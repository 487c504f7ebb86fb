/// The view model of `topic.mustache`: every passage with one topic.
struct TopicPageModel {
    let chrome: PageChrome
    let topic: TopicHeader
    let passageCount: Int
    let reportCount: Int
    let sectionCount: Int
    let cooccurring: [TopicCount]
    var hasCooccurring: Bool { !cooccurring.isEmpty }
    /// The keywords that matched, most frequent first.
    let keywords: [KeywordCount]
    var hasKeywords: Bool { !keywords.isEmpty }
    let groups: [TopicReportGroup]
    var isEmpty: Bool { groups.isEmpty }
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
    let lead: String?
    let segments: [TextSegment]
    /// The passage's other topics.
    let otherTopics: [TopicBadge]
    var hasOtherTopics: Bool { !otherTopics.isEmpty }
    /// True when the topic comes from an annotation, not from a keyword in the text.
    let byAnnotation: Bool
}
