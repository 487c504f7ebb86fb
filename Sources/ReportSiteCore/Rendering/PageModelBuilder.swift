import Foundation

/// Builds the view models of every page from the ``SiteIndex``. All decisions a logic-less
/// template cannot make (relative links, what is current, what is empty, excerpts) are made here.
struct PageModelBuilder {
    let index: SiteIndex
    let figures: FigureIndex

    /// Characters of passage text shown in a topic-page excerpt.
    static let excerptLength = 160
    /// Characters of context kept before the first highlighted keyword in an excerpt.
    static let excerptLeadIn = 30

    // MARK: - Shared pieces

    /// The chrome of `page`: its links relative to the page, or for the 404 page from the root of
    /// ``Permalinks/root(from:baseURL:)``.
    func chrome(for page: SitePage, title: String?) -> PageChrome {
        let site = index.site
        func url(_ target: SitePage, fragment: String? = nil) -> String {
            Permalinks.link(to: target, from: page, baseURL: site.baseURL, fragment: fragment)
        }
        func nav(_ title: String, _ target: SitePage, fragment: String? = nil, current: Bool) -> NavLink {
            NavLink(title: title, url: url(target, fragment: fragment), current: current)
        }
        var onReportPage = false, onTopicPage = false, onFiguresPage = false
        switch page {
        case .report: onReportPage = true
        case .topicsIndex, .topicsIndexPage, .topic, .topicPage, .topicReport: onTopicPage = true
        case .figuresOverview, .figuresIndicator, .reportFigures: onFiguresPage = true
        default: break
        }
        // Four links whatever the number of reports: the home page lists the reports.
        let links = [
            nav("首页", .home, current: page == .home),
            nav("报告", .home, fragment: "reports-heading", current: onReportPage),
            nav("主题", .topicsIndex, current: onTopicPage),
            nav("数字", .figuresOverview, current: onFiguresPage),
        ]
        let documentTitle = title.map { "\($0) · \(site.title)" } ?? site.title
        let description = site.description ?? site.title
        return PageChrome(
            lang: site.language, siteTitle: site.title,
            documentTitle: documentTitle,
            description: description,
            root: Permalinks.root(from: page, baseURL: site.baseURL),
            homeURL: url(.home),
            stylesheetURL: url(.asset(path: "style.css")),
            nav: links,
            searchURL: url(.search),
            hasHeaderSearch: page != .search,
            openGraph: site.baseURL.flatMap { baseURL in
                page == .notFound ? nil : OpenGraph(
                    url: Permalinks.absolute(page, baseURL: baseURL), type: page == .home ? "website" : "article",
                    title: title ?? site.title, description: description, siteName: site.title,
                    locale: site.language.replacingOccurrences(of: "-", with: "_"))
            })
    }

    /// The view model of the 404 page.
    func notFoundPage() -> NotFoundPageModel {
        NotFoundPageModel(chrome: chrome(for: .notFound, title: "页面不存在"))
    }

    /// `呼和浩特市 2022`: how a report is named in lists and navigation.
    func shortTitle(_ report: Report) -> String { index.labels.label(of: report) }

    func badge(_ key: String, entryOf passage: Passage, in report: Report, from page: SitePage) -> TopicBadge? {
        guard let topic = index.catalog.topic(key) else { return nil }
        return TopicBadge(
            key: key, name: topic.nameZh,
            url: Permalinks.link(to: .topicReport(key: key, slug: report.slug), from: page, fragment: Permalinks.topicEntryID(anchor: passage.anchor)),
            title: "\(topic.nameEn)：本段在主题页上的位置")
    }

    /// A topic with a count, linking to `target` (the topic's index when `nil`).
    func topicCount(_ key: String, count: Int, from page: SitePage, target: SitePage? = nil) -> TopicCount? {
        guard let topic = index.catalog.topic(key) else { return nil }
        return TopicCount(key: key, name: topic.nameZh, nameEn: topic.nameEn, url: Permalinks.link(to: target ?? .topic(key: key), from: page), count: count)
    }

    /// The passage's lead sentence, or its first `length` characters or so, cut at a clause
    /// boundary or outside any figure (``ExcerptCut/prefixEnd(_:length:)``), `…` when shortened.
    func label(_ passage: Passage, length: Int = PageModelBuilder.relatedLabelLength) -> String {
        if let lead = passage.leadSentence { return lead }
        // Spaces and tabs trimmed (`CharacterSet.whitespaces`); only the characters the cut can
        // look at are read, however long the passage.
        func isSpace(_ character: Character) -> Bool { character.unicodeScalars.allSatisfy(CharacterSet.whitespaces.contains) }
        let limit = ExcerptCut.prefixReadLength(for: length)
        var head = Array(passage.text.drop(while: isSpace).prefix(limit))
        if head.count < limit { while let last = head.last, isSpace(last) { head.removeLast() } }
        let end = ExcerptCut.prefixEnd(head, length: length)
        return String(head[..<end]) + (end < head.count ? "…" : "")
    }

