import Dispatch
import Foundation

/// The stages that work on one report at a time (**load**, **structure**, **classify**, and the
/// per-report parts of **figures** and **search**), run together report by report, on every
/// core, through the cache: a report whose key (its bytes, `topics.yml`, the tool version, its
/// path) has an entry is taken from it; each other report is read, parsed, structured,
/// classified, its figures found and its search index made in one job, and its entry stored
/// (written to disk in the job when the build spills, so that its body leaves memory at once).
///
/// One job per report rather than one pass of every report per stage: a pass per stage held
/// every report's source, node trees and lines at once (and twice between two passes, the
/// pass's input and its output), which was the largest part of a clean build's peak memory
/// (heaptrack, 1,000 reports). Now a report leaves its job with its body encoded
/// (``Report/compacted()``), as the cache would give it.
///
/// A report depends on nothing but those inputs, so the jobs can run on any thread; results
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
        /// The classified report, its body encoded (``Report/pendingBody``); `nil` when any
        /// stage reported an error, or when the stages after load did not run.
        var report: Report?
        /// The report's figures and word counts (``ReportFigures``).
        var figures: ReportFigures?
        /// The report's full-text index (``ReportSearchIndex``).
        var search: SearchIndexHandle?
        /// This report's diagnostics from every stage that ran, in order.
        var diagnostics: [Diagnostic]
        /// True when the cache holds this outcome.
        var stored = false
    }

    /// The outcome of ``run(catalog:)``: each report's, in file order, and the stages' times.
    struct Outcome {
        var loads: [Load]
        /// Each per-report stage that ran, in pipeline order, with its share of the run's wall
        /// time (milliseconds): the stages run together, report by report, so the wall time is
        /// shared in proportion to the time each took over every report and core.
        var stageTimes: [(stage: BuildStage, milliseconds: Double)]
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
    /// The cache folder to write each new entry into as its job ends (``BuildCache/store(_:for:writingTo:)``):
    /// given for a build that spills, whose output folder is locked; else entries wait for the save.
    var entriesFolder: URL? = nil

    /// Every report through the stages: **load** (from the cache, or read and parsed); then,
    /// when `catalog` is given (the settings and topics loaded), for each report read from its
    /// file that loaded: **structure**, **classify**, **figures** (its figures and word counts,
    /// ``ReportFigures``) and **search** (its full-text index, ``ReportSearchIndex/make(_:topicKeys:)``),
    /// after which its outcome goes into the cache.
    func run(catalog: TopicCatalog?) -> Outcome {
        progress?.setReportsToLoad(files.count)
        let started = DispatchTime.now().uptimeNanoseconds
        let fingerprints = Dictionary(scan.entries.map { ($0.path, $0.fingerprint) }, uniquingKeysWith: { first, _ in first })
        let classifier = catalog.map { Classifier(catalog: $0) }
        let seeds = catalog?.topics.flatMap(\.keywords) ?? []
        let keys = catalog?.keys ?? []
        let results = Parallel.map(files) { file -> (load: Load, times: [BuildStage: UInt64]) in
            defer { progress?.reportLoaded() }
            return run(file, fingerprints: fingerprints, classifier: classifier, seeds: seeds, topicKeys: keys)
        }
        var times: [BuildStage: UInt64] = [:]
        for result in results { times.merge(result.times, uniquingKeysWith: +) }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
        let measured = Double(times.values.reduce(0, +))
        let stageTimes = [BuildStage.load, .structure, .classify, .figures, .search].compactMap { stage in
            times[stage].map { (stage: stage, milliseconds: measured > 0 ? wall * Double($0) / measured : 0) }
        }
        return Outcome(loads: results.map { $0.load }, stageTimes: stageTimes)
    }

    /// One report's job (see ``run(catalog:)``), and the time of each stage it ran (nanoseconds).
    private func run(
        _ file: ReportFile, fingerprints: [String: FileFingerprint?], classifier: Classifier?, seeds: [String], topicKeys: [String]
    ) -> (load: Load, times: [BuildStage: UInt64]) {
        var times: [BuildStage: UInt64] = [:]
        func timed<T>(_ stage: BuildStage, _ body: () -> T) -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            defer { times[stage, default: 0] += DispatchTime.now().uptimeNanoseconds - start }
            return body()
        }
        var (load, source) = timed(.load) { self.load(file, fingerprints: fingerprints) }
        guard let classifier, let source else { return (load, times) }
        var log = DiagnosticLog()
        if let structured = timed(.structure, { ReportStructurer(source: source).structure(log: &log) }) {
            // A report with an unknown topic still goes on to the link stage, so that one run
            // also reports its broken links (the build fails on the error either way).
            let report = timed(.classify) { classifier.classifiedIgnoringUnknownTopics(structured, log: &log) }
            load.figures = timed(.figures) { ReportFigures.extract(report, seeds: seeds) }
            load.search = timed(.search) { SearchIndexHandle(indexing: report, topicKeys: topicKeys) }
            // The body is read again only by the report's page and its links' check.
            load.report = timed(.search) { report.compacted() }
        }
        load.diagnostics += log.all
        cache.store(BuildCache.Entry(report: load.report, diagnostics: load.diagnostics, figures: load.figures, search: load.search), for: load.key, writingTo: entriesFolder)
        load.stored = true
        return (load, times)
    }

    /// **load** of one report: from the cache, or read and parsed (then with its source, for
    /// the other stages).
    private func load(_ file: ReportFile, fingerprints: [String: FileFingerprint?]) -> (Load, ReportSource?) {
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
            return (unreadable(file), nil)
        }
        let key = BuildCache.reportKey(
            version: version, topicsHash: topicsHash, file: file, displayPath: loader.displayPath(file.relative), bytesHash: bytesHash)
        if useCache, let entry = cache.entry(key, folder: cacheFolder) {
            return (Load(
                file: file, bytesHash: bytesHash, key: key, loaded: true, fromCache: true,
                report: entry.report, figures: entry.figures, search: entry.search, diagnostics: entry.diagnostics, stored: true), nil)
        }
        guard let data = bytes ?? FileManager.default.contents(atPath: file.url.path) else { return (unreadable(file), nil) }
        let readHash = bytes == nil ? ContentHash.of(data) : bytesHash
        var log = DiagnosticLog()
        let source = loader.loadReport(file, data: data, log: &log)
        return (Load(
            file: file, bytesHash: readHash,
            key: BuildCache.reportKey(version: version, topicsHash: topicsHash, file: file, displayPath: loader.displayPath(file.relative), bytesHash: readHash),
            loaded: source != nil, fromCache: false, diagnostics: log.all), source)
    }

    // MARK: - Private

    private func unreadable(_ file: ReportFile) -> Load {
        Load(
            file: file, bytesHash: 0, key: 0, loaded: false, fromCache: false,
            diagnostics: [Diagnostic(
                .error, at: SourceLocation(path: loader.displayPath(file.relative)), "file is missing or unreadable",
                hint: "see README.md, \"Writing content\", for what \(file.relative) holds", stage: .load)])
    }
}
