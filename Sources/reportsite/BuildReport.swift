import Foundation
import ReportSiteCore

/// How `build`, `watch` and `serve` print a build: stage times and what was written on
/// standard output, diagnostics on standard error.
enum BuildReport {
    /// Prints a successful build: warnings, then (unless `quiet`) each stage with its time, the
    /// site's size and what changed, and the search index's size.
    static func print(_ summary: BuildSummary, output: String, quiet: Bool) {
        for warning in summary.warnings { printError(warning.rendered) }
        guard !quiet else { return }
        for (stage, milliseconds) in summary.stageTimes {
            let name = stage.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
            Swift.print(name + String(format: "%8.1f ms", milliseconds))
        }
        let total = summary.stageTimes.reduce(0) { $0 + $1.milliseconds }
        let folder = output.hasSuffix("/") ? output : output + "/"
        if summary.upToDate {
            Swift.print(String(
                format: "Nothing changed: %d report(s), %d passages, %d pages, %d files (%.1f KB) in %@ are up to date (checked in %.0f ms).",
                summary.reportCount, summary.passageCount, summary.pageCount, summary.fileCount,
                Double(summary.totalBytes) / 1024, folder as NSString, total))
            return
        }
        Swift.print(String(
            format: "Built %d report(s), %d passages: %d pages, %d files (%.1f KB) in %@ in %.0f ms; %d written, %d unchanged, %d removed.",
            summary.reportCount, summary.passageCount, summary.pageCount, summary.fileCount,
            Double(summary.totalBytes) / 1024, folder as NSString, total,
            summary.write.written.count, summary.write.unchanged.count, summary.write.removed.count))
        Swift.print(String(
            format: "Incremental: %d report(s) parsed, %d from the cache; %d page(s) rendered, %d unchanged page(s) not rendered.",
            summary.reportsParsed, summary.reportsFromCache, summary.pagesRendered, summary.pagesReused))
        Swift.print(summary.search.description)
    }

    /// Prints a failed build: every diagnostic, then a line saying nothing was written (or, when
    /// the write failed after the first file was renamed into place, that the site is partly
    /// written and the next build completes it: ``OutputWriter/Session/commit(paths:)``).
    static func print(_ failure: BuildFailure) {
        for diagnostic in failure.diagnostics { printError(diagnostic.rendered) }
        let errors = failure.diagnostics.filter { $0.severity == .error }.count
        printError("error: build failed with \(errors) error(s); "
            + (failure.sitePartlyWritten ? "the site is partly written: build again to complete it." : "nothing was written."))
    }

    /// Prints a build of `watch` or `serve`, with the time of day first.
    static func print(_ outcome: RebuildOutcome, output: String) {
        let time = Date().formatted(date: .omitted, time: .standard)
        switch outcome {
        case .built(let summary):
            Swift.print("[\(time)] build")
            print(summary, output: output, quiet: false)
        case .failed(let failure):
            printError("[\(time)] build failed; the last good site stays")
            print(failure)
        }
        fflush(nil)
    }
}

/// The progress line of a build that takes more than a second: on a terminal one line on
/// standard error, redrawn ten times a second and erased at the end; elsewhere (a log, CI) a
/// plain line every second.
final class ProgressLine: @unchecked Sendable {
    /// How long a build runs before progress is shown.
    static let delay: TimeInterval = 1.0

    private let progress: BuildProgress
    private let timer: DispatchSourceTimer?
    private let lock = NSLock()
    private var shown = false
    private var lastPlain = Date.distantPast

    init(progress: BuildProgress, enabled: Bool) {
        self.progress = progress
        guard enabled else {
            timer = nil
            return
        }
        let isTerminal = isatty(STDERR_FILENO) == 1
        // A queue of its own (GCD lets it have its own thread): on the global queue the line
        // stalled while rendering kept every pooled thread busy (22 s without a line).
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "reportsite.progress"))
        self.timer = timer
        let started = Date()
        timer.schedule(deadline: .now() + Self.delay, repeating: isTerminal ? 0.1 : 1.0)
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            let snapshot = progress.snapshot
            guard !snapshot.finished, !snapshot.line.isEmpty else { return }
            let elapsed = String(format: "%.1f s", Date().timeIntervalSince(started))
            self.lock.lock()
            defer { self.lock.unlock() }
            if isTerminal {
                FileHandle.standardError.write(Data(("\r\u{1B}[2K" + snapshot.line + " · " + elapsed).utf8))
                self.shown = true
            } else {
                FileHandle.standardError.write(Data(("progress: " + snapshot.line + " · " + elapsed + "\n").utf8))
            }
        }
        timer.resume()
    }

    /// Stops the line and erases it (on a terminal). Safe to call more than once.
    func stop() {
        timer?.cancel()
        lock.lock()
        defer { lock.unlock() }
        if shown {
            FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
            shown = false
        }
    }
}
