import Dispatch
import Foundation

/// What one build of a ``RebuildLoop`` ended with.
public enum RebuildOutcome: Sendable {
    case built(BuildSummary)
    case failed(BuildFailure)

    /// True when the build succeeded and wrote or removed at least one file.
    public var changedSite: Bool {
        guard case .built(let summary) = self else { return false }
        return !summary.write.written.isEmpty || !summary.write.removed.isEmpty
    }
}

/// Builds, then rebuilds whenever the content or templates change: the loop behind
/// `reportsite watch` and `reportsite serve`. Builds are incremental and share one in-memory
/// ``BuildCache``, so a rebuild parses only what changed. A failed build changes nothing on
/// disk: the last good site stays.
public final class RebuildLoop: Sendable {
    public let options: BuildOptions
    public let watcher: ChangeWatcher
    private let cache = BuildCache()

    public init(options: BuildOptions, watcher: ChangeWatcher? = nil) {
        self.options = options
        self.watcher = watcher ?? ChangeWatcher(folders: [BuildOptions.url(options.contentPath), BuildOptions.url(options.templatesPath)])
    }

    /// Builds once, off the caller's thread (a build keeps a core busy; the server's tasks must
    /// not wait behind it).
    /// - Parameter progress: counters for a progress line, or `nil`.
    public func build(progress: BuildProgress? = nil) async -> RebuildOutcome {
        let options = self.options
        let cache = self.cache
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    let summary = try SiteBuilder(options: options, progress: progress, cache: cache).build()
                    continuation.resume(returning: .built(summary))
                } catch let failure as BuildFailure {
                    continuation.resume(returning: .failed(failure))
                } catch {
                    continuation.resume(returning: .failed(BuildFailure(diagnostics: [
                        Diagnostic(.error, at: SourceLocation(path: options.outputPath), "\(error)", stage: .write),
                    ])))
                }
            }
        }
    }

    /// Builds now, then after every change, until the task is cancelled.
    /// - Parameters:
    ///   - progress: makes the counters for one build (called before each).
    ///   - onBuild: called after each build with its outcome.
    public func run(progress: @Sendable () -> BuildProgress? = { nil }, onBuild: @Sendable (RebuildOutcome) async -> Void) async throws {
        var seen = watcher.fingerprint()
        await onBuild(await build(progress: progress()))
        while !Task.isCancelled {
            seen = try await watcher.waitForChange(since: seen)
            await onBuild(await build(progress: progress()))
        }
    }
}
