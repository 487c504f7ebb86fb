import Dispatch
import Foundation

/// Builds a site: the whole pipeline, in order, on one screen.
///
/// ```
/// load → structure → classify → link → figures → render → write
/// ```
/// Each stage takes the previous one's result. Problems are collected across stages (one run
/// reports every bad file); when there is any error, the build stops before **write**, so
/// nothing is written, and throws ``BuildFailure`` with every diagnostic.
public struct SiteBuilder {
    public var options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Runs the pipeline.
    /// - Returns: what was built, with stage times (milliseconds) and warnings.
    /// - Throws: ``BuildFailure`` with every diagnostic (errors and warnings), sorted by location.
    public func build() throws -> BuildSummary {
        var log = DiagnosticLog()
        var summary = BuildSummary()
        let content = BuildOptions.url(options.contentPath)
        let templatesURL = BuildOptions.url(options.templatesPath)
        let output = BuildOptions.url(options.outputPath)
        let contentDisplay = BuildOptions.display(options.contentPath)
        let templatesDisplay = BuildOptions.display(options.templatesPath)
        let outputDisplay = BuildOptions.display(options.outputPath)

        func stage<T>(_ stage: BuildStage, _ body: () throws -> T) rethrows -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            let result = try body()
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
            if let last = summary.stageTimes.last, last.stage == stage {
                summary.stageTimes[summary.stageTimes.count - 1].milliseconds += milliseconds
            } else {
                summary.stageTimes.append((stage, milliseconds))
            }
            return result
        }
        func fail() -> BuildFailure { BuildFailure(diagnostics: log.sorted) }

        // The output folder is checked first: a refused folder is never touched.
        log.report(contentsOf: OutputDirectoryPolicy.check(
            output: output, outputDisplay: outputDisplay,
            protected: [(content, contentDisplay), (templatesURL, templatesDisplay)]))
        if log.hasErrors { throw fail() }

        let loaded = stage(.load) { ContentLoader(directory: content, displayPath: contentDisplay).load(log: &log) }
        let templates = stage(.load) { TemplateSet.load(directory: templatesURL, displayPath: templatesDisplay, log: &log) }
        let structured = stage(.structure) {
            loaded?.reports.compactMap { ReportStructurer(source: $0).structure(log: &log) } ?? []
        }
        let classified = stage(.classify) { () -> [Report] in
            guard let loaded else { return [] }
            let classifier = Classifier(catalog: loaded.topics)
            return structured.compactMap { classifier.classify($0, log: &log) }
        }
        guard let loaded, let templates, !log.hasErrors else { throw fail() }
        let index = stage(.link) { SiteIndex(site: loaded.site, catalog: loaded.topics, reports: classified) }
        let figures = stage(.figures) { FigureIndex(index: index) }
        let rendered = stage(.render) {
            SiteRenderer(index: index, figures: figures, templates: templates, templatesDisplayPath: templatesDisplay).render(log: &log)
        }
        let files = rendered.files
        let writer = OutputWriter(directory: output, displayPath: outputDisplay)
        log.report(contentsOf: writer.conflicts(for: files))
        if log.hasErrors { throw fail() }
        if !options.dryRun {
            do {
                summary.write = try stage(.write) { () throws -> WriteSummary in try writer.write(files) }
            } catch let diagnostic as Diagnostic {
                log.report(diagnostic)
                throw fail()
            }
        }
        summary.reportCount = classified.count
        summary.passageCount = index.entries.count
        summary.figureCount = figures.mentions.count
        summary.files = files
        summary.search = rendered.search
        summary.pageCount = files.filter { $0.path.hasSuffix(".html") }.count
        summary.warnings = log.sorted
        return summary
    }
}
