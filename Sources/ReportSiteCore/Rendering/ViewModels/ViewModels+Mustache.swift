import Foundation
import Mustache

// Field lookup for swift-mustache without reflection.
//
// swift-mustache finds the value of a tag (`{{title}}`, `{{#passages}}`) with `Mirror` unless
// the object conforms to `MustacheParent`; reflection was about half of the render stage's
// time (a `Mirror` per lookup, and a lookup per tag and per level of the context stack). Each
// view model here answers its stored properties by name, as `Mirror` would: an optional
// property's value, or `nil`.
//
// A stored property added to a view model and not listed here is still found, through `Mirror`
// (slowly), by ``MirrorFallback``; the test `viewModelsAnswerEveryFieldWithoutReflection` fails
// until it is listed.

extension HomePageModel: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "chrome": return self.chrome
        case "siteTitle": return self.siteTitle
        case "siteDescription": return self.siteDescription
        case "reports": return self.reports
        case "topics": return self.topics
        case "passageCount": return self.passageCount
        case "reportCount": return self.reportCount
        case "topicsURL": return self.topicsURL
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension ReportCard: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "fullTitle": return self.fullTitle
        case "place": return self.place
        case "year": return self.year
        case "levelLabel": return self.levelLabel
        case "dateline": return self.dateline
        case "url": return self.url
        case "partCount": return self.partCount
        case "sectionCount": return self.sectionCount
        case "passageCount": return self.passageCount
        case "topTopics": return self.topTopics
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension TopicsOverviewModel: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "chrome": return self.chrome
        case "reports": return self.reports
        case "rows": return self.rows
        case "partColumnCount": return self.partColumnCount
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension OverviewReportColumn: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "url": return self.url
        case "parts": return self.parts
        case "span": return self.span
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension OverviewPartColumn: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "label": return self.label
        case "title": return self.title
        case "url": return self.url
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension HeatRow: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "nameEn": return self.nameEn
        case "url": return self.url
        case "total": return self.total
        case "cells": return self.cells
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension HeatCell: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "count": return self.count
        case "level": return self.level
        case "cellURL": return self.cellURL
        case "hasPassages": return self.hasPassages
        case "label": return self.label
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension PageChrome: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "lang": return self.lang
        case "siteTitle": return self.siteTitle
        case "documentTitle": return self.documentTitle
        case "description": return self.description
        case "root": return self.root
        case "homeURL": return self.homeURL
        case "stylesheetURL": return self.stylesheetURL
        case "nav": return self.nav
        case "searchURL": return self.searchURL
        case "hasHeaderSearch": return self.hasHeaderSearch
        case "canonicalURL": return self.canonicalURL
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension NavLink: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "url": return self.url
        case "current": return self.current
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension TopicBadge: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "key": return self.key
        case "name": return self.name
        case "url": return self.url
        case "title": return self.title
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension TopicCount: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "key": return self.key
        case "name": return self.name
        case "nameEn": return self.nameEn
        case "url": return self.url
        case "count": return self.count
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension TextSegment: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "text": return self.text
        case "mark": return self.mark
        case "lead": return self.lead
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension ReportPageModel: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "chrome": return self.chrome
        case "report": return self.report
        case "toc": return self.toc
        case "hasToc": return self.hasToc
        case "intro": return self.intro
        case "parts": return self.parts
        case "topics": return self.topics
        case "hasTopics": return self.hasTopics
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension ReportHeader: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "place": return self.place
        case "year": return self.year
        case "levelLabel": return self.levelLabel
        case "dateline": return self.dateline
        case "speakerLine": return self.speakerLine
        case "source": return self.source
        case "passageCount": return self.passageCount
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension TocEntry: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "url": return self.url
        case "children": return self.children
        case "hasChildren": return self.hasChildren
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension PartView: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "anchor": return self.anchor
        case "intro": return self.intro
        case "sections": return self.sections
        case "related": return self.related
        case "hasRelated": return self.hasRelated
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension SectionView: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "anchor": return self.anchor
        case "topics": return self.topics
        case "passages": return self.passages
        case "related": return self.related
        case "hasRelated": return self.hasRelated
        case "hasTopics": return self.hasTopics
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension PassageView: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "anchor": return self.anchor
        case "html": return self.html
        case "kindClass": return self.kindClass
        case "isCode": return self.isCode
        case "marker": return self.marker
        case "badges": return self.badges
        case "hasBadges": return self.hasBadges
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension RelatedLink: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "url": return self.url
        case "label": return self.label
        case "context": return self.context
        case "topics": return self.topics
        case "topicList": return self.topicList
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension SearchPageModel: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "chrome": return self.chrome
        case "scriptURLs": return self.scriptURLs
        case "metaURL": return self.metaURL
        case "reports": return self.reports
        case "topics": return self.topics
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension SearchFilterOption: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "value": return self.value
        case "label": return self.label
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension TopicPageModel: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "chrome": return self.chrome
        case "topic": return self.topic
        case "passageCount": return self.passageCount
        case "reportCount": return self.reportCount
        case "sectionCount": return self.sectionCount
        case "cooccurring": return self.cooccurring
        case "hasCooccurring": return self.hasCooccurring
        case "keywords": return self.keywords
        case "hasKeywords": return self.hasKeywords
        case "groups": return self.groups
        case "isEmpty": return self.isEmpty
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension TopicHeader: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "key": return self.key
        case "nameZh": return self.nameZh
        case "nameEn": return self.nameEn
        case "description": return self.description
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension KeywordCount: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "term": return self.term
        case "count": return self.count
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension TopicReportGroup: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return self.id
        case "title": return self.title
        case "url": return self.url
        case "count": return self.count
        case "sections": return self.sections
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension TopicSectionGroup: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return self.id
        case "heading": return self.heading
        case "url": return self.url
        case "entries": return self.entries
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

