import Foundation

/// The build cache: each report's parsed, structured and classified form, and the state of the
/// last successful build (``BuildState``), in a folder inside the output directory:
///
/// ```
/// Output/.reportsite-cache/
///   state.bin                  inputs' fingerprints, outputs' fingerprints and render keys
///   reports/<key>.bin          one report: its classified form, diagnostics, figures and search index
/// ```
///
/// A report's entry is found by its key (``reportKey(version:topicsHash:file:displayPath:bytesHash:)``):
/// the hash of the report's bytes, of `topics.yml`'s bytes, of the tool version and of the
/// file's name and displayed path, which is everything the load, structure and classify stages
/// read for one report. An entry is never changed after it is written (a different input gets
/// a different key), so a stale entry cannot exist; entries no build uses any more are removed
/// after each successful build.
///
/// One instance can serve several builds (`watch` and `serve` keep it): entries decoded or made
/// by one build are kept in memory for the next. Thread-safe.
public final class BuildCache: @unchecked Sendable {
    /// The cache folder's name inside the output directory.
    public static let folderName = ".reportsite-cache"
    static let stateFileName = "state.bin"
    static let reportsFolderName = "reports"
    /// First bytes of every cache file, with the format version (14: a report's search file data stored, read back from the file when needed; 13: a report's body (inline nodes, tables, lines) stored apart from its head and decoded only when read; 12: a search summary's term counts and buckets as varints; 11: fingerprints hold the status change time; 10: every cache file ends with the hash of its bytes; 9: a report's search index is stored as its summary alone).
    static let magic = "ReportSite cache 14\n"

    /// One report's outcome of load, structure and classify.
    struct Entry: Sendable {
        /// The classified report; `nil` when the structure or classify stage reported an error.
        var report: Report?
        /// Every diagnostic of the three stages for this report, in the order reported.
        var diagnostics: [Diagnostic]
        /// The report's figures and word counts (``ReportFigures``); `nil` when it did not classify.
        var figures: ReportFigures? = nil
        /// The report's full-text index (``SearchIndexHandle``: read from disk, its documents
        /// stay encoded until its file is written); `nil` when it did not classify.
        var search: SearchIndexHandle? = nil
    }

    private let lock = NSLock()
    private var memory: [UInt64: Entry] = [:]
    /// Keys made by this process and not yet on disk.
    private var unsaved: Set<UInt64> = []
    /// Files this cache wrote since the last ``keepCreated()``, in order (``discardCreated()``).
    private var created: [URL] = []
    /// Set by ``stopCreating()``.
    private var stoppedCreating = false
    /// Entry writes under way, which ``stopCreating()`` waits for.
    private var writesInFlight = 0
    /// The state of the last successful build of this instance.
    private var lastState: BuildState?
    private var relatedCache: RelatedCache?
    static let relatedFileName = "related.bin"
    private var termCache: TermMergeCache?
    static let termsFileName = "terms.bin"

    /// True when entries spill their rarely read bytes to their files (``SpillableBytes``).
    let spillsToDisk: Bool
    /// The entries whose spilled bytes could not be read back (``SiteBuilder`` reports them).
    let unreadable = UnreadableEntries()

    /// A cache; with `spillsToDisk`, for one build (`build`, `check`, `pack`): entries leave their
    /// reports' bodies and search data in their files, read back when a page needs them, instead
    /// of holding them in memory. Without it (`watch`, `serve`, whose cache outlives the files),
    /// they stay in memory.
    public init(spillsToDisk: Bool = false) {
        self.spillsToDisk = spillsToDisk
    }

    // MARK: - Keys

    /// The key of a report's entry. See the type's documentation for what goes in.
    /// - Parameter bytesHash: ``ContentHash`` of the report file's bytes.
    static func reportKey(version: String, topicsHash: UInt64, file: ReportFile, displayPath: String, bytesHash: UInt64) -> UInt64 {
        var hash = ContentHash()
        hash.combine("report")
        hash.combine(version)
        hash.combine(topicsHash)
        hash.combine(file.relative)
        hash.combine(displayPath)
        hash.combine(bytesHash)
        return hash.value
    }

    // MARK: - Entries

