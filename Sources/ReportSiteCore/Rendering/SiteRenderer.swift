import Foundation

/// One file of the built site: its path in the output directory and its bytes.
public struct OutputFile: Sendable, Equatable {
    /// Relative path with `/` separators (`reports/hohhot-2022/index.html`).
    public var path: String
    public var data: Data
}

/// The **render** stage: view models through the Mustache templates, the search index, and
/// the assets.
struct SiteRenderer {
    let index: SiteIndex
    let figures: FigureIndex
    let templates: TemplateSet
    let templatesDisplayPath: String

    /// What the stage produced.
    struct Result {
        /// Every file of the site, sorted by path.
        var files: [OutputFile]
        /// Sizes of the search index among them.
        var search: SearchIndexSummary
    }

    /// Renders every page and the search index. A template that renders nothing for a page is
    /// reported as an error.
    func render(log: inout DiagnosticLog) -> Result {
        let builder = PageModelBuilder(index: index, figures: figures)
        var files: [OutputFile] = []
        func emit(_ page: SitePage, _ model: Any, template: String) {
            guard let html = templates.render(TemplateValue.convert(model), template: template) else {
                log.report(Diagnostic(
                    .error, at: SourceLocation(path: templatesDisplayPath + "/" + template + ".mustache"),
                    "template is missing", stage: .render))
                return
            }
            files.append(OutputFile(path: page.outputPath, data: Data(html.utf8)))
        }
        emit(.home, builder.homePage(), template: "home")
        for reportIndex in index.reports.indices {
            emit(.report(slug: index.reports[reportIndex].slug), builder.reportPage(reportIndex), template: "report")
        }
        emit(.topicsIndex, builder.topicsOverview(), template: "topics")
        for topic in index.catalog.topics {
            emit(.topic(key: topic.key), builder.topicPage(topic), template: "topic")
        }
        emit(.search, builder.searchPage(), template: "search")
        for reportIndex in index.reports.indices {
            emit(.reportFigures(slug: index.reports[reportIndex].slug), builder.figuresPage(reportIndex), template: "figures")
        }
        emit(.figuresOverview, builder.figuresOverview(), template: "figures-overview")
        files += FigureExport.files(figures: figures, index: index)
        let search = builder.searchIndexFiles()
        files += search.files
        for asset in templates.assets {
            files.append(OutputFile(path: SitePage.asset(path: asset.path).outputPath, data: asset.data))
        }
        return Result(files: files.sorted { $0.path < $1.path }, search: search.summary)
    }
}