    /// The heading path of an entry: `一、… › （三）…`, or the report intro's label.
    func headingPath(_ entry: PassageEntry) -> String { headingPath(SiteIndex.group(of: entry)) }

    /// The heading path of a group: `一、… › （三）…`, the part's heading, or `开篇`.
    func headingPath(_ group: GroupKey) -> String {
        let report = index.reports[group.reportIndex]
        guard let p = group.partIndex else { return "开篇" }
        let part = report.parts[p]
        guard let s = group.sectionIndex else { return part.heading.text }
        return part.heading.text + " › " + part.sections[s].heading.text
    }

    /// The anchor of the heading an entry's group starts with (the part's for a part intro).
    func groupAnchor(_ entry: PassageEntry) -> String? {
        let report = index.reports[entry.reportIndex]
        guard let p = entry.partIndex else { return nil }
        guard let s = entry.sectionIndex else { return report.parts[p].heading.anchor }
        return report.parts[p].sections[s].heading.anchor
    }

    // MARK: - Report page

    func reportPage(_ reportIndex: Int) -> ReportPageModel {
        // The passages' inline nodes are read here only: a cached report's are decoded now.
        let report = index.reports[reportIndex].withBody()
        let page = SitePage.report(slug: report.slug)
        func passageView(_ passage: Passage) -> PassageView {
            let kindClass: String
            var marker: String?
            switch passage.kind {
            case .paragraph: kindClass = "paragraph"
            case .listItem(let m): kindClass = "list-item"; marker = m
            case .quote: kindClass = "quote"
            case .code: kindClass = "code"
            }
            let html = passage.kind == .code ? escapeHTML(passage.text) : InlineHTML.render(passage.inlines, hasLead: passage.leadSentence != nil)
            return PassageView(
                anchor: passage.anchor, html: html, tableHTML: passage.table.map(TableHTML.render), kindClass: kindClass, isCode: passage.kind == .code, marker: marker,
                badges: passage.topics.compactMap { badge($0, entryOf: passage, in: report, from: page) })
        }
        func related(_ key: GroupKey) -> [RelatedLink] { relatedLinks(key) }
        var toc: [TocEntry] = []
        var parts: [PartView] = []
        for (p, part) in report.parts.enumerated() {
            var sections: [SectionView] = []
            for (s, section) in part.sections.enumerated() {
                let topics = index.catalog.keys.filter { key in section.passages.contains { $0.topics.contains(key) } }
                sections.append(SectionView(
                    title: section.heading.text, anchor: section.heading.anchor,
                    topics: topics.compactMap { key in
                        index.catalog.topic(key).map {
                            TopicBadge(key: key, name: $0.nameZh, url: Permalinks.link(to: .topicReport(key: key, slug: report.slug), from: page, fragment: Permalinks.topicEntryID(anchor: section.heading.anchor)), title: "\($0.nameEn)：本节在主题页上的位置")
                        }
                    },
                    passages: section.passages.map(passageView),
                    related: related(GroupKey(reportIndex: reportIndex, partIndex: p, sectionIndex: s))))
            }
            parts.append(PartView(
                title: part.heading.text, anchor: part.heading.anchor, intro: part.intro.map(passageView), sections: sections,
                related: part.sections.isEmpty ? related(GroupKey(reportIndex: reportIndex, partIndex: p, sectionIndex: nil)) : []))
            toc.append(TocEntry(
                title: part.heading.text, url: Permalinks.fragment(part.heading.anchor),
                children: part.sections.map { TocEntry(title: $0.heading.text, url: Permalinks.fragment($0.heading.anchor), children: []) }))
        }
        let passages = report.allPassages
        let metadata = report.metadata
        return ReportPageModel(
            chrome: chrome(for: page, title: metadata.fullTitle),
            report: ReportHeader(
                title: metadata.title, place: metadata.place, year: metadata.year, levelLabel: metadata.level.label,
                placeLine: metadata.placeLine, dateline: metadata.dateline.isEmpty ? nil : metadata.dateline, speakerLine: metadata.showsSpeakerLine ? metadata.speakerLine : nil, source: metadata.source,
                passageCount: passages.count),
            toc: toc, intro: report.intro.map(passageView), parts: parts,
            topics: index.catalog.keys.compactMap { key in
                let count = index.count(of: key, inReport: reportIndex)
                return count > 0 ? topicCount(key, count: count, from: page, target: .topicReport(key: key, slug: report.slug)) : nil
            },
            figuresURL: Permalinks.link(to: .reportFigures(slug: report.slug), from: page),
            figureCount: figures.mentionsByReport[reportIndex].count)
    }