    /// The entry for `key`: from memory, else from `folder` on disk; `nil` when there is none
    /// or it cannot be read (a damaged file counts as missing).
    func entry(_ key: UInt64, folder: URL) -> Entry? {
        lock.lock()
        let remembered = memory[key]
        lock.unlock()
        if let remembered { return remembered }
        let url = folder.appendingPathComponent(Self.reportsFolderName).appendingPathComponent(ContentHash.hex(key) + ".bin")
        guard let data = BinaryReader.contents(atPath: url.path),
              let entry = try? Self.decodeEntry(data, key: key, spillPath: spillsToDisk ? url.path : nil, failures: unreadable)
        else { return nil }
        lock.lock()
        memory[key] = entry
        lock.unlock()
        return entry
    }

    /// Records a new entry: in memory, and on disk now when `folder` is given (a build that
    /// spills, whose output folder is locked), else at ``save(keeping:folder:)``. Written at
    /// once, an entry's rarely read bytes leave memory as soon as its report's job ends (held
    /// until the save, every report's body and search data made the clean build's peak at
    /// 1,000 reports). An entry that cannot be written now is kept for the save, which reports
    /// the failure.
    func store(_ entry: Entry, for key: UInt64, writingTo folder: URL? = nil) {
        let written = folder.map { (try? write(entry, key: key, folder: $0)) != nil } ?? false
        lock.lock()
        memory[key] = entry
        if !written { unsaved.insert(key) }
        lock.unlock()
    }

    /// Writes the entries not yet on disk among `keys`, removes every other entry (in memory and
    /// on disk), so the cache holds exactly what the last build used. What it creates is noted
    /// for ``discardCreated()``.
    /// - Throws: ``WriteFailure`` naming the entry that could not be written.
    func save(keeping keys: Set<UInt64>, folder: URL) throws {
        let reports = try reportsFolder(in: folder)
        lock.lock()
        let toWrite = unsaved.intersection(keys).sorted().compactMap { key in memory[key].map { (key, $0) } }
        memory = memory.filter { keys.contains($0.key) }
        unsaved = []
        lock.unlock()
        for (key, entry) in toWrite { try write(entry, key: key, folder: folder) }
        // Stale entries: only regular files named as ReportSite names them (16 hexadecimal
        // digits, `.bin`); anything else someone put here is left alone (a trial's notes and
        // folders were removed with the stale entries).
        let keep = Set(keys.map { ContentHash.hex($0) + ".bin" })
        for name in DirectoryListing.names(reports.path) ?? [] where !keep.contains(name) && Self.isEntryName(name) {
            let url = reports.appendingPathComponent(name)
            if PathKind.of(url.path) == .file { try? FileManager.default.removeItem(at: url) }
        }
    }

    /// Writes one entry into `folder`'s entries, then lets its rarely read bytes go from memory
    /// when the cache spills.
    /// - Throws: ``WriteFailure``.
    private func write(_ entry: Entry, key: UInt64, folder: URL) throws {
        lock.lock()
        let stopped = stoppedCreating
        if !stopped { writesInFlight += 1 }
        lock.unlock()
        if stopped { throw WriteFailure(path: Self.reportsFolderName, reason: "the build is being stopped") }
        defer {
            lock.lock()
            writesInFlight -= 1
            lock.unlock()
        }
        let reports = try reportsFolder(in: folder)
        let name = ContentHash.hex(key) + ".bin"
        let url = reports.appendingPathComponent(name)
        let (data, spillables) = Self.encodeEntry(entry, key: key)
        let isNew = PathKind.of(url.path) == .missing
        do {
            try AtomicFile.write(data, to: url)
        } catch {
            throw WriteFailure(path: Self.reportsFolderName + "/" + name, reason: error.localizedDescription)
        }
        if isNew { noteCreated(url) }
        // On disk now: the rarely read bytes are read back from there when needed.
        if spillsToDisk { for item in spillables { item.bytes.spill(to: url.path, range: item.range, failures: unreadable) } }
    }

    /// The entries' folder in `folder`, made (and noted as created) when missing.
    /// - Throws: ``WriteFailure``.
    private func reportsFolder(in folder: URL) throws -> URL {
        let reports = folder.appendingPathComponent(Self.reportsFolderName)
        lock.lock()
        defer { lock.unlock() }
        guard PathKind.of(reports.path) == .missing else { return reports }
        do {
            try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        } catch {
            throw WriteFailure(path: Self.reportsFolderName, reason: error.localizedDescription)
        }
        created.append(reports)
        return reports
    }

    private func noteCreated(_ url: URL) {
        lock.lock()
        let stopped = stoppedCreating
        if !stopped { created.append(url) }
        lock.unlock()
        if stopped { try? FileManager.default.removeItem(at: url) }
    }

