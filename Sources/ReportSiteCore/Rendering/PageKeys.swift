/// Render keys: for each report page, a hash of everything its view model and its HTML are made
/// from, so a page whose key and file are as the last build left them is not rendered again.
///
/// What ``PageModelBuilder/reportPage(_:)`` reads, and so what goes into a key:
/// - the templates (every file under `Templates/`), the tool version;
/// - `site.yml` (title, description, language, base URL) and `topics.yml` (badges' names);
/// - the navigation: every report's slug, place and year, in site order;
/// - the report itself: its cache key (its bytes, path, `topics.yml`, tool version), which also
///   fixes the count of its figures shown on the page (extracted from its own text only);
/// - the related passages of each of its groups, as linked (URL, label, context, topics), which
///   depend on other reports;
/// - the links written in its Markdown as resolved (``MarkdownLinks``), which may depend on the
///   anchors of other reports.
///
/// The topic, overview, home and search pages, and the search index, depend on every report and
/// are always rendered (their files are still rewritten only when their bytes change).
enum PageKeys {
    /// The part of every report page's key that the whole site shares.
    static func base(version: String, templatesHash: UInt64, siteHash: UInt64, topicsHash: UInt64, reports: [Report]) -> UInt64 {
        var hash = ContentHash()
        hash.combine("report page")
        hash.combine(version)
        hash.combine(templatesHash)
        hash.combine(siteHash)
        hash.combine(topicsHash)
        hash.combine(reports.count)
        for report in reports {
            hash.combine(report.slug)
            hash.combine(report.metadata.place)
            hash.combine(report.metadata.year)
        }
        return hash.value
    }

    /// The key of each report's page, in report order.
    /// - Parameters:
    ///   - base: from ``base(version:templatesHash:siteHash:topicsHash:reports:)``.
    ///   - reportKeys: each report's cache key (``BuildCache/reportKey(version:topicsHash:file:displayPath:bytesHash:)``).
    static func reportPages(builder: PageModelBuilder, base: UInt64, reportKeys: [UInt64]) -> [UInt64] {
        let index = builder.index
        return index.reports.indices.map { r in
            var hash = ContentHash()
            hash.combine(base)
            hash.combine(reportKeys[r])
            let report = index.reports[r]
            for destination in MarkdownLinks.destinations(of: report) { hash.combine(destination) }
            for (p, part) in report.parts.enumerated() {
                let groups = part.sections.isEmpty
                    ? [GroupKey(reportIndex: r, partIndex: p, sectionIndex: nil)]
                    : part.sections.indices.map { GroupKey(reportIndex: r, partIndex: p, sectionIndex: $0) }
                for group in groups {
                    let links = builder.relatedLinks(group)
                    hash.combine(links.count)
                    for link in links {
                        hash.combine(link.url)
                        hash.combine(link.label)
                        hash.combine(link.context)
                        hash.combine(link.topics.count)
                        for topic in link.topics { hash.combine(topic) }
                    }
                }
            }
            return hash.value
        }
    }
}
