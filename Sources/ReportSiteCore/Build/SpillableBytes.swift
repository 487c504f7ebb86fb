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

    /// Bytes held in memory.
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Bytes at `range` of the sealed cache file at `path` (``BinaryWriter/sealedData``).
    init(path: String, range: Range<Int>) { location = (path, range) }

    /// Drops the bytes held in memory: from now on they are read from `range` of the sealed
    /// cache file at `path`, which holds them.
    func spill(to path: String, range: Range<Int>) {
        lock.lock()
        location = (path, range)
        bytes = nil
        lock.unlock()
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
