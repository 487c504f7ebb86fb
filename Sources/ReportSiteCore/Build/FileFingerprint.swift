import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `lstat` says about a file, enough to tell that it has not changed without reading it:
/// size, modification time (nanoseconds since 1970), inode and status change time. ReportSite replaces a file by
/// renaming a new one over it, which gives it a new inode, so a rewrite is noticed even when
/// size and time happen to be equal.
struct FileFingerprint: Equatable, Sendable {
    var size: Int
    var modified: Int
    var inode: UInt64
    /// The status change time (nanoseconds since 1970): changed by every write and rename, and,
    /// unlike the modification time, not settable, so an edit that keeps size, inode and
    /// modification time (restored with `touch -d` or `os.utime`) is still noticed (found by a
    /// trial).
    var changed: Int = 0

    /// The fingerprint of the regular file at `path`, or `nil` when there is none (missing, a
    /// folder). Inputs are read through symbolic links, so their fingerprint follows links
    /// (`followingLinks`); outputs are never written through one, so theirs does not, and a
    /// link in their place has no fingerprint.
    static func of(_ path: String, followingLinks: Bool = false) -> FileFingerprint? {
        var info = stat()
        let status = followingLinks ? stat(path, &info) : lstat(path, &info)
        guard status == 0 else { return nil }
        return fingerprint(info)
    }

    /// The fingerprints of many files under one folder (`root` ends in `/`; `paths` relative to
    /// it), in the order of `paths`, as ``of(_:followingLinks:)`` gives them without following
    /// links, looked up on every core (a no-change build of 1,000 reports checks 14,600 files;
    /// nearly each in its own folder, so opening folders to look up names in them saves nothing).
    static func all(root: String, paths: [String]) -> [FileFingerprint?] {
        let chunkCount = max(1, min(paths.count / 256, Parallel.coreCount))
        let size = (paths.count + chunkCount - 1) / max(1, chunkCount)
        let chunks = stride(from: 0, to: paths.count, by: max(1, size)).map { $0..<min(paths.count, $0 + size) }
        return Parallel.map(chunks) { range in paths[range].map { of(root + $0) } }.flatMap { $0 }
    }

    /// The fingerprint `stat` describes, `nil` unless it is a regular file.
    private static func fingerprint(_ info: stat) -> FileFingerprint? {
        guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
        let modified = Int(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int(info.st_mtimespec.tv_nsec)
        let changed = Int(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int(info.st_ctimespec.tv_nsec)
        #else
        let modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
        let changed = Int(info.st_ctim.tv_sec) * 1_000_000_000 + Int(info.st_ctim.tv_nsec)
        #endif
        return FileFingerprint(size: Int(info.st_size), modified: modified, inode: UInt64(info.st_ino), changed: changed)
    }

    /// True when the file may have been changed after `scanTime` (nanoseconds since 1970)
    /// without its fingerprint showing it: its modification time is within
    /// ``racyMargin`` of the scan. Such a file is read and hashed again ("racy git").
    func isRacy(scanTime: Int) -> Bool { max(modified, changed) >= scanTime - Self.racyMargin }

    /// Two seconds: the coarsest modification-time granularity of common file systems (FAT).
    static let racyMargin = 2_000_000_000

    /// The current wall-clock time in nanoseconds since 1970.
    static func now() -> Int { Int(Date().timeIntervalSince1970 * 1_000_000_000) }
}

extension FileFingerprint: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(size)
        writer.write(modified)
        writer.write(inode)
        writer.write(changed)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(size: try reader.readInt(), modified: try reader.readInt(), inode: try reader.readUInt64(), changed: try reader.readInt())
    }
}

/// What stands at a path, by `lstat` (links not followed).
enum PathKind {
    case missing, file, directory, link, other

    static func of(_ path: String) -> PathKind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .link
        default: return .other
        }
    }
}

/// Lists folders fast (`opendir`/`readdir`), for the scans every build makes of `Content/` and
/// `Templates/`.
enum DirectoryListing {
    /// The names in `path` (no `.` and `..`), sorted; `nil` when it is not a readable folder.
    static func names(_ path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// True when `path` is a folder (following symbolic links, as the loaders do).
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}

/// The few POSIX calls the write stage makes directly.
enum POSIXFile {
    /// Renames `source` to `destination`, replacing it in one step. Returns the error's text, or
    /// `nil` on success.
    static func rename(_ source: String, to destination: String) -> String? {
        #if canImport(Glibc)
        let status = Glibc.rename(source, destination)
        #else
        let status = Darwin.rename(source, destination)
        #endif
        return status == 0 ? nil : String(cString: strerror(errno))
    }
}
