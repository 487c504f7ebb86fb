import Foundation

/// One file of the built site: its path in the output directory and its bytes.
public struct OutputFile: Sendable, Equatable {
    /// Relative path with `/` separators (`reports/hohhot-2022/index.html`).
    public var path: String
    public var data: Data
}

/// The **render** stage, streamed: every file of the site is one job that builds its view model,
/// renders it, checks it and hands it to a sink (the output folder, a list, or nothing) at once,
/// so the site is never held in memory; the stage keeps only what the manifest needs.
///
/// A job with a render key (``RenderKeys``) whose key and file on disk are as the last build
/// left them is not rendered at all. Jobs run on every core; what they report is sorted by path,
/// so nothing depends on the order they finish in.
struct SiteRenderer {
    let index: SiteIndex
    let figures: FigureIndex
    /// Each report's full-text index, in site order (``SearchIndexHandle``).
    let search: [SearchIndexHandle]
    /// The search merge's group tables of the last build, and where this one's go; `nil` to
    /// merge every group.
    var termCache: TermMergeCache? = nil
    let templates: TemplateSet
    let templatesDisplayPath: String
    let outputDisplayPath: String

    /// One file (or, for the search index, a set of files) to produce.
    struct Job {
        enum Work {
            /// A page: a view model through a page template.
            case page(SitePage, template: String, model: (PageModelBuilder) -> Any)
            /// A data file made without templates.
            case data(path: String, make: (PageModelBuilder) -> Data)
            /// The search index's global files (`meta.js` and the term shards, whose number
            /// depends on the index's size), merged from every report's index.
            case searchIndex
            /// The site's `figures/figures.csv`: every report's `figures.csv` under one header,
            /// each taken from the last build's file when its render key (`reportKeys[r]`) is
            /// unchanged, so an edit makes only the edited report's rows again.
            case siteFigures(path: String, reportKeys: [UInt64])
        }

        var work: Work
        /// What the output depends on (``RenderKeys``); 0 for a file made on every build
        /// (one that reads the whole site).
        var key: UInt64 = 0
        /// For a page made from the whole site (key 0): the base of its key (``RenderKeys/base``),
        /// which its model's hash (``ModelHashing``) completes once the model is made; the page
        /// is then rendered only when that key differs from the last build's. An edit to one
        /// report left nearly all of the 80 site-wide pages of a 1,000-report site as they were,
        /// yet rendering them was a tenth of the rebuild (perf). 0: always rendered.
        var modelKeyBase: UInt64 = 0

        /// The output path, known before rendering (`nil` for the search index).
        var path: String? {
            switch work {
            case .page(let page, _, _): return page.outputPath
            case .data(let path, _): return path
            case .siteFigures(let path, _): return path
            case .searchIndex: return nil
            }
        }
    }

    /// Where rendered files go. Called from any thread; throws a `Diagnostic` to report a
    /// problem with one file (the other jobs go on).
    typealias Sink = @Sendable (_ file: OutputFile, _ renderKey: UInt64) throws -> Void
    /// Where a file made in pieces goes (the site's `figures.csv`), when it need not be held
    /// whole: `produce` hands each piece to `emit`, in order. Returns the file's size in bytes.
    /// Called from any thread; throws like ``Sink``.
    typealias StreamSink = @Sendable (_ path: String, _ renderKey: UInt64, _ produce: ((Data) throws -> Void) throws -> Void) throws -> Int
    /// The record of a file the last build wrote with this render key, when the file on disk is
    /// still as it left it (then the job is not rendered); `nil` otherwise.
    typealias Reuse = @Sendable (_ path: String, _ renderKey: UInt64) -> BuildState.Output?
    /// The bytes of a file the last build wrote with this render key, when the file on disk is
    /// still as it left it; `nil` otherwise (and always when there is no output folder).
    typealias Previous = @Sendable (_ path: String, _ renderKey: UInt64) -> Data?

    /// What the stage produced.
    struct Result {
        /// The path of every file of the site, sorted.
        var paths: [String] = []
        /// Pages rendered by this build, and pages whose file was kept as it was.
        var pagesRendered = 0
        var pagesReused = 0
        /// Bytes of every file rendered.
        var renderedBytes = 0
        /// Sizes of the search index.
        var search = SearchIndexSummary()
        /// The largest HTML page rendered: path and bytes.
        var largestPage: (path: String, bytes: Int) = ("", 0)
    }

