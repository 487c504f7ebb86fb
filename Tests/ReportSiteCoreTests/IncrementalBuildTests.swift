import Foundation
import Testing
@testable import ReportSiteCore

/// What an incremental build reuses, what it leaves alone, and how it recovers.
@Suite("Incremental builds")
struct IncrementalBuildTests {
    static let basic = Repository.fixtures.appendingPathComponent("golden/basic/Content")

    @Test func unchangedReportsAreNotParsedAgain() throws {
        try withSite { content, output in
            let first = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            #expect(first.reportsParsed == 2 && first.reportsFromCache == 0)
            try append("新建学校5所。", to: content.appendingPathComponent("reports/demo-city-2024.md"))
            let second = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            #expect(second.reportsParsed == 1)
            #expect(second.reportsFromCache == 1)
            #expect(!second.upToDate)
        }
    }

    @Test func aSiteWithNothingChangedIsUpToDateAndNothingIsWritten() throws {
        try withSite { content, output in
            let first = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let before = modificationTimes(output)
            let second = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            #expect(second.upToDate)
            #expect(second.write.written.isEmpty && second.write.removed.isEmpty)
            #expect(second.pageCount == first.pageCount && second.fileCount == first.fileCount)
            #expect(second.warnings.map(\.summary) == first.warnings.map(\.summary))
            #expect(modificationTimes(output) == before)
        }
    }

    @Test func aPageWhoseInputsDidNotChangeIsNotRenderedAgain() throws {
        try withSite { content, output in
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            // A passage that shares no keyword or topic with the other report's sections.
            try append("各位代表辛苦了。", to: content.appendingPathComponent("reports/demo-province-2025.md"))
            let second = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            // The city report's files that read nothing of the province report: its page (its
            // related passages did not change), its data files, its search index file and its
            // three topic pages. Its figures page compares it with the province report (a
            // neighbour), so it is rendered.
            // And the site-wide pages whose view model is as before (the passage has no topic
            // and no figure): not found, search, the topics overview, the figures overview and
            // its indicator page. The home page counts passages, so it is rendered.
            // Pages kept: the city report's page and three topic pages, and those five.
            #expect(second.pagesReused == 9)
            #expect(second.pagesRendered + second.pagesReused == second.pageCount)
            let rendered = Set(second.files.map(\.path))
            for path in ["404.html", "search/index.html", "topics/index.html", "figures/index.html", "figures/i-3c5803623828/index.html"] {
                #expect(!rendered.contains(path), "\(path) was rendered again")
            }
            #expect(rendered.contains("index.html"))
            for path in ["reports/demo-city-2024/index.html", "reports/demo-city-2024/figures/figures.csv", "reports/demo-city-2024/figures/figures.json",
                         "search/data/r/demo-city-2024.js",
                         "topics/ecology/demo-city-2024/index.html", "topics/education/demo-city-2024/index.html", "topics/industry/demo-city-2024/index.html"] {
                #expect(!rendered.contains(path), "\(path) was rendered again")
            }
            #expect(rendered.contains("reports/demo-city-2024/figures/index.html"))
            #expect(rendered.contains("reports/demo-province-2025/index.html"))
            #expect(rendered.contains("topics/ecology/demo-province-2025/index.html"))
        }
    }

