import Dispatch
import Foundation

/// Builds a site: the whole pipeline, in order, on one screen.
///
/// ```
/// [load → structure → classify → figures → search] (one job per report) → link → figures (merge) → render+write (streamed) → commit
/// ```
/// Each stage takes the previous one's result. Problems are collected across stages (one run
/// reports every bad file); when there is any error, the build stops before **write** (the
/// files rendered so far under temporary names are removed), so nothing visible changes, and
/// throws ``BuildFailure`` with every diagnostic.
///
/// Builds are incremental (``BuildCache``), and always equal to a build from nothing:
/// - **load** fingerprints every input first; when all are as the last successful build
///   recorded and its output is intact, the build is done (``BuildSummary/upToDate``).
///   Otherwise each report is looked up in the cache by the hash of its bytes, `topics.yml` and
///   the tool version; only the others are parsed, structured, classified, read for figures and
///   indexed, each in one job from its file to its cache entry (``ReportStages``), in parallel.
/// - **figures** reads each report on its own (its figures and word counts, ``ReportFigures``),
///   cached with it; the site-wide ``FigureIndex`` is a merge of those.
/// - **search** indexes each report on its own (``ReportSearchIndex``), cached with it; the
///   render stage writes each report's index file from it and merges the term lists into the
///   small global files, merging again only the groups of terms an edit changed (``TermMergeCache``).
/// - **link** merges small per-report summaries (topic counts, keyword counts) and computes
///   each report's related passages from it and its neighbours, reusing the cached result when
///   none of them changed (``RelatedCache``).
/// - **render** skips every file whose render key (``RenderKeys``) and file on disk are as the
///   last build left them; every other file is rendered in parallel and streamed to the writer
///   (``OutputWriter/Session``) as it is made, so the site is never held in memory.
/// - **write** renames the changed files into place, removes stale ones, then writes the
///   manifest, the cache and the state.
public struct SiteBuilder {
    public var options: BuildOptions
    /// Counters for a progress line; `nil` for none.
    public var progress: BuildProgress?
    /// The cache kept between builds by `watch` and `serve`; `nil` to use the one on disk only.
    public var cache: BuildCache?

    /// When true, the build's site-sized values (reports, index, figures, render plan) are not
    /// freed when it returns but left to the process's exit: for a command that ends after one
    /// build, where freeing them object by object cost a tenth of a second per 1,000 reports
    /// (`perf`: `swift_release` and `swift_arrayDestroy` after the last stage). Never for
    /// `watch` or `serve`.
    public var leavesMemoryToExit = false

    public init(options: BuildOptions, progress: BuildProgress? = nil, cache: BuildCache? = nil) {
        self.options = options
        self.progress = progress
        self.cache = cache
    }