    /// Every file of the site, the largest pages first (so the cores finish together).
    func plan(keys: RenderKeys) -> [Job] {
        var jobs: [Job] = []
        let topicPages = TopicPagination(index: index)
        jobs.append(Job(work: .searchIndex))
        jobs.append(Job(work: .page(.home, template: "home", model: { $0.homePage() })))
        for number in 1...topicPages.overviewPageCount {
            jobs.append(Job(work: .page(TopicPagination.overviewPage(number), template: "topics", model: { $0.topicsOverview(page: number) })))
        }
        for topic in index.catalog.topics {
            for number in 1...topicPages.indexPageCount(topic.key) {
                jobs.append(Job(work: .page(TopicPagination.indexPage(topic.key, number), template: "topic", model: { $0.topicIndexPage(topic, page: number) })))
            }
        }
        jobs.append(Job(work: .page(.search, template: "search", model: { $0.searchPage() })))
        jobs.append(Job(work: .page(.notFound, template: "404", model: { $0.notFoundPage() })))
        jobs.append(Job(work: .page(.figuresOverview, template: "figures-overview", model: { $0.figuresOverview() })))
        for comparison in figures.comparisons {
            let id = comparison.pageID
            jobs.append(Job(work: .page(.figuresIndicator(id: id), template: "figures-indicator", model: { $0.figuresIndicatorPage(comparison) })))
        }
        jobs.append(Job(work: .siteFigures(
            path: SitePage.figuresData(slug: nil, format: "csv").outputPath,
            reportKeys: index.reports.indices.map { keys.reportData($0, format: "csv") })))
        jobs.append(Job(work: .data(path: SitePage.figuresReports.outputPath, make: { FigureExport.reportsCSV(figures: $0.figures, index: $0.index) })))
        let topicKeys = index.catalog.keys
        for (r, report) in index.reports.enumerated() {
            let slug = report.slug
            jobs.append(Job(work: .page(.report(slug: slug), template: "report", model: { $0.reportPage(r) }), key: keys.reportPage[r]))
            jobs.append(Job(work: .page(.reportFigures(slug: slug), template: "figures", model: { $0.figuresPage(r) }), key: keys.figuresPage[r]))
            let shard = search[r]
            jobs.append(Job(
                work: .data(path: SitePage.searchData(name: SearchIndexFiles.reportName(slug: slug) + ".js").outputPath,
                            make: { _ in shard.reportFile(slug: slug) { ReportSearchIndex.makeWithData(report, topicKeys: topicKeys).data }.data }),
                key: keys.searchFile(r)))
            for format in FigureExport.formats {
                jobs.append(Job(
                    work: .data(path: SitePage.figuresData(slug: slug, format: format).outputPath, make: { FigureExport.reportFile(format, reportIndex: r, figures: $0.figures, index: $0.index) }),
                    key: keys.reportData(r, format: format)))
            }
            for topic in index.catalog.topics where index.count(of: topic.key, inReport: r) > 0 {
                jobs.append(Job(
                    work: .page(.topicReport(key: topic.key, slug: slug), template: "topic-report", model: { $0.topicReportPage(topic, reportIndex: r) }),
                    key: keys.topicReportPage(r, topic: topic.key)))
            }
        }
        for i in jobs.indices where jobs[i].key == 0 {
            if case .page = jobs[i].work { jobs[i].modelKeyBase = keys.base }
        }
        return jobs
    }