    /// Pages are keyed by the theme's bytes, not by where they were read from: the built-in
    /// theme, the repository's `Templates/` (its source, byte for byte) and a copy of it in
    /// another folder render nothing again; a changed file of the copy, or another base URL, does.
    @Test func theSameThemeFromAnotherFolderRendersNothingAgain() throws {
        try withSite { content, output in
            let first = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let temp = output.deletingLastPathComponent()
            let empty = temp.appendingPathComponent("NoTemplates"), copy = temp.appendingPathComponent("ThemeCopy")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Repository.templates, to: copy)
            for templates in [empty, copy] {
                let again = try #require(buildSite(content: content, templates: templates, output: output).success)
                #expect(again.pagesRendered == 0 && again.pagesReused == first.pageCount, "\(templates.lastPathComponent)")
                #expect(again.write.written.isEmpty)
            }
            try (try readText(copy.appendingPathComponent("404.mustache")) + "\n").write(to: copy.appendingPathComponent("404.mustache"), atomically: true, encoding: .utf8)
            let changed = try #require(buildSite(content: content, templates: copy, output: output).success)
            #expect(changed.pagesRendered == first.pageCount)

            var options = BuildOptions(content: content.path, templates: copy.path, output: output.path)
            options.keepsFiles = true
            options.baseURL = "https://example.org/reports/"
            let rebased = try SiteBuilder(options: options).build()
            #expect(rebased.pagesRendered == first.pageCount)
        }
    }

    @Test func unchangedFilesKeepTheirModificationTime() throws {
        try withSite { content, output in
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let before = modificationTimes(output)
            try append("新建学校5所。", to: content.appendingPathComponent("reports/demo-city-2024.md"))
            let second = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            #expect(second.write.written.contains("reports/demo-city-2024/index.html"))
            #expect(!second.write.written.contains("assets/style.css"))
            let after = modificationTimes(output)
            for (path, time) in before where !second.write.written.contains(path) && path != OutputWriter.manifestName {
                #expect(after[path] == time, "\(path) was touched")
            }
            for path in second.write.written { #expect(after[path] != before[path], "\(path) was not rewritten") }
        }
    }

    @Test func aRenamedReportsOldPageIsGone() throws {
        try withSite { content, output in
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let reports = content.appendingPathComponent("reports")
            try FileManager.default.moveItem(at: reports.appendingPathComponent("demo-city-2024.md"), to: reports.appendingPathComponent("demo-town-2024.md"))
            // The province report links to the city's page: the link follows the rename (a broken link fails the build).
            try relink(reports.appendingPathComponent("demo-province-2025.md"), to: "demo-town-2024.md")
            try "title: 测试站点\nreports: [demo-town-2024, demo-province-2025]\n".write(to: content.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
            let summary = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            #expect(summary.write.removed == [
                "reports/demo-city-2024/figures/figures.csv", "reports/demo-city-2024/figures/figures.json",
                "reports/demo-city-2024/figures/index.html", "reports/demo-city-2024/index.html",
                "search/data/r/demo-city-2024.js",
                "topics/ecology/demo-city-2024/index.html", "topics/education/demo-city-2024/index.html",
                "topics/industry/demo-city-2024/index.html",
            ])
            #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("reports/demo-city-2024").path))
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("reports/demo-town-2024/index.html").path))
            #expect(!(try readText(output.appendingPathComponent(OutputWriter.manifestName))).contains("demo-city-2024"))
        }
    }

    @Test func aForeignFileSurvivesIncrementalBuilds() throws {
        try withSite { content, output in
            try FileManager.default.createDirectory(at: output.appendingPathComponent("reports/demo-city-2024"), withIntermediateDirectories: true)
            try "mine".write(to: output.appendingPathComponent("reports/demo-city-2024/notes.txt"), atomically: true, encoding: .utf8)
            try "keep".write(to: output.appendingPathComponent("CNAME"), atomically: true, encoding: .utf8)
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            try append("新建学校5所。", to: content.appendingPathComponent("reports/demo-city-2024.md"))
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            // Deleting the report removes its pages but not the folder holding a foreign file.
            try FileManager.default.removeItem(at: content.appendingPathComponent("reports/demo-city-2024.md"))
            // The province report links to the city's page: that link goes too (a broken link fails the build).
            try relink(content.appendingPathComponent("reports/demo-province-2025.md"), to: "https://example.org/")
            try "title: 测试站点\nreports: [demo-province-2025]\n".write(to: content.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
            let last = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            // Its pages, its pages for each of its topics, and the page of the one indicator only
            // it set a target for.
            #expect(last.write.removed == [
                "figures/i-3c5803623828/index.html",
                "reports/demo-city-2024/figures/figures.csv", "reports/demo-city-2024/figures/figures.json",
                "reports/demo-city-2024/figures/index.html", "reports/demo-city-2024/index.html",
                "search/data/r/demo-city-2024.js",
                "topics/ecology/demo-city-2024/index.html", "topics/education/demo-city-2024/index.html",
                "topics/industry/demo-city-2024/index.html",
            ])
            #expect(try readText(output.appendingPathComponent("reports/demo-city-2024/notes.txt")) == "mine")
            #expect(try readText(output.appendingPathComponent("CNAME")) == "keep")
        }
    }

    @Test(arguments: [1, 2, 3, 5, 8, 13])
    func anInterruptedBuildLeavesAReadableSiteAndTheNextBuildRecovers(after operations: Int) throws {
        try withSite { content, output in
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let old = snapshot(output)
            // Changes that touch many files: a new report, a changed passage, a new site title.
            try copyTree(content.appendingPathComponent("reports/demo-city-2024.md"), to: content.appendingPathComponent("reports/demo-town-2024.md"))
            try append("新建学校5所。", to: content.appendingPathComponent("reports/demo-city-2024.md"))
            try "title: 新站点\nreports: [demo-city-2024, demo-town-2024, demo-province-2025]\n".write(to: content.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
            let clean = try #require(buildSite(content: content, templates: Repository.templates, output: output.appendingPathComponent("../clean"), dryRun: true).success)
            let new = Dictionary(uniqueKeysWithValues: clean.files.map { ($0.path, $0.data) })

            var options = BuildOptions(content: content.path, templates: Repository.templates.path, output: output.path)
            options.interruptAfterFileOperations = operations
            #expect(throws: BuildFailure.self) { try SiteBuilder(options: options).build() }
            // Readable: every page of the old site is there, each whole, old or new.
            for (path, data) in old where path != OutputWriter.manifestName {
                let now = FileManager.default.contents(atPath: output.appendingPathComponent(path).path)
                #expect(now == data || now == new[path], "\(path) is neither the old nor the new file")
            }

            let recovered = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            #expect(!recovered.upToDate)
            let files = listFiles(output).filter { $0 != OutputWriter.manifestName }
            #expect(files == new.keys.sorted())
            for (path, data) in new { #expect(FileManager.default.contents(atPath: output.appendingPathComponent(path).path) == data, "\(path)") }
            #expect(!listFiles(output, includingCache: true).contains { $0.hasSuffix(AtomicFile.temporarySuffix) || $0 == OutputWriter.journalName })
        }
    }

    @Test func aNewToolVersionParsesEveryReportAgain() throws {
        try withSite { content, output in
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            var options = BuildOptions(content: content.path, templates: Repository.templates.path, output: output.path)
            options.toolVersion = "99.0.0-test"
            let summary = try SiteBuilder(options: options).build()
            #expect(!summary.upToDate)
            #expect(summary.reportsParsed == 2 && summary.reportsFromCache == 0)
        }
    }

    @Test func aChangedTopicsFileClassifiesEveryReportAgain() throws {
        try withSite { content, output in
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let topics = content.appendingPathComponent("topics.yml")
            try (try readText(topics)).replacingOccurrences(of: "keywords: [教育, ", with: "keywords: [教育, 代表, ").write(to: topics, atomically: true, encoding: .utf8)
            let summary = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            #expect(summary.reportsParsed == 2)
        }
    }

    /// The site's `figures.csv` is written to disk in pieces as it is made (when the build does
    /// not keep its files in memory); the file is the one a build that keeps them makes, before
    /// and after an edit, and the golden site's.
    @Test func theSiteFiguresFileIsWrittenAsItIsMade() throws {
        try withSite { content, output in
            let path = "figures/figures.csv"
            let options = BuildOptions(content: content.path, templates: Repository.templates.path, output: output.path)
            let first = try SiteBuilder(options: options).build()
            #expect(first.write.written.contains(path) && first.files.isEmpty)
            let streamed = try Data(contentsOf: output.appendingPathComponent(path))
            #expect(streamed == (try Data(contentsOf: Repository.fixtures.appendingPathComponent("golden/basic/Expected/" + path))))
            func kept() throws -> Data? {
                try #require(buildSite(content: content, templates: Repository.templates, output: output, dryRun: true).success).files.first { $0.path == path }?.data
            }
            #expect(try kept() == streamed)
            try append("全年完成固定资产投资增长12.5%，新增就业岗位3.2万个。", to: content.appendingPathComponent("reports/demo-city-2024.md"))
            let second = try SiteBuilder(options: options).build()
            #expect(second.write.written.contains(path))
            let edited = try Data(contentsOf: output.appendingPathComponent(path))
            #expect(edited != streamed && edited.count > streamed.count)
            #expect(try kept() == edited)
        }
    }

    @Test func withoutTheCacheEveryReportIsParsed() throws {
        try withSite { content, output in
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let options = BuildOptions(content: content.path, templates: Repository.templates.path, output: output.path, useCache: false)
            let summary = try SiteBuilder(options: options).build()
            #expect(summary.reportsParsed == 2 && summary.pagesReused == 0 && !summary.upToDate)
            #expect(summary.write.written.isEmpty)
        }
    }

    @Test func aDamagedCacheIsIgnoredAndRebuilt() throws {
        try withSite { content, output in
            let first = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let cache = output.appendingPathComponent(BuildCache.folderName)
            for path in listFiles(cache) { try Data("damaged".utf8).write(to: cache.appendingPathComponent(path)) }
            let second = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            #expect(second.reportsParsed == 2)
            #expect(second.write.written.isEmpty)
            #expect(second.fileCount == first.fileCount)
        }
    }

    /// The cache keeps a report's search summary, not its index: when the search file of a
    /// report read from the cache must be written again (here: it was damaged), it is made again
    /// from the report, with the same bytes as the build that made the index.
    @Test func aDamagedSearchFileOfACachedReportIsMadeAgainFromTheReport() throws {
        try withSite { content, output in
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let path = "search/data/r/demo-city-2024.js"
            let file = output.appendingPathComponent(path)
            let original = try Data(contentsOf: file)
            try Data("damaged".utf8).write(to: file)
            try append("新建学校5所。", to: content.appendingPathComponent("reports/demo-province-2025.md"))
            let second = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            #expect(second.reportsFromCache == 1)
            #expect(second.write.written.contains(path))
            #expect(try Data(contentsOf: file) == original)
        }
    }

    @Test func theCacheKeepsEveryFieldOfAReport() throws {
        var log = DiagnosticLog()
        let loaded = try #require(ContentLoader(directory: Repository.content, displayPath: "Content").load(log: &log))
        let classifier = Classifier(catalog: loaded.topics)
        for source in loaded.reports.prefix(3) {
            let structured = try #require(ReportStructurer(source: source).structure(log: &log))
            let report = try #require(classifier.classify(structured, log: &log))
            var writer = BinaryWriter()
            writer.write(report)
            var reader = BinaryReader(writer.data)
            let head: Report = try reader.read()
            #expect(reader.isAtEnd)
            // Taken from the cache, a report's body stays encoded until asked for.
            #expect(head.pendingBody != nil && head.allPassages.allSatisfy { $0.inlines.isEmpty })
            let decoded = head.withBody()
            #expect(decoded.pendingBody == nil)
            // Compared by `dump`, which shows every stored property (a field the cache forgot
            // would differ), with each passage's `matches` dictionary compared apart (a
            // dictionary's order is not its content).
            // A report's lines are kept only when it has links (they show a link's line under its
            // diagnostic; nothing else reads them after the stages that read the file).
            var expected = report
            if !MarkdownLinks.hasDestinations(report) { expected.bodyLines = [] }
            #expect(describe(expected) == describe(decoded), "\(source.slug) changed in the cache")
            #expect(report.compacted().withBody().bodyLines == expected.bodyLines)
            #expect(report.allPassages.map { $0.matches.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" } }
                == decoded.allPassages.map { $0.matches.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" } })
        }
    }

    @Test(arguments: [
        ("", 0xEF46_DB37_51D8_E999 as UInt64),
        ("a", 0xD24E_C4F1_A98C_6E5B),
        ("abc", 0x44BC_2CF5_AD77_0999),
        ("Nobody inspects the spammish repetition", 0xFBCE_A83C_8A37_8BF1),
    ])
    func theContentHashIsXXH64(text: String, expected: UInt64) {
        #expect(ContentHash.of(text) == expected)
        #expect(ContentHash.of(Data(text.utf8)) == expected)
    }

    // MARK: - Helpers

    /// A copy of the golden `basic` content and an output folder in a temporary directory.
    func withSite(_ body: (URL, URL) throws -> Void) throws {
        try withTemporaryDirectory { temp in
            let content = temp.appendingPathComponent("Content")
            try copyTree(Self.basic, to: content)
            try body(content, temp.appendingPathComponent("Output"))
        }
    }

    func append(_ paragraph: String, to url: URL) throws {
        try (try readText(url) + "\n" + paragraph + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    func modificationTimes(_ output: URL) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: listFiles(output).compactMap { path in
            FileFingerprint.of(output.appendingPathComponent(path).path).map { (path, $0.modified) }
        })
    }

    /// `dump` of a report with every passage's `matches` emptied.
    func describe(_ report: Report) -> String {
        var report = report
        func clear(_ passages: inout [Passage]) { for i in passages.indices { passages[i].matches = [:] } }
        clear(&report.intro)
        for p in report.parts.indices {
            clear(&report.parts[p].intro)
            for s in report.parts[p].sections.indices { clear(&report.parts[p].sections[s].passages) }
        }
        var text = ""
        dump(report, to: &text)
        return text
    }

    func snapshot(_ url: URL) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: listFiles(url).map { ($0, FileManager.default.contents(atPath: url.appendingPathComponent($0).path) ?? Data()) })
    }

    /// Points the province report's link to the city report (`../demo-city-2024/index.html`) at `target`.
    func relink(_ report: URL, to target: String) throws {
        let text = try readText(report)
        #expect(text.contains("](../demo-city-2024/index.html)"))
        try text.replacingOccurrences(of: "](../demo-city-2024/index.html)", with: "](\(target))").write(to: report, atomically: true, encoding: .utf8)
    }
}

