import Foundation

/// Notices changes under folders by polling: every ``interval`` it fingerprints every file and
/// folder below them (path, size, modification time, inode: no file is read), and reports a
/// change once the fingerprint has differed from the last build's and then stayed the same for
/// ``quietPeriod`` (so an editor's save in several writes, or a `git checkout`, gives one
/// rebuild).
///
/// Polling rather than inotify: it works the same on every system and for every editor (some
/// replace files by renaming, which a watch on the file misses), and fingerprinting the
/// thousand files of a large site takes a few milliseconds.
public struct ChangeWatcher: Sendable {
    public var folders: [URL]
    /// How often the folders are fingerprinted.
    public var interval: Duration
    /// How long the folders must stay unchanged before a change is reported.
    public var quietPeriod: Duration

    public init(folders: [URL], interval: Duration = .milliseconds(200), quietPeriod: Duration = .milliseconds(150)) {
        self.folders = folders
        self.interval = interval
        self.quietPeriod = quietPeriod
    }

    /// The fingerprint of everything under the folders now.
    public func fingerprint() -> UInt64 {
        var hash = ContentHash()
        for folder in folders {
            hash.combine(folder.path)
            Self.walk(folder.path, depth: 0, into: &hash)
        }
        return hash.value
    }

    /// Waits until the fingerprint differs from `since`, then until it has stayed the same for
    /// the quiet period; returns the new fingerprint.
    /// - Throws: `CancellationError` when the task is cancelled.
    public func waitForChange(since: UInt64) async throws -> UInt64 {
        var current = since
        while current == since {
            try await Task.sleep(for: interval)
            current = fingerprint()
        }
        while true {
            try await Task.sleep(for: quietPeriod)
            let next = fingerprint()
            if next == current { return next }
            current = next
        }
    }

    // MARK: - Private

    private static func walk(_ folder: String, depth: Int, into hash: inout ContentHash) {
        guard depth < 16, let names = DirectoryListing.names(folder) else { return }
        for name in names {
            let path = folder + "/" + name
            hash.combine(name)
            if DirectoryListing.isDirectory(path) {
                hash.combine(UInt64(1))
                walk(path, depth: depth + 1, into: &hash)
            } else if let fingerprint = FileFingerprint.of(path, followingLinks: true) {
                hash.combine(fingerprint.size)
                hash.combine(fingerprint.modified)
                hash.combine(fingerprint.inode)
            }
        }
    }
}