    /// Runs `jobs`, handing every file to `sink`, and the robots file, the sitemap and the
    /// assets after them. Problems (a template that renders nothing, a duplicate id, a path
    /// that leaves the output folder, a file the sink refused) go to `log`.
    func render(
        _ jobs: [Job], reuse: Reuse, previous: Previous = { _, _ in nil }, sink: Sink, stream: StreamSink? = nil,
        progress: BuildProgress? = nil, log: inout DiagnosticLog
    ) -> Result {
        let builder = PageModelBuilder(index: index, figures: figures)
        let templates = self.templates
        let templatesDisplayPath = self.templatesDisplayPath
        let outputDisplayPath = self.outputDisplayPath
        progress?.setPagesToRender(jobs.count)

        struct Outcome {
            var paths: [String] = []
            var problems: [Diagnostic] = []
            var rendered = 0
            var reused = 0
            var bytes = 0
            var search: SearchIndexSummary?
            var largest: (path: String, bytes: Int) = ("", 0)
        }
        func hand(_ file: OutputFile, key: UInt64, to outcome: inout Outcome) {
            outcome.paths.append(file.path)
            outcome.bytes += file.data.count
            if file.path.hasSuffix(".html"), file.data.count > outcome.largest.bytes { outcome.largest = (file.path, file.data.count) }
            guard SafePath.isContained(file.path) else {
                outcome.problems.append(Diagnostic(.error, at: SourceLocation(path: outputDisplayPath), "refused to write `\(file.path)`: the path leaves the output directory", stage: .write))
                return
            }
            if file.path.hasSuffix(".html") {
                let duplicates = RenderedPageChecks.duplicateIDs(in: [file], displayPath: outputDisplayPath)
                guard duplicates.isEmpty else { outcome.problems += duplicates; return }
            }
            write(file.path, to: &outcome) { try sink(file, key) }
        }
        /// Runs one file's write, its error kept as the file's problem (the other jobs go on).
        func write(_ path: String, to outcome: inout Outcome, _ body: () throws -> Void) {
            do {
                try body()
            } catch let diagnostic as Diagnostic {
                outcome.problems.append(diagnostic)
            } catch {
                outcome.problems.append(Diagnostic(.error, at: SourceLocation(path: outputDisplayPath + "/" + path), "cannot write: \(error.localizedDescription)", stage: .write))
            }
        }
        let outcomes = Parallel.map(jobs) { job -> Outcome in
            defer { progress?.pageRendered() }
            var outcome = Outcome()
            if job.key != 0, let path = job.path, reuse(path, job.key) != nil {
                outcome.paths.append(path)
                // Pages only, as `rendered` counts them (data files kept are not pages).
                if case .page = job.work { outcome.reused += 1 }
                return outcome
            }
            switch job.work {
            case .searchIndex:
                let site = SearchIndexFiles.siteFiles(reports: builder.searchEntries(search.map(\.summary)), topics: builder.searchTopics(), cache: termCache)
                outcome.search = site.summary
                for file in site.files { hand(file, key: 0, to: &outcome) }
            case .data(let path, let make):
                hand(OutputFile(path: path, data: make(builder)), key: job.key, to: &outcome)
            case .siteFigures(let path, let reportKeys):
                @Sendable func previousFile(_ r: Int) -> Data? {
                    previous(SitePage.figuresData(slug: builder.index.reports[r].slug, format: "csv").outputPath, reportKeys[r])
                }
                guard let stream else {
                    let data = FigureExport.siteCSV(figures: builder.figures, index: builder.index, previousFile: previousFile)
                    hand(OutputFile(path: path, data: data), key: job.key, to: &outcome)
                    break
                }
                // Written as it is made (not a page: no id check, no largest-page count).
                outcome.paths.append(path)
                var bytes = 0
                write(path, to: &outcome) {
                    bytes = try stream(path, job.key) { emit in
                        try FigureExport.siteCSV(figures: builder.figures, index: builder.index, previousFile: previousFile, emit: emit)
                    }
                }
                outcome.bytes += bytes
            case .page(let page, let template, let model):
                let value = model(builder)
                var key = job.key
                if key == 0, job.modelKeyBase != 0, let hashable = value as? ModelHashing {
                    var hash = ContentHash()
                    hash.combine(job.modelKeyBase)
                    hash.combine(page.outputPath)
                    hash.combine(template)
                    hashable.hash(into: &hash)
                    key = hash.value
                    if reuse(page.outputPath, key) != nil {
                        outcome.paths.append(page.outputPath)
                        outcome.reused += 1
                        return outcome
                    }
                }
                guard let html = templates.render(TemplateValue.convert(value), template: template) else {
                    outcome.problems.append(Diagnostic(
                        .error, at: SourceLocation(path: templates.file(of: template, fallback: templatesDisplayPath + "/" + template + ".mustache")),
                        "template is missing", stage: .render))
                    return outcome
                }
                outcome.rendered += 1
                hand(OutputFile(path: page.outputPath, data: Data(html.utf8)), key: key, to: &outcome)
            }
            return outcome
        }
        var result = Result()
        var total = Outcome()
        for outcome in outcomes {
            total.paths += outcome.paths
            total.problems += outcome.problems
            total.rendered += outcome.rendered
            total.reused += outcome.reused
            total.bytes += outcome.bytes
            if let search = outcome.search { result.search = search }
            if outcome.largest.bytes > total.largest.bytes { total.largest = outcome.largest }
        }
        // Small files that list the others.
        var extras = [SiteMetadataFiles.robots(baseURL: index.site.baseURL)]
        if let sitemap = SiteMetadataFiles.sitemap(pages: jobs.compactMap { job -> SitePage? in
            if case .page(let page, _, _) = job.work { return page }
            return nil
        }, baseURL: index.site.baseURL) {
            extras.append(sitemap)
        }
        for asset in templates.assets { extras.append(OutputFile(path: SitePage.asset(path: asset.path).outputPath, data: asset.data)) }
        for file in extras { hand(file, key: 0, to: &total) }
        for problem in total.problems.sorted(by: { $0.location.path < $1.location.path }) { log.report(problem) }
        result.paths = total.paths.sorted()
        result.pagesRendered = total.rendered
        result.pagesReused = total.reused
        result.renderedBytes = total.bytes
        result.largestPage = total.largest
        return result
    }
}