    /// Characters of a related passage's label before it is cut (``label(_:length:)``).
    static let relatedLabelLength = 40

    /// The related passages of a group as its report page links them.
    func relatedLinks(_ key: GroupKey) -> [RelatedLink] {
        let page = SitePage.report(slug: index.reports[key.reportIndex].slug)
        return (index.related[key] ?? []).map { item in
            let entry = index.entries[item.entry]
            let passage = index.passage(entry)
            let target = index.reports[entry.reportIndex]
            let context = entry.reportIndex == key.reportIndex ? headingPath(entry) : "\(shortTitle(target)) · \(headingPath(entry))"
            return RelatedLink(
                url: Permalinks.link(to: .report(slug: target.slug), from: page, fragment: passage.anchor),
                label: label(passage), context: context,
                topics: item.sharedTopics.compactMap { index.catalog.topic($0)?.nameZh })
        }
    }

    // MARK: - Excerpts

    /// True when `excerpt` (``excerpt(_:matches:)`` of `passage`) starts after the lead
    /// sentence, which is then shown apart.
    func excerptSkipsLead(_ passage: Passage, excerpt: [TextSegment]) -> Bool {
        passage.leadSentence != nil && excerpt.first?.text == "…"
    }

    /// An excerpt (``excerpt(_:matches:)``) as HTML: its text escaped (``escapeHTML(_:)``), a
    /// matched keyword in `<mark>`, the lead sentence's text in `<strong>`. Made here, not by the
    /// template: three sections per segment in `topic-report.mustache` were 7 % of a clean
    /// build's CPU time (perf, 200 reports).
    static func html(_ excerpt: [TextSegment]) -> String {
        var html = ""
        html.reserveCapacity(excerpt.reduce(0) { $0 + $1.text.utf8.count } + 16 * excerpt.count)
        for segment in excerpt {
            if segment.mark {
                html += "<mark>" + escapeHTML(segment.text) + "</mark>"
            } else if segment.lead {
                html += "<strong>" + escapeHTML(segment.text) + "</strong>"
            } else {
                html += escapeHTML(segment.text)
            }
        }
        return html
    }

    /// The excerpt of a passage for a topic page: the whole text if short, else a window of
    /// about ``excerptLength`` characters from a clause a little before the first match to a
    /// clause boundary, never cutting a figure or a quotation (``ExcerptCut``); matches marked.
    func excerpt(_ passage: Passage, matches: [KeywordMatch]) -> [TextSegment] {
        let characters = Array(passage.text)
        let window = ExcerptCut.window(
            characters, focus: matches.first?.range.lowerBound ?? 0, length: Self.excerptLength, leadIn: Self.excerptLeadIn)
        let start = window.lowerBound, end = window.upperBound
        var segments: [TextSegment] = []
        if start > 0 { segments.append(TextSegment(text: "…", mark: false)) }
        // Characters of the lead sentence, which opens the text.
        let leadEnd = passage.leadSentence.map { passage.text.hasPrefix($0) ? $0.count : 0 } ?? 0
        func plain(_ range: Range<Int>) {
            var lower = range.lowerBound
            if lower < leadEnd {
                let upper = min(leadEnd, range.upperBound)
                segments.append(TextSegment(text: String(characters[lower..<upper]), mark: false, lead: true))
                lower = upper
            }
            if lower < range.upperBound { segments.append(TextSegment(text: String(characters[lower..<range.upperBound]), mark: false)) }
        }
        var cursor = start
        for match in matches where match.range.lowerBound >= start && match.range.upperBound <= end {
            if match.range.lowerBound > cursor { plain(cursor..<match.range.lowerBound) }
            segments.append(TextSegment(text: String(characters[match.range]), mark: true))
            cursor = match.range.upperBound
        }
        if cursor < end { plain(cursor..<end) }
        if end < characters.count { segments.append(TextSegment(text: "…", mark: false)) }
        return segments
    }

    /// The ordinal of a part heading (`一`), or its first two characters.
    func partLabel(_ heading: String) -> String {
        if let separator = heading.firstIndex(of: "、"), heading.distance(from: heading.startIndex, to: separator) <= 3 {
            return String(heading[..<separator])
        }
        return String(heading.prefix(2))
    }
}

/// A run of an excerpt's text (``PageModelBuilder/excerpt(_:matches:)``): plain, a matched
/// keyword, or part of the lead sentence.
struct TextSegment {
    let text: String
    let mark: Bool
    /// True for (unmarked) text of the passage's lead sentence, shown in bold.
    let lead: Bool

    init(text: String, mark: Bool, lead: Bool = false) {
        self.text = text
        self.mark = mark
        self.lead = lead
    }
}