    /// From now on writes no entry, and waits (up to 5 seconds) for the writes under way, whose
    /// files are then removed at once: the process is being stopped (``BuildInterruption``) and
    /// ``discardCreated()`` comes next.
    func stopCreating() {
        lock.lock()
        stoppedCreating = true
        lock.unlock()
        _ = BuildInterruption.wait(upTo: 5) { lock.withLock { writesInFlight == 0 } }
    }

    /// Removes the files this cache created since ``keepCreated()`` (entries, and the entries'
    /// folder when it made it), for a build that then failed: a build that fails leaves no file
    /// of its own but the lock (the entries were right, but a failed build into a new folder
    /// must not leave one).
    func discardCreated() {
        lock.lock()
        let created = self.created
        self.created = []
        lock.unlock()
        // Files first, then the folder, and the folder only when nothing else is in it.
        for url in created.reversed() {
            switch PathKind.of(url.path) {
            case .file: try? FileManager.default.removeItem(at: url)
            case .directory: if DirectoryListing.names(url.path)?.isEmpty == true { try? FileManager.default.removeItem(at: url) }
            default: break
            }
        }
    }

    /// Forgets the files created so far: the build that made them succeeded.
    func keepCreated() {
        lock.lock()
        created = []
        lock.unlock()
    }

    /// True for a name ReportSite gives an entry: 16 lower-case hexadecimal digits and `.bin`.
    static func isEntryName(_ name: String) -> Bool {
        let utf8 = Array(name.utf8)
        return utf8.count == 20 && name.hasSuffix(".bin")
            && utf8.prefix(16).allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    /// A cache file that could not be written: its path inside the cache folder, and why.
    struct WriteFailure: Error, LocalizedError {
        var path: String
        var reason: String
        var errorDescription: String? { reason }
    }

    // MARK: - Merged caches (related passages, term tables)

    /// The related passages kept by the last build (``RelatedCache``): the one in memory, else
    /// the one on disk, else an empty one.
    func related(folder: URL) -> RelatedCache {
        lock.lock()
        let remembered = relatedCache
        lock.unlock()
        return Self.kept(remembered, file: Self.relatedFileName, folder: folder)
    }

    /// Keeps `related` (what this build used) in memory and on disk.
    func saveRelated(_ related: RelatedCache, folder: URL) throws {
        try Self.write(related, file: Self.relatedFileName, folder: folder)
        lock.lock()
        relatedCache = related
        lock.unlock()
    }

    /// The search merge's group tables kept by the last build (``TermMergeCache``): the one in
    /// memory, else the one on disk, else an empty one.
    func terms(folder: URL) -> TermMergeCache {
        lock.lock()
        let remembered = termCache
        lock.unlock()
        return Self.kept(remembered, file: Self.termsFileName, folder: folder)
    }

    /// Keeps `terms` (what this build used) in memory and on disk.
    func saveTerms(_ terms: TermMergeCache, folder: URL) throws {
        try Self.write(terms, file: Self.termsFileName, folder: folder)
        lock.lock()
        termCache = terms
        lock.unlock()
    }

    /// A merged cache for this build: from the last build of this instance, else from `file`,
    /// else empty (a missing or damaged file is no cache).
    private static func kept<Cache: MergedCache>(_ remembered: Cache?, file: String, folder: URL) -> Cache {
        if let remembered { return remembered.forNextBuild() }
        return FileManager.default.contents(atPath: folder.appendingPathComponent(file).path).flatMap(Cache.decode) ?? Cache()
    }

    private static func write<Cache: MergedCache>(_ cache: Cache, file: String, folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try AtomicFile.write(bytes: cache.encodedBytes(), to: folder.appendingPathComponent(file))
    }

    // MARK: - State

    /// The state of the last successful build: this instance's, else the one on disk.
    func state(folder: URL) -> BuildState? {
        lock.lock()
        let remembered = lastState
        lock.unlock()
        if let remembered { return remembered }
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(Self.stateFileName).path) else { return nil }
        return try? BuildState.decode(data)
    }

    /// Forgets the state, in memory and on disk, before the output directory is changed: if the
    /// build stops half-way, the next one must not trust the old state.
    func invalidateState(folder: URL) {
        lock.lock()
        lastState = nil
        lock.unlock()
        // Only a file: a folder someone put in its place is not ReportSite's to delete (found by
        // a trial: it was removed with what it held).
        let url = folder.appendingPathComponent(Self.stateFileName)
        if PathKind.of(url.path) == .file { try? FileManager.default.removeItem(at: url) }
    }

