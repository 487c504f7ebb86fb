import Foundation

/// Counters a build advances as it goes, read from another thread by whoever shows progress
/// (the command line's progress line). Thread-safe.
public final class BuildProgress: @unchecked Sendable {
    /// A copy of the counters at one moment.
    public struct Snapshot: Sendable, Equatable {
        /// The stage running now (`nil` before the first and after the last).
        public var stage: BuildStage?
        public var reportsTotal = 0
        /// Reports through the per-report stages (taken from the cache, or read, structured,
        /// classified, their figures found and indexed: ``ReportStages``).
        public var reportsLoaded = 0
        public var pagesTotal = 0
        public var pagesRendered = 0
        public var filesTotal = 0
        public var filesWritten = 0
        public var finished = false

        /// `render: reports 1000/1000 · files rendered 532/1480`: what a progress
        /// line shows.
        public var line: String {
            var parts: [String] = []
            if reportsTotal > 0 { parts.append("reports \(reportsLoaded)/\(reportsTotal)") }
            if pagesTotal > 0 { parts.append("files rendered \(pagesRendered)/\(pagesTotal)") }
            if filesTotal > 0 { parts.append("files written \(filesWritten)/\(filesTotal)") }
            return (stage.map { "\($0.rawValue): " } ?? "") + parts.joined(separator: " · ")
        }
    }

    private let lock = NSLock()
    private var current = Snapshot()

    public init() {}

    /// The counters now.
    public var snapshot: Snapshot {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    // MARK: - Advanced by the build

    func enter(_ stage: BuildStage?) { update { $0.stage = stage } }
    func setReportsToLoad(_ count: Int) { update { $0.reportsTotal = count } }
    func reportLoaded() { update { $0.reportsLoaded += 1 } }
    func setPagesToRender(_ count: Int) { update { $0.pagesTotal = count } }
    func pageRendered() { update { $0.pagesRendered += 1 } }
    func setFilesToWrite(_ count: Int) { update { $0.filesTotal = count } }
    func fileWritten() { update { $0.filesWritten += 1 } }
    func finish() { update { $0.finished = true; $0.stage = nil } }

    private func update(_ change: (inout Snapshot) -> Void) {
        lock.lock()
        change(&current)
        lock.unlock()
    }
}