    /// Runs the pipeline.
    /// - Returns: what was built, with stage times (milliseconds) and warnings.
    /// - Throws: ``BuildFailure`` with every diagnostic (errors and warnings), sorted by location.
    public func build() throws -> BuildSummary {
        var log = DiagnosticLog()
        var summary = BuildSummary()
        // A cache of this build alone leaves rarely read bytes in its files (``SpillableBytes``).
        let cache = self.cache ?? BuildCache(spillsToDisk: true)
        let cacheFolder = options.cacheURL
        let content = BuildOptions.url(options.contentPath)
        let templatesURL = BuildOptions.url(options.templatesPath)
        let output = BuildOptions.url(options.outputPath)
        let contentDisplay = BuildOptions.display(options.contentPath)
        let templatesDisplay = BuildOptions.display(options.templatesPath)
        let outputDisplay = BuildOptions.display(options.outputPath)
        defer { progress?.finish() }

        func stage<T>(_ stage: BuildStage, _ body: () throws -> T) rethrows -> T {
            progress?.enter(stage)
            let start = DispatchTime.now().uptimeNanoseconds
            let result = try body()
            addTime(stage, Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
            return result
        }
        /// Adds to a stage's time (one line per stage, in the order stages first ran).
        func addTime(_ stage: BuildStage, _ milliseconds: Double) {
            if let index = summary.stageTimes.firstIndex(where: { $0.stage == stage }) {
                summary.stageTimes[index].milliseconds += milliseconds
            } else {
                summary.stageTimes.append((stage, milliseconds))
            }
        }
        func fail() -> BuildFailure { BuildFailure(diagnostics: log.sorted) }
        /// An error for each cache entry this build needed and found removed or changed meanwhile.
        func reportUnreadableEntries() {
            for path in cache.unreadable.take() {
                log.report(Diagnostic(
                    .error, at: SourceLocation(path: outputDisplay + "/" + BuildCache.folderName + "/" + BuildCache.reportsFolderName + "/" + (path as NSString).lastPathComponent),
                    "this build cache entry was removed or changed while the build was reading it",
                    hint: "build again: the next build makes the entry anew (the site was not changed)", stage: .render))
            }
        }

        // The output folder is checked first: a refused folder is never touched. (A dry run
        // neither reads nor writes it.)
        if !options.dryRun {
            log.report(contentsOf: OutputDirectoryPolicy.check(
                output: output, outputDisplay: outputDisplay,
                protected: [(content, contentDisplay), (templatesURL, templatesDisplay)]))
        }
        if log.hasErrors { throw fail() }
        let writer = OutputWriter(directory: output, displayPath: outputDisplay)

        // One build at a time writes an output folder (``OutputLock``), held from before its
        // cache and files are read to the end of the build. A folder that does not exist yet is
        // locked only when the write starts, so a build that fails before creates nothing.
        var outputLock: OutputLock?
        defer { outputLock?.release() }
        func lockOutput() throws {
            guard !options.dryRun, outputLock == nil else { return }
            do {
                outputLock = try OutputLock.acquire(output: output, wait: options.lockWait)
            } catch {
                log.report(Self.lockDiagnostic(error, output: outputDisplay, wait: options.lockWait))
                throw fail()
            }
        }
        // A build that spills (``SpillableBytes``) writes each new report's cache entry in the
        // report's job, so a new output folder is made and locked now; a build that fails
        // removes what it made (the entries, and the folder when it made it).
        let writesEntriesEarly = !options.dryRun && cache.spillsToDisk
        let missingFolders = Self.missingFolders(of: output)
        let makesLockFolder = PathKind.of(output.appendingPathComponent(BuildCache.folderName).path) == .missing
        if missingFolders.isEmpty || writesEntriesEarly { try lockOutput() }
        var succeeded = false
        defer {
            if succeeded { cache.keepCreated() } else {
                Self.removeWhatItMade(cache: cache, output: output, madeFolders: makesLockFolder ? missingFolders : nil) {
                    outputLock?.release()
                    outputLock = nil
                }
            }
        }
        // Stopped by a signal (``BuildInterruption``): the same, the lock going with the process.
        let interruption = BuildInterruption.shared.register { [cache] in
            cache.stopCreating()
            Self.removeWhatItMade(cache: cache, output: output, madeFolders: makesLockFolder ? missingFolders : nil) {}
            // The lock file, when it stays, is left as a released lock leaves it: empty.
            truncate(OutputLock.file(of: output).path, 0)
            return nil
        }
        defer { BuildInterruption.shared.unregister(interruption) }

        // load: fingerprints of every input; nothing more when nothing changed.
        let scan = stage(.load) { InputScan(content: content, templates: templatesURL) }
        // The last build's state: all of it when it was made with the same setup (folders,
        // options), else only its output records, to reuse files by render key (a key holds
        // every byte a file is made from, not where the content and theme were read from).
        let stored = options.useCache ? cache.state(folder: cacheFolder) : nil
        let previous = stored.flatMap { $0.setup == BuildState.setup(of: options) ? $0 : nil }
        if !options.dryRun, let previous,
           stage(.load, { scan.matches(previous, content: content, templates: templatesURL) && Self.isIntact(previous, in: output, writer: writer) }) {
            succeeded = true
            return Self.upToDateSummary(previous, stageTimes: summary.stageTimes)
        }

        // load: settings, templates, and each report from the cache or from its file.
        let loader = ContentLoader(directory: content, displayPath: contentDisplay)
        let settings = stage(.load) { loader.loadSettings(log: &log) }
        let reportFiles = stage(.load) { settings == nil ? nil : loader.reportFiles(log: &log) } ?? []
        let topicsHash = ContentHash.of(settings?.topicsBytes ?? Data())
        let reports = ReportStages(
            files: reportFiles, loader: loader, cache: cache, cacheFolder: cacheFolder, useCache: options.useCache,
            version: options.toolVersion, topicsHash: topicsHash, scan: scan, previous: previous, progress: progress,
            entriesFolder: writesEntriesEarly ? cacheFolder : nil)
        // The per-report stages run together, report by report (``ReportStages``), when the
        // settings and topics loaded (else only load: a bad site.yml or topics.yml would make
        // the reports' own problems misleading).
        let catalog = settings?.topics
        progress?.enter(.load)
        let outcome = reports.run(catalog: catalog)
        let loads = outcome.loads
        for (stage, milliseconds) in outcome.stageTimes { addTime(stage, milliseconds) }
        for load in loads { log.report(contentsOf: load.diagnostics.filter { $0.stage == .load }) }
        var site = settings?.site
        if let baseURL = options.baseURL { site?.config.baseURL = SiteConfig.normalizedBaseURL(baseURL) }
        let ordered = stage(.load) { () -> [ReportStages.Load] in
            guard let site else { return [] }
            return loader.order(loads.filter(\.loaded), slug: \.file.slug, path: { loader.displayPath($0.file.relative) }, site: site, log: &log)
        }
        // The link checks run when the settings and topics loaded, on every report that loaded:
        // a bad report does not stop the others, so one run reports the problems of every file.
        let settingsLoaded = site != nil && catalog != nil
        let templates = stage(.load) { TemplateSet.load(directory: templatesURL, displayPath: templatesDisplay, required: options.templatesRequired, builtin: options.builtinTheme, log: &log) }
        var classified: [(report: Report, key: UInt64, figures: ReportFigures, search: SearchIndexHandle)] = []
        if settingsLoaded, let catalog {
            let byKey = Dictionary(loads.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            for load in ordered {
                guard let done = byKey[load.key] else { continue }
                log.report(contentsOf: done.diagnostics.filter { $0.stage != .load })
                if let report = done.report {
                    classified.append((report, done.key, done.figures ?? .empty, done.search ?? SearchIndexHandle(indexing: report, topicKeys: catalog.keys)))
                }
            }
        }
        summary.reportsParsed = loads.filter { !$0.fromCache }.count
        summary.reportsFromCache = loads.filter(\.fromCache).count

        // link: the links written in the Markdown, resolved and checked (``MarkdownLinks``).
        if settingsLoaded, let catalog {
            let linked = stage(.link) { () -> [Report] in
                let reports = classified.map(\.report)
                let pages = SitePage.linkablePages(reportSlugs: reports.map(\.slug), topicKeys: catalog.keys)
                let produced = Set((pages + SitePage.figureDataFiles(reportSlugs: reports.map(\.slug))).map(\.outputPath) + (templates?.assets.map { SitePage.asset(path: $0.path).outputPath } ?? []))
                log.report(contentsOf: ContentChecks.reportsWithoutTopics(reports))
                log.report(contentsOf: ContentChecks.sharedLabels(reports, labels: ReportLabels(reports)))
                return MarkdownLinks(reports: reports, slugsOnDisk: Set(reportFiles.map(\.slug)), producedPaths: produced).resolve(log: &log)
            }
            for index in classified.indices { classified[index].report = linked[index] }
        }
        reportUnreadableEntries()
        guard settingsLoaded, let site, let catalog, let templates, !log.hasErrors else { throw fail() }

        // link: the site's indexes; figures: the merge of each report's figures.
        // Without the cache (`--clean`), the merged caches start empty and are written anew, so
        // nothing an earlier build kept outlives a clean build.
        let related = options.useCache ? cache.related(folder: cacheFolder) : RelatedCache()
        let index = stage(.link) {
            SiteIndex(site: site.config, catalog: catalog, reports: classified.map(\.report), reportKeys: classified.map(\.key), relatedCache: related)
        }
        let figures = stage(.figures) { FigureIndex(index: index, reports: classified.map(\.figures)) }

        // render + write, streamed: each file is rendered, checked and written under a
        // temporary name in its own job; only records are kept. Files whose render key and file
        // on disk are as the last build left them are not rendered.
        let templatesHash = Self.templatesHash(builtin: options.builtinTheme, scan: scan, previous: previous, templates: templatesURL)
        let builder = PageModelBuilder(index: index, figures: figures)
        let terms = options.useCache ? cache.terms(folder: cacheFolder) : TermMergeCache()
        let renderer = SiteRenderer(
            index: index, figures: figures, search: classified.map(\.search), termCache: terms, templates: templates,
            templatesDisplayPath: templatesDisplay, outputDisplayPath: outputDisplay)
        let jobs = stage(.render) { () -> [SiteRenderer.Job] in
            let keys = RenderKeys(
                builder: builder, version: options.toolVersion, templatesHash: templatesHash,
                siteHash: Self.siteHash(settings?.siteBytes, baseURL: options.baseURL), topicsHash: topicsHash, reportKeys: classified.map(\.key))
            return renderer.plan(keys: keys)
        }
        if !options.dryRun {
            // Every path known before rendering: the jobs', and the small files and assets the
            // render stage adds (a folder named `robots.txt` was found only at the rename, with
            // part of the site already in place; found by a trial).
            let extras = [SitePage.robots.outputPath] + (site.config.baseURL == nil ? [] : [SitePage.sitemap.outputPath])
                + templates.assets.map { SitePage.asset(path: $0.path).outputPath }
            log.report(contentsOf: writer.conflicts(for: jobs.compactMap(\.path) + extras))
            if log.hasErrors { throw fail() }
        }
        let collected = FileCollector(enabled: options.dryRun || options.keepsFiles)
        try lockOutput()
        let session: OutputWriter.Session?
        do {
            session = options.dryRun ? nil : try writer.session(
                previous: previous?.outputs ?? [:], progress: progress, interruptAfter: options.interruptAfterFileOperations)
        } catch let diagnostic as Diagnostic {
            log.report(diagnostic)
            throw fail()
        }
        // Stopped by a signal from here on: the staged pages go too (before the folders, as
        // the last registered undo runs first).
        let sessionInterruption = session.map { session in
            BuildInterruption.shared.register { [cache] in
                switch session.stop() {
                case .removed: return nil
                case .completed:
                    // The site is whole: the entries it was built from stay.
                    cache.keepCreated()
                    return "the site had been written when the signal came, and is complete"
                case .partlyWritten:
                    return "the site is partly written: build again to complete it"
                }
            }
        }
        defer { sessionInterruption.map(BuildInterruption.shared.unregister) }
        // The reports' cache entries not written in their jobs (those of `watch` and `serve`, and
        // any that could not be written then), before the render stage (the output folder exists
        // and is locked now; a build that fails later removes the entries it created), and stale
        // entries removed. A cache file that cannot be written is a warning naming it (the next
        // build reads those inputs again).
        var cacheProblems: [Diagnostic] = []
        func saveCache(_ name: String, _ body: () throws -> Void) {
            do { try body() } catch {
                let file = (error as? BuildCache.WriteFailure)?.path ?? name
                cacheProblems.append(Diagnostic(
                    .warning, at: SourceLocation(path: outputDisplay + "/" + BuildCache.folderName + "/" + file),
                    "cannot write the build cache: \(error.localizedDescription)",
                    hint: "the site was written; the next build will not reuse this part of the cache (delete the file if it is not one ReportSite wrote)", stage: .write))
            }
        }
        var entriesMilliseconds = 0.0
        if session != nil {
            let start = DispatchTime.now().uptimeNanoseconds
            saveCache(BuildCache.reportsFolderName) { try cache.save(keeping: Set(loads.filter { $0.report != nil || $0.stored }.map(\.key)), folder: cacheFolder) }
            entriesMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        }
        let previousOutputs = stored?.outputs ?? [:]
        let root = output.path + "/"
        // The last build's record of a file, when it was made with this render key and the file
        // on disk is still as that build left it.
        @Sendable func unchanged(_ path: String, key: UInt64) -> BuildState.Output? {
            guard session != nil, key != 0, let record = previousOutputs[path], record.renderKey == key,
                  FileFingerprint.of(root + path) == record.fingerprint else { return nil }
            return record
        }
        let reuse: SiteRenderer.Reuse = { path, key in
            guard let session, let record = unchanged(path, key: key) else { return nil }
            session.keep(path, record: record)
            return record
        }
        // A kept file's bytes, for a file made from others (the site's figures.csv), without
        // keeping it (its own job does).
        let previousData: SiteRenderer.Previous = { path, key in
            unchanged(path, key: key) == nil ? nil : FileManager.default.contents(atPath: root + path)
        }
        let sink: SiteRenderer.Sink = { file, key in
            collected.add(file)
            try session?.stage(file.path, data: file.data, renderKey: key)
        }
        // A large file made in pieces goes to disk as it is made, unless the files are kept in
        // memory anyway (a dry run, `pack`, tests).
        var stream: SiteRenderer.StreamSink?
        if let session, !collected.enabled {
            stream = { path, key, produce in
                try session.stage(path, renderKey: key, streaming: produce).size
            }
        }
        let rendered = stage(.render) { renderer.render(jobs, reuse: reuse, previous: previousData, sink: sink, stream: stream, progress: progress, log: &log) }
        addTime(.write, entriesMilliseconds)
        summary.pagesRendered = rendered.pagesRendered
        summary.pagesReused = rendered.pagesReused
        if options.strict { log.promoteWarningsToErrors() }
        reportUnreadableEntries()
        if log.hasErrors {
            session?.abandon()
            throw fail()
        }

        // write: the staged files into place, then the cache and the state that describe it.
        if let session {
            let outcome: OutputWriter.Outcome
            do {
                outcome = try stage(.write) { () throws -> OutputWriter.Outcome in
                    cache.invalidateState(folder: cacheFolder)
                    return try session.commit(paths: rendered.paths)
                }
            } catch let diagnostic as Diagnostic {
                log.report(diagnostic)
                throw fail()
            }
            summary.write = outcome.summary
            // The cache, after the site: a cache file that cannot be written is a warning naming
            // it (the site is written and right; the next build reads those inputs again).
            stage(.write) {
                saveCache(BuildCache.relatedFileName) { try cache.saveRelated(related, folder: cacheFolder) }
                saveCache(BuildCache.termsFileName) { try cache.saveTerms(terms, folder: cacheFolder) }
                let state = BuildState(
                    setup: BuildState.setup(of: options), scanTime: scan.time,
                    inputs: Self.inputRecords(scan: scan, previous: previous, loads: loads, content: content, templates: templatesURL),
                    outputs: outcome.records, reportCount: classified.count, passageCount: index.entries.count,
                    pageCount: outcome.records.keys.filter { $0.hasSuffix(".html") }.count,
                    totalBytes: outcome.records.values.reduce(0) { $0 + $1.fingerprint.size }, search: rendered.search,
                    warnings: log.sorted)
                saveCache(BuildCache.stateFileName) { try cache.saveState(state, folder: cacheFolder) }
                summary.totalBytes = state.totalBytes
            }
            log.report(contentsOf: cacheProblems)
        } else {
            summary.totalBytes = rendered.renderedBytes
        }
        if leavesMemoryToExit { _ = Unmanaged.passRetained(ExitHeld([loads, classified, index, figures, jobs, renderer, builder])) }
        summary.reportCount = classified.count
        summary.passageCount = index.entries.count
        summary.files = collected.files()
        summary.search = rendered.search
        summary.pageCount = rendered.paths.filter { $0.hasSuffix(".html") }.count
        summary.fileCount = rendered.paths.count
        summary.largestPage = rendered.largestPage
        summary.warnings = log.sorted
        succeeded = true
        return summary
    }

    // MARK: - Private

    /// The error of a build that could not take the output folder's lock.
    private static func lockDiagnostic(_ failure: OutputLock.Failure, output: String, wait: Double) -> Diagnostic {
        switch failure {
        case .busy(let pid):
            let seconds = wait == wait.rounded() ? String(Int(wait)) : String(wait)
            return Diagnostic(
                .error, at: SourceLocation(path: output),
                "another build is writing \(output) (\(pid.map { "pid \($0)" } ?? "pid unknown")); waited \(seconds) s",
                hint: "run again when that build has finished (a `watch` or `serve` holds the folder only while it rebuilds), or build into another folder with --output",
                stage: .write)
        case .unavailable(let reason):
            return Diagnostic(
                .error, at: SourceLocation(path: output + "/" + BuildCache.folderName + "/" + OutputLock.fileName),
                "cannot lock the output folder: \(reason)",
                hint: "check that the output folder is writable, or build into another folder with --output", stage: .write)
        }
    }

    /// True when every file the last build recorded is still as it left it, and it finished.
    private static func isIntact(_ state: BuildState, in output: URL, writer: OutputWriter) -> Bool {
        guard writer.isComplete() else { return false }
        // Looked up on every core (``FileFingerprint/all(root:paths:)``), by paths joined as
        // strings: `URL.appendingPathComponent` was half of a no-change build of 1000 reports.
        let records = Array(state.outputs)
        let found = FileFingerprint.all(root: output.path + "/", paths: records.map(\.key))
        return zip(records, found).allSatisfy { $0.value.fingerprint == $1 }
    }

    /// The folders of `output` that do not exist yet, the output itself first, then each
    /// missing parent up to the first that exists (empty when the output folder exists).
    static func missingFolders(of output: URL) -> [URL] {
        var missing: [URL] = []
        var folder = output.standardizedFileURL
        while PathKind.of(folder.path) == .missing, folder.path != "/" {
            missing.append(folder)
            folder = folder.deletingLastPathComponent()
        }
        return missing
    }

    /// After a failed or stopped build: removes the cache entries it created, then, when it made
    /// the output's cache folder (for its lock; `madeFolders` not `nil`), that folder when
    /// nothing is left in it but the lock, and the folders the build made (`madeFolders`, from
    /// ``missingFolders(of:)``: the output and its missing parents) that are left empty. A
    /// folder holding anything else is left, and so are its parents; an output folder that
    /// existed keeps everything else it holds. `releaseLock` gives the lock back once its file
    /// is gone.
    private static func removeWhatItMade(cache: BuildCache, output: URL, madeFolders: [URL]?, releaseLock: () -> Void) {
        cache.discardCreated()
        guard let madeFolders else { return }
        let lockFolder = output.appendingPathComponent(BuildCache.folderName)
        guard Set(DirectoryListing.names(lockFolder.path) ?? ["?"]).isSubset(of: [OutputLock.fileName]) else { return }
        // The lock file goes while the lock is held (a build waiting on it then makes its own).
        unlink(OutputLock.file(of: output).path)
        releaseLock()
        rmdir(lockFolder.path)
        for folder in madeFolders where rmdir(folder.path) != 0 { break }
    }

    /// The summary of a build that found nothing changed: the last build's, nothing written.
    private static func upToDateSummary(_ state: BuildState, stageTimes: [(stage: BuildStage, milliseconds: Double)]) -> BuildSummary {
        var summary = BuildSummary()
        summary.stageTimes = stageTimes
        summary.upToDate = true
        summary.reportCount = state.reportCount
        summary.passageCount = state.passageCount
        summary.pageCount = state.pageCount
        summary.fileCount = state.outputs.count
        summary.totalBytes = state.totalBytes
        summary.search = state.search
        summary.warnings = state.warnings
        summary.reportsFromCache = state.reportCount
        summary.pagesReused = state.pageCount
        summary.write.unchanged = state.outputs.keys.sorted()
        return summary
    }

    /// The hash of the theme as the build uses it: each file's path and the hash of its bytes,
    /// from the templates folder when it holds the file, else from the built-in theme (a binary
    /// carrying another theme renders every page again). A templates folder holding a copy of
    /// the built-in theme, or the same folder read from another path, gives the same hash, so
    /// its pages are not rendered again. Files whose fingerprint is as recorded are not read.
    private static func templatesHash(builtin: [BuiltinFile], scan: InputScan, previous: BuildState?, templates: URL) -> UInt64 {
        var files: [String: UInt64] = [:]
        for file in builtin { files[file.path] = ContentHash.of(file.data) }
        // Folders and unreadable files hash to 0: not theme files.
        for record in templateRecords(scan: scan, previous: previous, templates: templates) where record.hash != 0 {
            files[String(record.path.dropFirst("templates/".count))] = record.hash
        }
        var hash = ContentHash()
        for path in files.keys.sorted() {
            hash.combine(path)
            hash.combine(files[path] ?? 0)
        }
        return hash.value
    }

    /// The hash of the site's settings as pages see them: `site.yml`'s bytes and the base URL
    /// given on the command line (`--base-url`, which replaces the file's).
    private static func siteHash(_ siteBytes: Data?, baseURL: String?) -> UInt64 {
        var hash = ContentHash()
        hash.combine(ContentHash.of(siteBytes ?? Data()))
        hash.combine(baseURL ?? "")
        return hash.value
    }

    private static func templateRecords(scan: InputScan, previous: BuildState?, templates: URL) -> [BuildState.Input] {
        scan.entries.filter { $0.path.hasPrefix("templates/") }.map { entry in
            BuildState.Input(path: entry.path, fingerprint: entry.fingerprint, hash: fileHash(entry, scan: scan, previous: previous, url: templates))
        }
    }

    /// The hash of an input's bytes: the recorded one when its fingerprint is unchanged and not
    /// racy, else read now (0 for folders and missing files).
    private static func fileHash(_ entry: (path: String, fingerprint: FileFingerprint?), scan: InputScan, previous: BuildState?, url base: URL) -> UInt64 {
        guard let fingerprint = entry.fingerprint else { return 0 }
        if let recorded = previous?.input(entry.path), recorded.fingerprint == fingerprint, let state = previous,
           !fingerprint.isRacy(scanTime: state.scanTime) {
            return recorded.hash
        }
        let relative = entry.path.drop { $0 != "/" }.dropFirst()
        return FileManager.default.contents(atPath: base.appendingPathComponent(String(relative)).path).map(ContentHash.of) ?? 0
    }

    /// The input records of the new state: each input's fingerprint from the scan (taken before
    /// anything was read, so a change made during the build shows next time) and its hash.
    private static func inputRecords(scan: InputScan, previous: BuildState?, loads: [ReportStages.Load], content: URL, templates: URL) -> [BuildState.Input] {
        let reportHashes = Dictionary(loads.map { ("content/" + $0.file.relative, $0.bytesHash) }, uniquingKeysWith: { first, _ in first })
        return scan.entries.map { entry in
            let hash: UInt64
            if let known = reportHashes[entry.path] {
                hash = known
            } else if entry.path.hasPrefix("templates/") {
                hash = fileHash(entry, scan: scan, previous: previous, url: templates)
            } else {
                hash = fileHash(entry, scan: scan, previous: previous, url: content)
            }
            return BuildState.Input(path: entry.path, fingerprint: entry.fingerprint, hash: hash)
        }
    }
}

/// Values left alive until the process exits (``SiteBuilder/leavesMemoryToExit``).
private final class ExitHeld {
    let values: [Any]
    init(_ values: [Any]) { self.values = values }
}

/// The rendered files, kept when the caller asks for them (a dry run, `pack`, tests); otherwise
/// nothing is kept. Thread-safe.
private final class FileCollector: @unchecked Sendable {
    /// True when files are kept.
    let enabled: Bool
    private let lock = NSLock()
    private var collected: [OutputFile] = []

    init(enabled: Bool) { self.enabled = enabled }

    func add(_ file: OutputFile) {
        guard enabled else { return }
        lock.lock()
        collected.append(file)
        lock.unlock()
    }

    func files() -> [OutputFile] {
        lock.lock()
        defer { lock.unlock() }
        return collected.sorted { $0.path < $1.path }
    }
}
