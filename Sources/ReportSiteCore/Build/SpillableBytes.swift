import Foundation

/// Bytes of a cache entry that a build reads rarely (a report's body, its search file's data):
/// held in memory until the entry is on disk, then read back from the entry's file when asked
/// for. A one-shot build of 1,000 reports held 110 MB of them until the render stage (heaptrack);
/// a build that decodes an entry from disk no longer copies them at all. Thread-safe.
///
/// Used only by a cache that spills (``BuildCache/init(spillsToDisk:)``): `build`, `check`
/// and `pack`, whose cache lives for one build while the output folder is locked. `watch` and
/// `serve` keep their bytes in memory, as their cache outlives the files.
final class SpillableBytes: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8]?
    private var location: (path: String, range: Range<Int>)?
    private var failures: UnreadableEntries?

    /// Bytes held in memory.
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Bytes at `range` of the sealed cache file at `path` (``BinaryWriter/sealedData``);
    /// ``reportUnreadable()`` notes the file in `failures`.
    init(path: String, range: Range<Int>, failures: UnreadableEntries?) {
        location = (path, range)
        self.failures = failures
    }

    /// Drops the bytes held in memory: from now on they are read from `range` of the sealed
    /// cache file at `path`, which holds them.
    func spill(to path: String, range: Range<Int>, failures: UnreadableEntries?) {
        lock.lock()
        location = (path, range)
        self.failures = failures
        bytes = nil
        lock.unlock()
    }

    /// Notes, for the build's diagnostics, that the bytes were needed and ``read()`` found
    /// their file gone or changed.
    func reportUnreadable() {
        lock.lock()
        let failures = self.failures, path = location?.path
        lock.unlock()
        if let path { failures?.record(path) }
    }

    /// The bytes: from memory, else read from their file; `nil` when the file can no longer be
    /// read or is not as it was written (its seal does not match).
    func read() -> [UInt8]? {
        lock.lock()
        let held = bytes, location = self.location
        lock.unlock()
        if let held { return held }
        guard let location, let file = BinaryReader.contents(atPath: location.path),
              (try? BinaryReader(sealedBytes: file)) != nil, location.range.upperBound <= file.count - 8 else { return nil }
        return Array(file[location.range])
    }
}

/// The cache entries whose spilled bytes a build needed and could not read back (removed or
/// changed by hand during the build): the build then fails with an error naming each, rather
/// than publish a page without its text. Thread-safe.
final class UnreadableEntries: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: Set<String> = []

    func record(_ path: String) {
        lock.lock()
        paths.insert(path)
        lock.unlock()
    }

    /// The entries' file paths noted so far, sorted, and forgets them.
    func take() -> [String] {
        lock.lock()
        defer { paths = []; lock.unlock() }
        return paths.sorted()
    }
}