    /// Records the state of a successful build, in memory and on disk.
    func saveState(_ state: BuildState, folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try AtomicFile.write(state.encoded(), to: folder.appendingPathComponent(Self.stateFileName))
        lock.lock()
        lastState = state
        lock.unlock()
    }

    // MARK: - Private

    /// The entry's file, and where its rarely read byte strings lie in it.
    private static func encodeEntry(_ entry: Entry, key: UInt64) -> (Data, [(bytes: SpillableBytes, range: Range<Int>)]) {
        var writer = BinaryWriter()
        writer.write(magic)
        writer.write(key)
        writer.write(entry.diagnostics)
        writer.write(entry.report)
        writer.write(entry.figures)
        writer.write(entry.search)
        return (writer.sealedData, writer.spillables)
    }

    /// - Parameter spillPath: the entry's file, when its rarely read bytes are left there.
    private static func decodeEntry(_ data: [UInt8], key: UInt64, spillPath: String?, failures: UnreadableEntries) throws -> Entry {
        var reader = try BinaryReader(sealedBytes: data)
        reader.spillPath = spillPath
        reader.spillFailures = failures
        guard try reader.readString() == magic, try reader.readUInt64() == key else { throw BinaryReader.Malformed() }
        let diagnostics: [Diagnostic] = try reader.readArray()
        let report: Report? = try reader.readOptional()
        let figures: ReportFigures? = try reader.readOptional()
        let search: SearchIndexHandle? = try reader.readOptional()
        guard reader.isAtEnd else { throw BinaryReader.Malformed() }
        return Entry(report: report, diagnostics: diagnostics, figures: figures, search: search)
    }
}

/// Writes a file so that a reader sees the old bytes or the new ones, never a part: to a
/// temporary name in the same folder, then renamed over the target.
enum AtomicFile {
    /// A new temporary name for `url`: hidden, beside it, marked as ReportSite's, and unique to
    /// this process and call (`.index.html.4242-17.reportsite-tmp`: process id, then a counter).
    /// Two writers never share a temporary file: when the name was the same for every writer,
    /// one build could rename into place a file that another was still writing, and the page
    /// ended with leftover bytes of the other write.
    static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + "." + uniqueTag() + temporarySuffix)
    }

    static let temporarySuffix = ".reportsite-tmp"

    /// `<pid>-<n>`, `n` counting the temporary names this process has made.
    private static func uniqueTag() -> String { "\(ProcessInfo.processInfo.processIdentifier)-\(counter.next())" }
    private static let counter = Counter()

    /// A thread-safe counter.
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0

        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value
        }
    }

    /// ``write(_:to:)`` of bytes in an array, without copying them into a `Data`.
    /// - Throws: file-system errors; the temporary file is removed then.
    static func write(bytes: [UInt8], to url: URL) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return try write(Data(), to: url) }
            try write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: buffer.count, deallocator: .none), to: url)
        }
    }

    /// Writes `data` to `url` through a temporary file and a rename.
    /// - Throws: file-system errors; the temporary file is removed then.
    static func write(_ data: Data, to url: URL) throws {
        let temporary = temporaryURL(for: url)
        do {
            try data.write(to: temporary)
            try rename(temporary, to: url)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Renames `source` over `destination` (replacing it in one step, as POSIX `rename` does).
    static func rename(_ source: URL, to destination: URL) throws {
        if let failure = POSIXFile.rename(source.path, to: destination.path) {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path, NSLocalizedDescriptionKey: failure])
        }
    }
}

/// A cache merged over the whole site and kept between builds as one file: what it looked up
/// or stored in a build is what the next one starts from (``RelatedCache``, ``TermMergeCache``).
protocol MergedCache {
    /// An empty cache.
    init()
    /// A cache for the next build: what this one used, none of it marked used yet.
    func forNextBuild() -> Self
    /// What this build used, as the cache file holds it (sealed).
    func encodedBytes() -> [UInt8]
    /// The cache a file holds, or `nil` when it is not one (another version, damaged).
    static func decode(_ data: Data) -> Self?
}

extension RelatedCache: MergedCache {
    convenience init() { self.init(results: [:]) }
}

extension TermMergeCache: MergedCache {
    convenience init() { self.init(tables: [:]) }
}
