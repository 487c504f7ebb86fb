#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Foundation

/// An exclusive lock on an output folder, so that two builds never write one site at once
/// (`watch` running while a user runs `build`, two CI jobs).
///
/// The lock is `flock(2)` on the file `lock` in the build cache folder of the output
/// (`Output/.reportsite-cache/lock`), which also holds the process id of the build holding it.
/// The kernel releases it when the holder's file is closed, so a build that is killed
/// (`SIGKILL`, a crash) leaves no stale lock: the next build takes it at once. `flock` locks
/// belong to one opening of the file, so two builds in one process (threads) exclude each other
/// too. The file is removed only with the folder a failed build made (``SiteBuilder``), by the
/// holder: a build that took the lock counts it only while the file it locked is still the one
/// at the path (``isStill(_:at:)``), and makes the folder and file again otherwise, so no two
/// builds ever hold it at once.
///
/// A build that finds the folder locked tries again every 50 ms for ``defaultWait`` seconds
/// (``BuildOptions/lockWait``), then fails with ``Failure/busy(pid:)``.
final class OutputLock: @unchecked Sendable {
    /// The lock file's name, inside the output's build cache folder (``BuildCache/folderName``).
    static let fileName = "lock"
    /// Seconds a build waits for another build to finish with the folder before it gives up.
    static let defaultWait: Double = 10
    /// Seconds between two attempts while waiting.
    static let retryInterval: Double = 0.05

    /// Why the lock was not taken.
    enum Failure: Error, Equatable {
        /// Another build held it for the whole wait; its process id when it wrote one.
        case busy(pid: Int32?)
        /// The lock file could not be created or locked (a read-only folder, say): the reason.
        case unavailable(String)
    }

    private var descriptor: Int32

    /// The lock file of the output folder `output`: `.reportsite-cache/lock` in it.
    static func file(of output: URL) -> URL {
        output.appendingPathComponent(BuildCache.folderName).appendingPathComponent(fileName)
    }

    /// Takes the lock of the output folder `output`, waiting up to `wait` seconds for another
    /// build to release it.
    /// - Parameters:
    ///   - output: the output folder (created, with its cache folder, when missing).
    ///   - wait: seconds to keep trying while another build holds the lock (0: try once).
    /// - Returns: the held lock; ``release()`` (or releasing the value) gives it back.
    /// - Throws: ``Failure``.
    static func acquire(output: URL, wait: Double) throws(Failure) -> OutputLock {
        let folder = output.appendingPathComponent(BuildCache.folderName)
        let path = file(of: output).path
        let deadline = Date().addingTimeInterval(max(0, wait))
        while true {
            // Made on each attempt: a build that failed into a folder it made removes the folder
            // (and the lock file) while another build waits on the lock.
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw .unavailable(error.localizedDescription)
            }
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw .unavailable(String(cString: strerror(errno))) }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
                // The file may have been replaced since it was opened (a user removed the cache
                // folder): the lock counts only on the file that is there now.
                guard isStill(descriptor, at: path) else { close(descriptor); continue }
                writePID(descriptor)
                return OutputLock(descriptor: descriptor)
            }
            let failure = errno
            guard failure == EWOULDBLOCK || failure == EAGAIN else {
                close(descriptor)
                throw .unavailable(String(cString: strerror(failure)))
            }
            if Date() >= deadline {
                let holder = readPID(descriptor)
                close(descriptor)
                throw .busy(pid: holder)
            }
            close(descriptor)
            usleep(useconds_t(retryInterval * 1_000_000))
        }
    }

    /// Gives the lock back (the process id is cleared first). Releasing twice does nothing.
    func release() {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }

    // MARK: - Private

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// True when `path` still names the file open as `descriptor`.
    private static func isStill(_ descriptor: Int32, at path: String) -> Bool {
        var opened = stat(), named = stat()
        guard fstat(descriptor, &opened) == 0, stat(path, &named) == 0 else { return false }
        return opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
    }

    /// Replaces the file's contents with this process's id and a newline.
    private static func writePID(_ descriptor: Int32) {
        let bytes = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// The process id written in the file, if any.
    private static func readPID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer.prefix(count), as: UTF8.self).trimmingWhitespaceAndNewlines())
    }
}