/// The view models answer swift-mustache's lookups themselves (`ViewModels+Mustache.swift`).
@Suite("Template lookups")
struct TemplateLookupTests {
    @Test func viewModelsAnswerEveryFieldWithoutReflection() throws {
        var log = DiagnosticLog()
        let loaded = try #require(ContentLoader(directory: Repository.content, displayPath: "Content").load(log: &log))
        let classifier = Classifier(catalog: loaded.topics)
        let reports = loaded.reports.prefix(2).compactMap { ReportStructurer(source: $0).structure(log: &log) }.compactMap { classifier.classify($0, log: &log) }
        let index = SiteIndex(site: loaded.site, catalog: loaded.topics, reports: reports)
        let builder = PageModelBuilder(index: index, figures: FigureIndex(index: index))
        let models: [Any] = [builder.homePage(), builder.reportPage(0), builder.topicsOverview(page: 1), builder.searchPage(),
                             builder.figuresPage(0), builder.figuresOverview()]
            + loaded.topics.topics.map { builder.topicIndexPage($0, page: 1) }
            + loaded.topics.topics.filter { index.count(of: $0.key, inReport: 0) > 0 }.map { builder.topicReportPage($0, reportIndex: 0) }
            + builder.figures.comparisons.prefix(2).map { builder.figuresIndicatorPage($0) }
        var checked = 0
        for model in models { checkParity(model, checked: &checked) }
        #expect(checked > 1000)
        #expect(MirrorFallback.lookups == 0, "a view model property is missing from ViewModels+Mustache.swift")
    }

    /// Every stored property `Mirror` shows is what `child(named:)` returns, recursively.
    func checkParity(_ value: Any, checked: inout Int) {
        if let array = value as? [Any] {
            for element in array.prefix(3) { checkParity(element, checked: &checked) }
            return
        }
        guard let parent = value as? MustacheParentProbe else { return }
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            let viaMirror = unwrap(child.value)
            let viaLookup = parent.probe(label)
            #expect(viaMirror.map { "\($0)" } == viaLookup.map { "\($0)" }, "\(type(of: value)).\(label)")
            checked += 1
            if let viaMirror { checkParity(viaMirror, checked: &checked) }
        }
    }

    func unwrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}
