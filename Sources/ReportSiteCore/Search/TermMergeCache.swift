import Foundation

/// The term tables of the search merge (``SearchIndexFiles/siteFiles(reports:topics:cache:)``),
/// one per merge group, kept between builds by a key of everything a group's table is made
/// from: the number of reports, and each report's digest of its terms in that group, in site
/// order (``ReportSearchIndex/Summary/groupDigests``). A build after one edit so merges only the
/// groups whose terms that edit changed; merging every group of every report again was a third
/// of such a build at 1,000 reports (perf). Thread-safe; saved with the build cache.
final class TermMergeCache: @unchecked Sendable {
    /// One term of a group's table: its text, its bucket, and its report list encoded
    /// (``SearchIndexFiles/encodeReports(_:)``).
    typealias Term = (term: String, bucket: Int, codes: [UInt8])

    private let lock = NSLock()
    /// Each group table, encoded (decoded only when a build asks for it).
    private var tables: [UInt64: [UInt8]] = [:]
    private var used: Set<UInt64> = []

    /// Groups this instance merged (stored, not found): for tests.
    private(set) var mergedCount = 0

    init(tables: [UInt64: [UInt8]]) {
        self.tables = tables
    }

    /// How many tables the next build would keep.
    var storedCount: Int { usedTables().count }

    /// The table kept under `key`, or `nil`.
    func table(for key: UInt64) -> [Term]? {
        lock.lock()
        let found = tables[key]
        if found != nil { used.insert(key) }
        lock.unlock()
        guard let found else { return nil }
        return Self.decodeTable(found)
    }

    /// Keeps `table` under `key`.
    func store(_ table: [Term], for key: UInt64) {
        let encoded = Self.encodeTable(table)
        lock.lock()
        tables[key] = encoded
        used.insert(key)
        mergedCount += 1
        lock.unlock()
    }

    /// A cache for the next build: the tables this one used, none marked used yet.
    func forNextBuild() -> TermMergeCache { TermMergeCache(tables: usedTables()) }

    private func usedTables() -> [UInt64: [UInt8]] {
        lock.lock()
        defer { lock.unlock() }
        return tables.filter { used.contains($0.key) }
    }

    // MARK: - Coding

    static let magic = "ReportSite terms 1\n"

    private static func encodeTable(_ table: [Term]) -> [UInt8] {
        // Sized exactly (a table is kept in memory until the cache is saved): 256 writers of the
        // default 64 KB were 15 % of a clean build's peak at 100 reports (heaptrack).
        var writer = BinaryWriter(capacity: table.reduce(10) { $0 + $1.term.utf8.count + $1.codes.count + 12 })
        writer.write(UInt64(table.count))
        for item in table {
            writer.write(item.term)
            writer.write(UInt64(item.bucket))
            writer.write(bytes: item.codes)
        }
        return writer.bytes
    }

    private static func decodeTable(_ bytes: [UInt8]) -> [Term]? {
        var reader = BinaryReader(Data(bytes))
        do {
            let count = try reader.readCount()
            var table: [Term] = []
            table.reserveCapacity(count)
            for _ in 0..<count {
                let term = try reader.readString()
                let bucket = try reader.readUInt64()
                guard bucket < UInt64(SearchShards.maximumTermShards) else { return nil }
                table.append((term, Int(bucket), try reader.readBytes()))
            }
            return reader.isAtEnd ? table : nil
        } catch {
            return nil
        }
    }

    /// The tables this build used, as the cache file stores them.
    func encodedBytes() -> [UInt8] {
        let kept = usedTables()
        // Sized exactly and sealed in place: grown by doubling and then copied whole, the file's
        // bytes were three times its size at the end of a build (heaptrack: the last peak of a
        // clean build of 1,000 reports).
        var writer = BinaryWriter(capacity: kept.values.reduce(64) { $0 + $1.count + 20 })
        writer.write(Self.magic)
        writer.write(UInt64(kept.count))
        for key in kept.keys.sorted() {
            writer.write(key)
            writer.write(bytes: kept[key] ?? [])
        }
        writer.seal()
        return writer.bytes
    }

    /// The cache a file holds, or `nil` when it is not one (another version, damaged).
    static func decode(_ data: Data) -> TermMergeCache? {
        do {
            var reader = try BinaryReader(sealed: data)
            guard try reader.readString() == magic else { return nil }
            var tables: [UInt64: [UInt8]] = [:]
            for _ in 0..<(try reader.readCount()) {
                let key = try reader.readUInt64()
                tables[key] = try reader.readBytes()
            }
            guard reader.isAtEnd else { return nil }
            return TermMergeCache(tables: tables)
        } catch {
            return nil
        }
    }
}