extension TopicEntry: MustacheParent, MustacheParentProbe {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return self.id
        case "url": return self.url
        case "leadApart": return self.leadApart
        case "segments": return self.segments
        case "otherTopics": return self.otherTopics
        case "hasOtherTopics": return self.hasOtherTopics
        case "byAnnotation": return self.byAnnotation
        default: return MirrorFallback.child(of: self, named: name)
        }
    }
}

/// Finds a property missing from a view model's `child(named:)` through `Mirror`, and counts
/// such lookups (tests expect none). The names each type has are learnt once per type.
enum MirrorFallback {
    private static let state = FallbackState()

    /// The value of the stored property `name` of `value` (unwrapped if optional), or `nil`
    /// when there is no such property.
    static func child(of value: Any, named name: String) -> Any? {
        guard state.labels(of: value).contains(name) else { return nil }
        state.countLookup()
        let mirror = Mirror(reflecting: value)
        guard let child = mirror.children.first(where: { $0.label == name })?.value else { return nil }
        let inner = Mirror(reflecting: child)
        guard inner.displayStyle == .optional else { return child }
        return inner.children.first?.value
    }

    /// Lookups that needed `Mirror` since the process started.
    static var lookups: Int { state.lookupCount }
}

private final class FallbackState: @unchecked Sendable {
    private let lock = NSLock()
    private var labelsByType: [ObjectIdentifier: Set<String>] = [:]
    private var lookups = 0

    func labels(of value: Any) -> Set<String> {
        let type = ObjectIdentifier(Swift.type(of: value))
        lock.lock()
        defer { lock.unlock() }
        if let known = labelsByType[type] { return known }
        let labels = Set(Mirror(reflecting: value).children.compactMap(\.label))
        labelsByType[type] = labels
        return labels
    }

    func countLookup() {
        lock.lock()
        lookups += 1
        lock.unlock()
    }

    var lookupCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return lookups
    }
}

/// For tests: a view model's lookup, without importing Mustache there.
protocol MustacheParentProbe {
    func probe(_ name: String) -> Any?
}

extension MustacheParentProbe where Self: MustacheParent {
    func probe(_ name: String) -> Any? { child(named: name) }
}
