import Foundation

/// The stages that work on one report at a time (**load**, **structure**, **classify**, and the
/// per-report parts of **figures** and **search**), for
/// every report, in parallel, through the cache: a report whose key (its bytes, `topics.yml`,
/// the tool version, its path) has an entry is taken from it; the others are parsed,
/// structured and classified, and their entries stored.
///
/// A report depends on nothing but those inputs, so the stages can run on any thread; results
/// stay in file order.
struct ReportStages {
    /// One report's way through the stages.
    struct Load: Sendable {
        var file: ReportFile
        /// XXH64 of the file's bytes.
        var bytesHash: UInt64
        /// The cache key.
        var key: UInt64
        /// False when the load stage reported an error (unreadable, front matter, metadata).
        var loaded: Bool
        var fromCache: Bool
        /// The loaded source, until structured.
        var source: ReportSource?
        /// The structured report, until classified.
        var structured: Report?
        /// The classified report; `nil` when any stage reported an error.
        var report: Report?
        /// The report's figures and word counts, found after classify (``ReportFigures``).
        var figures: ReportFigures?
        /// The report's full-text index, made after figures (``ReportSearchIndex``).
        var search: SearchIndexHandle?
        /// This report's diagnostics from every stage that ran, in order.
        var diagnostics: [Diagnostic]
        /// True when the cache holds this outcome.
        var stored = false
    }

    let files: [ReportFile]
    let loader: ContentLoader
    let cache: BuildCache
    let cacheFolder: URL
    let useCache: Bool
    let version: String
    let topicsHash: UInt64
    let scan: InputScan
    let previous: BuildState?
    let progress: BuildProgress?

    /// **load**: each report from the cache, or read and parsed.
    func load() -> [Load] {
        progress?.setReportsToLoad(files.count)
        let fingerprints = Dictionary(scan.entries.map { ($0.path, $0.fingerprint) }, uniquingKeysWith: { first, _ in first })
        return Parallel.map(files) { file -> Load in
            let statePath = "content/" + file.relative
            var bytes: Data?
            let bytesHash: UInt64
            if let fingerprint = fingerprints[statePath] ?? nil, let previous, let recorded = previous.input(statePath),
               recorded.fingerprint == fingerprint, !fingerprint.isRacy(scanTime: previous.scanTime) {
                bytesHash = recorded.hash
            } else if let data = FileManager.default.contents(atPath: file.url.path) {
                bytes = data
                bytesHash = ContentHash.of(data)
            } else {
                return unreadable(file)
            }
            let key = BuildCache.reportKey(
                version: version, topicsHash: topicsHash, file: file, displayPath: loader.displayPath(file.relative), bytesHash: bytesHash)
            if useCache, let entry = cache.entry(key, folder: cacheFolder) {
                progress?.reportLoaded()
                return Load(
                    file: file, bytesHash: bytesHash, key: key, loaded: true, fromCache: true,
                    report: entry.report, figures: entry.figures, search: entry.search, diagnostics: entry.diagnostics, stored: true)
            }
            guard let data = bytes ?? FileManager.default.contents(atPath: file.url.path) else { return unreadable(file) }
            let readHash = bytes == nil ? ContentHash.of(data) : bytesHash
            var log = DiagnosticLog()
            let source = loader.loadReport(file, data: data, log: &log)
            progress?.reportLoaded()
            return Load(
                file: file, bytesHash: readHash,
                key: BuildCache.reportKey(version: version, topicsHash: topicsHash, file: file, displayPath: loader.displayPath(file.relative), bytesHash: readHash),
                loaded: source != nil, fromCache: false, source: source, diagnostics: log.all)
        }
    }

    /// **structure**: the reports loaded from their files.
    func structure(_ loads: inout [Load]) {
        restartCount(loads) { $0.source != nil }
        loads = Parallel.map(loads) { load in
            guard let source = load.source else { return load }
            defer { progress?.reportLoaded() }
            var load = load
            var log = DiagnosticLog()
            load.structured = ReportStructurer(source: source).structure(log: &log)
            load.source = nil
            load.diagnostics += log.all
            return load
        }
    }

    /// **classify**: the reports structured by this build.
    func classify(_ loads: inout [Load], catalog: TopicCatalog) {
        let classifier = Classifier(catalog: catalog)
        restartCount(loads) { !$0.fromCache && $0.loaded }
        loads = Parallel.map(loads) { load in
            guard !load.fromCache, load.loaded else { return load }
            defer { progress?.reportLoaded() }
            var load = load
            if let structured = load.structured {
                var log = DiagnosticLog()
                // A report with an unknown topic still goes on to the link stage, so that one
                // run also reports its broken links (the build fails on the error either way).
                load.report = classifier.classifiedIgnoringUnknownTopics(structured, log: &log)
                load.structured = nil
                load.diagnostics += log.all
            }
            return load
        }
    }

    /// **figures** (the part that reads one report): the figures and word counts of the reports
    /// classified by this build.
    func figures(_ loads: inout [Load], catalog: TopicCatalog) {
        let seeds = catalog.topics.flatMap(\.keywords)
        restartCount(loads) { !$0.fromCache && $0.loaded }
        loads = Parallel.map(loads) { load in
            guard !load.fromCache, load.loaded else { return load }
            defer { progress?.reportLoaded() }
            var load = load
            load.figures = load.report.map { ReportFigures.extract($0, seeds: seeds) }
            return load
        }
    }

    /// **search** (the part that reads one report): the full-text index of the reports
    /// classified by this build (``ReportSearchIndex/make(_:topicKeys:)``); their outcome, from
    /// load to here, goes into the cache. The index reads a passage's text, anchor and topics,
    /// which the link stage does not change, so it can be made before it.
    func search(_ loads: inout [Load], catalog: TopicCatalog) {
        let keys = catalog.keys
        restartCount(loads) { !$0.fromCache && $0.loaded }
        loads = Parallel.map(loads) { load in
            guard !load.fromCache, load.loaded else { return load }
            var load = load
            load.search = load.report.map { SearchIndexHandle(ReportSearchIndex.make($0, topicKeys: keys)) }
            cache.store(BuildCache.Entry(report: load.report, diagnostics: load.diagnostics, figures: load.figures, search: load.search), for: load.key)
            load.stored = true
            progress?.reportLoaded()
            return load
        }
    }

    // MARK: - Private

    /// Starts the progress line's report count for a stage: the reports it has nothing to do
    /// for count as done, so `classify: reports 420/1000` reads as the stage's own progress.
    private func restartCount(_ loads: [Load], needsWork: (Load) -> Bool) {
        progress?.setReportsDone(loads.count(where: { !needsWork($0) }))
    }

    private func unreadable(_ file: ReportFile) -> Load {
        progress?.reportLoaded()
        return Load(
            file: file, bytesHash: 0, key: 0, loaded: false, fromCache: false,
            diagnostics: [Diagnostic(
                .error, at: SourceLocation(path: loader.displayPath(file.relative)), "file is missing or unreadable",
                hint: "see README.md, \"Writing content\", for what \(file.relative) holds", stage: .load)])
    }
}
