import Foundation

/// Entry points for the fuzzer (`Fuzz/`, run by `scripts/fuzz.sh`) and for the regression tests
/// of what it found: each feeds arbitrary bytes to one part of the tool and must return, never
/// trap, loop or exhaust the stack, whatever the bytes.
///
/// The first byte of an input chooses the target (its value modulo the number of targets), the
/// rest is the target's input, so one libFuzzer binary covers all of them and a crash file
/// replays with ``run(_:)`` alone.
public enum FuzzEntryPoints {
    /// The targets, in the order of their selector byte.
    public enum Target: Int, CaseIterable, Sendable {
        /// The bytes are a whole report file: UTF-8 check, front matter, Markdown, structure,
        /// annotations, anchors, topics, Markdown links, the report page's view model and the
        /// search index.
        case reportFile
        /// The bytes are the body of a report with valid front matter (so the fuzzer spends its
        /// time in the Markdown, the annotations and the links rather than in front matter).
        case reportBody
        /// The bytes are front matter YAML (between the `---` lines).
        case frontMatter
        /// The bytes are a published report as `reportsite import` receives it (text in any
        /// encoding, or a Word file).
        case importer
        /// The bytes are `site.yml`, then `topics.yml` (after a NUL byte, if any).
        case settings
    }

    /// Runs the target chosen by the first byte on the remaining bytes.
    /// - Returns: the number of diagnostics produced (so the work cannot be optimised away).
    @discardableResult
    public static func run(_ input: Data) -> Int {
        guard let selector = input.first else { return 0 }
        let target = Target.allCases[Int(selector) % Target.allCases.count]
        return run(target, Data(input.dropFirst()))
    }

    /// Runs one target on `data`. See ``Target`` for what each does with it.
    @discardableResult
    public static func run(_ target: Target, _ data: Data) -> Int {
        var log = DiagnosticLog()
        switch target {
        case .reportFile:
            pipeline(data, log: &log)
        case .reportBody:
            pipeline(Data(frontMatter.utf8) + data, log: &log)
        case .frontMatter:
            let text = String(decoding: data, as: UTF8.self)
            _ = ReportMetadata.parse(YAMLSource(path: "fuzz.md", text: text, lineOffset: 1), log: &log)
        case .importer:
            let isZip = data.starts(with: [0x50, 0x4B])
            do {
                let result = try ReportImporter.importData(data, path: isZip ? "fuzz.docx" : "fuzz.txt", slug: "fuzz")
                // What the importer writes must load as a report again.
                pipeline(Data(result.markdown.utf8), log: &log)
            } catch {
                log.report(error)
            }
        case .settings:
            let parts = data.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
            _ = SiteConfig.parse(String(decoding: parts.first ?? Data(), as: UTF8.self), path: "site.yml", log: &log)
            if parts.count > 1 {
                _ = TopicCatalog.parse(String(decoding: parts[1], as: UTF8.self), path: "topics.yml", log: &log)
            }
        }
        return log.all.count
    }

    // MARK: - Private

    static let frontMatter = """
        ---
        title: 政府工作报告
        place: 某市
        level: city
        year: 2024
        date: 2024-01-15
        speaker: 张三
        meeting: 某市人民代表大会
        ---

        """

    /// A small catalog with the shapes of the real one: keywords, ambiguous words, exclusions.
    static let catalog: TopicCatalog? = {
        var log = DiagnosticLog()
        return TopicCatalog.parse("""
            version: 1
            generic: [发展, 建设]
            topics:
              ecology:
                name_zh: 生态环境
                name_en: Ecology
                keywords: [生态, 污染, PM2.5]
                ambiguous: {草原: [rural]}
                exclude: [政治生态]
              rural:
                name_zh: 乡村振兴
                name_en: Rural
                keywords: [乡村, 农业, 粮食]
            """, path: "topics.yml", log: &log)
    }()

    /// Load, structure, classify, link and render-model one report (`r.md`) next to a second,
    /// fixed one (`other.md`) that its links may name.
    private static func pipeline(_ data: Data, log: inout DiagnosticLog) {
        guard let catalog else { return }
        let loader = ContentLoader(directory: URL(fileURLWithPath: "/nonexistent"), displayPath: "Content")
        let other = Data((frontMatter + "## 一、第一部分\n\n**生态优先**。保护草原。\n").utf8)
        let sources = [loader.report(named: "r.md", data: data, log: &log), loader.report(named: "other.md", data: other, log: &log)]
        let classifier = Classifier(catalog: catalog)
        let classified = sources.compactMap { $0 }.compactMap { ReportStructurer(source: $0).structure(log: &log) }
            .compactMap { classifier.classify($0, log: &log) }
        let pages = SitePage.linkablePages(reportSlugs: classified.map(\.slug), topicKeys: catalog.keys)
        let reports = MarkdownLinks(reports: classified, slugsOnDisk: ["r", "other"], producedPaths: Set(pages.map(\.outputPath)))
            .resolve(log: &log)
        log.report(contentsOf: ContentChecks.reportsWithoutTopics(reports))
        let site = SiteConfig(title: "测试", baseURL: "https://example.org/")
        let index = SiteIndex(site: site, catalog: catalog, reports: reports)
        let figures = FigureIndex(index: index)
        let builder = PageModelBuilder(index: index, figures: figures)
        for reportIndex in index.reports.indices {
            _ = builder.reportPage(reportIndex)
            _ = builder.figuresPage(reportIndex)
        }
        _ = builder.figuresOverview()
        for comparison in figures.comparisons { _ = builder.figuresIndicatorPage(comparison) }
        _ = FigureExport.siteCSV(figures: figures, index: index)
        _ = FigureExport.reportsCSV(figures: figures, index: index)
        for reportIndex in index.reports.indices {
            for format in FigureExport.formats { _ = FigureExport.reportFile(format, reportIndex: reportIndex, figures: figures, index: index) }
            for topic in catalog.topics where index.count(of: topic.key, inReport: reportIndex) > 0 {
                _ = builder.topicReportPage(topic, reportIndex: reportIndex)
            }
        }
        for topic in catalog.topics { _ = builder.topicIndexPage(topic, page: 1) }
        _ = builder.topicsOverview(page: 1)
        _ = builder.homePage()
        _ = builder.searchIndexFiles()
    }
}
