import Dispatch
import Foundation

/// What a build undoes when its process is told to stop (Ctrl-C's SIGINT, SIGTERM) before it
/// ends: a build stopped in a new output folder would otherwise leave that folder, its cache
/// entries and its lock behind (the same things a failed build removes).
///
/// A build registers its undo (``register(_:)``) for as long as it runs; the `build` command
/// calls ``installSignalHandlers()`` once, so a SIGINT or SIGTERM runs every registered undo,
/// then ends the process with status 128 + the signal's number (130, 143), as a shell reports
/// a process the signal killed. `watch` and `serve` do not install them: their server stops on
/// the same signals by itself. A stop while the site's files are being moved into place keeps
/// the write's journal, as a `kill -9` does, and the next build completes the site.
public final class BuildInterruption: @unchecked Sendable {
    /// The one registry of the process.
    public static let shared = BuildInterruption()

    private let lock = NSLock()
    private var undos: [Int: @Sendable () -> Void] = [:]
    private var nextToken = 0
    private var sources: [DispatchSourceSignal] = []

    /// Registers `undo`, run if the process is stopped before ``unregister(_:)``.
    /// - Returns: the token to unregister it with.
    func register(_ undo: @escaping @Sendable () -> Void) -> Int {
        lock.lock()
        defer { lock.unlock() }
        nextToken += 1
        undos[nextToken] = undo
        return nextToken
    }

    /// Forgets the undo registered as `token` (the build ended).
    func unregister(_ token: Int) {
        lock.lock()
        undos[token] = nil
        lock.unlock()
    }

    /// Handles SIGINT and SIGTERM from now on: runs the registered undos, then exits with
    /// 128 + the signal's number. Calling it again does nothing.
    public func installSignalHandlers() {
        lock.lock()
        defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for number in [SIGINT, SIGTERM] {
            // The default action would end the process at once; the dispatch source gets it instead.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                lock.lock()
                let pending = undos.values
                undos = [:]
                lock.unlock()
                for undo in pending { undo() }
                FileHandle.standardError.write(Data("\nreportsite: stopped (\(number == SIGINT ? "SIGINT" : "SIGTERM"))\n".utf8))
                exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
