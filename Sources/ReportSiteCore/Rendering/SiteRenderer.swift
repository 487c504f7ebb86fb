import Foundation

/// One file of the built site: its path in the output directory and its bytes.
public struct OutputFile: Sendable, Equatable {
    /// Relative path with `/` separators (`reports/hohhot-2022/index.html`).
    public var path: String
    public var data: Data
}

/// The **render** stage: view models through the Mustache templates, the search index, and
/// the assets. Pages are rendered in parallel; the result is sorted by path, so it does not
/// depend on the order they finish in.
struct SiteRenderer {
    let index: SiteIndex
    let figures: FigureIndex
    let templates: TemplateSet
    let templatesDisplayPath: String

    /// What the stage produced.
    struct Result {
        /// Every file rendered, sorted by path.
        var files: [OutputFile]
        /// The paths of the report pages not rendered (``render(reusing:progress:log:)``).
        var reused: [String]
        /// Sizes of the search index among them.
        var search: SearchIndexSummary
    }

    /// Renders every page and the search index. A template that renders nothing for a page is
    /// reported as an error.
    /// - Parameters:
    ///   - reused: indices of reports whose page is not rendered: the caller knows the file on
    ///     disk is what rendering would produce (``PageKeys``).
    ///   - progress: counts pages as they are rendered.
    func render(reusing reused: Set<Int> = [], progress: BuildProgress? = nil, log: inout DiagnosticLog) -> Result {
        let builder = PageModelBuilder(index: index, figures: figures)
        let figures = self.figures
        let index = self.index
        let templates = self.templates
        let templatesDisplayPath = self.templatesDisplayPath
        // Each job renders one page; the search index is one job too.
        enum Job {
            case page(SitePage, template: String, model: (PageModelBuilder) -> Any)
            case searchIndex
            /// `figures.csv` and `figures.json`, of each report and of the site.
            case figureData
        }
        var jobs: [Job] = []
        // The largest pages first, so the cores finish together.
        for topic in index.catalog.topics {
            jobs.append(.page(.topic(key: topic.key), template: "topic", model: { $0.topicPage(topic) }))
        }
        jobs.append(.searchIndex)
        jobs.append(.page(.home, template: "home", model: { $0.homePage() }))
        jobs.append(.page(.topicsIndex, template: "topics", model: { $0.topicsOverview() }))
        jobs.append(.page(.search, template: "search", model: { $0.searchPage() }))
        jobs.append(.page(.notFound, template: "404", model: { $0.notFoundPage() }))
        for reportIndex in index.reports.indices where !reused.contains(reportIndex) {
            jobs.append(.page(.report(slug: index.reports[reportIndex].slug), template: "report", model: { $0.reportPage(reportIndex) }))
        }
        for reportIndex in index.reports.indices {
            jobs.append(.page(.reportFigures(slug: index.reports[reportIndex].slug), template: "figures", model: { $0.figuresPage(reportIndex) }))
        }
        jobs.append(.page(.figuresOverview, template: "figures-overview", model: { $0.figuresOverview() }))
        jobs.append(.figureData)
        progress?.setPagesToRender(jobs.count - 2)

        let outcomes = Parallel.map(jobs) { job -> (files: [OutputFile], search: SearchIndexFiles?, problem: Diagnostic?) in
            switch job {
            case .searchIndex:
                let search = builder.searchIndexFiles()
                return (search.files, search, nil)
            case .figureData:
                return (FigureExport.files(figures: figures, index: index), nil, nil)
            case .page(let page, let template, let model):
                defer { progress?.pageRendered() }
                guard let html = templates.render(TemplateValue.convert(model(builder)), template: template) else {
                    return ([], nil, Diagnostic(
                        .error, at: SourceLocation(path: templatesDisplayPath + "/" + template + ".mustache"),
                        "template is missing", stage: .render))
                }
                return ([OutputFile(path: page.outputPath, data: Data(html.utf8))], nil, nil)
            }
        }
        var files: [OutputFile] = []
        var search = SearchIndexSummary()
        for outcome in outcomes {
            files += outcome.files
            if let problem = outcome.problem { log.report(problem) }
            if let summary = outcome.search?.summary { search = summary }
        }
        files.append(SiteMetadataFiles.robots(baseURL: index.site.baseURL))
        if let sitemap = SiteMetadataFiles.sitemap(
            pages: SitePage.pages(reportSlugs: index.reports.map(\.slug), topicKeys: index.catalog.keys), baseURL: index.site.baseURL) {
            files.append(sitemap)
        }
        for asset in templates.assets {
            files.append(OutputFile(path: SitePage.asset(path: asset.path).outputPath, data: asset.data))
        }
        let reusedPaths = reused.sorted().map { SitePage.report(slug: index.reports[$0].slug).outputPath }
        return Result(files: files.sorted { $0.path < $1.path }, reused: reusedPaths, search: search)
    }
}
