/// Render keys: for each page or file that depends on a few reports only, a hash of everything
/// its bytes are made from, so a file whose key and file on disk are as the last build left them
/// is neither rendered nor written again (``SiteRenderer``). Computing a key costs a few hashes,
/// not a render: an edit to one report re-renders the files of that report and of the reports
/// whose related passages or word tables read it, and the small indexes.
///
/// What every key holds (the base): the tool version, the theme (every file's bytes, from
/// `Templates/` or the built-in theme), `site.yml` (title, description, language, base URL)
/// and `--base-url`, and `topics.yml`. Then:
/// - **report page**: the report's cache key (its bytes, path, `topics.yml`, tool version, which
///   also fix its figure count), the links written in its Markdown as resolved (they may name
///   other reports' anchors), and its related passages as linked: each one's report slug and
///   anchor (its URL), the lead sentence or text its label is cut from, its heading path and
///   report label (its context), its shared topics;
/// - **report figures page**: the report's cache key, and each neighbour's slug, place, year and
///   cache key (its rank column), and how many reports count each word of its table;
/// - **a report's page for a topic**: the report's cache key and the topic;
/// - **a report's figures.csv / figures.json**: the report's cache key and the format;
/// - **a report's search index file**: the report's cache key (its slug is part of its path,
///   and the topic keys its topics index come from `topics.yml`, in the base).
///
/// Home, the topic indexes and overview, the figures overview and indicator pages and search
/// read every report: their key is the base and the hash of their view model, known only once
/// the model is made (``SiteRenderer/Job/modelKeyBase``), so they are rendered when what they
/// show changed. The site-wide data files are made on every build (and written only when their
/// bytes change).
struct RenderKeys {
    var reportPage: [UInt64]
    var figuresPage: [UInt64]
    /// What every key holds (see the type's documentation).
    private(set) var base: UInt64
    private var reportKeys: [UInt64]

    /// Keys for the reports of `builder.index`, whose cache keys are `reportKeys` (site order).
    init(builder: PageModelBuilder, version: String, templatesHash: UInt64, siteHash: UInt64, topicsHash: UInt64, reportKeys: [UInt64]) {
        var hash = ContentHash()
        hash.combine("render keys 4")
        hash.combine(version)
        hash.combine(templatesHash)
        hash.combine(siteHash)
        hash.combine(topicsHash)
        // Labels of reports that share place and year name other reports' titles; such groups
        // are rare, and a change to them re-renders every page.
        for group in builder.index.labels.sharedGroups {
            hash.combine(group.count)
            for slug in group { hash.combine(builder.index.labels.bySlug[slug] ?? slug) }
        }
        let base = hash.value
        self.base = base
        self.reportKeys = reportKeys
        let index = builder.index
        let figures = builder.figures
        let pairs = Parallel.map(Array(index.reports.indices)) { r -> (UInt64, UInt64) in
            let report = index.reports[r]
            var page = ContentHash()
            page.combine(base)
            page.combine("report page")
            page.combine(reportKeys[r])
            for destination in MarkdownLinks.destinations(of: report) { page.combine(destination) }
            // What each related passage's link is made of (``PageModelBuilder/relatedLinks(_:)``),
            // not the link: its label is cut at a clause boundary outside figures, which cost more
            // than all the rest of the keys (perf, 1,000 reports), so the text it is cut from
            // stands for it.
            for group in RelatedPassages.listingGroups(of: report, reportIndex: r) {
                let items = index.related[group] ?? []
                page.combine(items.count)
                for item in items {
                    let entry = index.entries[item.entry]
                    let target = index.reports[entry.reportIndex]
                    page.combine(target.slug)
                    let passage = index.passage(entry)
                    page.combine(passage.anchor)
                    page.combine(passage.leadSentence ?? passage.text)
                    page.combine(entry.reportIndex == r ? "" : builder.shortTitle(target))
                    page.combine(builder.headingPath(entry))
                    page.combine(item.sharedTopics.count)
                    for topic in item.sharedTopics { page.combine(topic) }
                }
            }
            var figuresPage = ContentHash()
            figuresPage.combine(base)
            figuresPage.combine("figures page")
            figuresPage.combine(reportKeys[r])
            figuresPage.combine(index.reports.count)
            for other in builder.comparedReports(r) {
                figuresPage.combine(index.reports[other].slug)
                figuresPage.combine(index.reports[other].metadata.place)
                figuresPage.combine(index.reports[other].metadata.year)
                figuresPage.combine(reportKeys[other])
            }
            for entry in figures.words[r].entries.prefix(WordFrequency.tableLimit) {
                figuresPage.combine(figures.wordReportCounts[ByteKey(entry.term)] ?? 0)
            }
            return (page.value, figuresPage.value)
        }
        reportPage = pairs.map(\.0)
        figuresPage = pairs.map(\.1)
    }

    /// The key of report `r`'s page for `topic`.
    func topicReportPage(_ r: Int, topic: String) -> UInt64 { reportOnly(r, kind: "topic report page", detail: topic) }

    /// The key of report `r`'s search index file (`search/data/r/<slug>.js`).
    func searchFile(_ r: Int) -> UInt64 { reportOnly(r, kind: "search index", detail: "") }

    /// The key of report `r`'s figures data file in `format`.
    func reportData(_ r: Int, format: String) -> UInt64 { reportOnly(r, kind: "figures data", detail: format) }

    /// The key of a file of `kind` made from report `r` alone (and the base), told apart from
    /// the report's other files of that kind by `detail`.
    private func reportOnly(_ r: Int, kind: String, detail: String) -> UInt64 {
        var hash = ContentHash()
        hash.combine(base)
        hash.combine(kind)
        hash.combine(detail)
        hash.combine(reportKeys[r])
        return hash.value
    }
}
