import Foundation

/// What a build undoes when its process is told to stop (Ctrl-C's SIGINT, SIGTERM) before it
/// ends: a build stopped in a new output folder would otherwise leave that folder, its cache
/// entries and its lock behind, and one stopped while rendering would leave the pages it had
/// staged under temporary names (the same things a failed build removes).
///
/// A build registers its undos (``register(_:)``) for as long as it runs; the `build` command
/// calls ``installSignalHandlers()`` once, so a SIGINT or SIGTERM runs every registered undo,
/// the last registered first, then ends the process with status 128 + the signal's number
/// (130, 143), as a shell reports a process the signal killed. The signal is taken by a thread
/// of its own, not a dispatch queue: the build's jobs keep every worker of the queues busy, and
/// a handler queued behind them ran only at the end of the stage (found by a trial: 28–44 s).
/// `watch` and `serve` do not install them: their server stops on the same signals by itself.
/// A stop while the site's files are being moved into place lets the renames finish, so the
/// site is whole (``OutputWriter/Session/stop()``).
public final class BuildInterruption: @unchecked Sendable {
    /// The one registry of the process.
    public static let shared = BuildInterruption()

    private let lock = NSLock()
    private var undos: [(token: Int, undo: @Sendable () -> String?)] = []
    private var nextToken = 0
    private var installed = false

    /// Registers `undo`, run if the process is stopped before ``unregister(_:)``; what it
    /// returns, if anything, is printed as what the stop left (the site partly written, say).
    /// - Returns: the token to unregister it with.
    func register(_ undo: @escaping @Sendable () -> String?) -> Int {
        lock.lock()
        defer { lock.unlock() }
        nextToken += 1
        undos.append((nextToken, undo))
        return nextToken
    }

    /// Forgets the undo registered as `token` (what it would undo is done or kept).
    func unregister(_ token: Int) {
        lock.lock()
        undos.removeAll { $0.token == token }
        lock.unlock()
    }

    /// Handles SIGINT and SIGTERM from now on: runs the registered undos, last first, then
    /// exits with 128 + the signal's number. Calling it again does nothing.
    public func installSignalHandlers() {
        lock.lock()
        defer { lock.unlock() }
        guard !installed else { return }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        signalPipe = ends[1]
        for number in [SIGINT, SIGTERM] {
            // The handler only writes the signal's number to the pipe (async-signal-safe).
            let previous = signal(number) { received in
                var byte = UInt8(truncatingIfNeeded: received)
                _ = write(signalPipe, &byte, 1)
            }
            // A signal the process was started ignoring stays ignored (a background job of a
            // shell without job control ignores SIGINT), as the shell asked.
            if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { signal(number, SIG_IGN) }
        }
        installed = true
        let reader = ends[0]
        let thread = Thread { [self] in
            var byte: UInt8 = 0
            while read(reader, &byte, 1) != 1 {}
            let number = Int32(byte)
            FileHandle.standardError.write(Data("\nreportsite: stopping (\(Self.name(of: number)))…\n".utf8))
            lock.lock()
            let pending = undos.reversed().map(\.undo)
            undos = []
            lock.unlock()
            let left = pending.compactMap { $0() }
            let said = left.isEmpty ? "what this build had made is removed" : left.joined(separator: "; ")
            FileHandle.standardError.write(Data("reportsite: stopped (\(Self.name(of: number))): \(said)\n".utf8))
            exit(128 + number)
        }
        thread.name = "reportsite signals"
        thread.start()
    }

    /// Waits, checking every 2 ms, until `done` is true or `seconds` have passed: how an undo
    /// lets work under way on other threads (a cache entry's write, a page's staging) end.
    /// - Returns: whether `done` became true in time.
    static func wait(upTo seconds: Double, until done: () -> Bool) -> Bool {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1_000_000_000)
        while !done() {
            if DispatchTime.now().uptimeNanoseconds > deadline { return false }
            usleep(2_000)
        }
        return true
    }

    private static func name(of number: Int32) -> String { number == SIGINT ? "SIGINT" : number == SIGTERM ? "SIGTERM" : "signal \(number)" }
}

/// The pipe's write end, for the signal handler (a C function: it can capture nothing).
nonisolated(unsafe) private var signalPipe: Int32 = -1
