import Foundation

/// What the **write** stage did.
public struct WriteSummary: Sendable, Equatable {
    /// Files whose bytes changed or that are new.
    public var written: [String] = []
    /// Files already on disk with the same bytes (left untouched, keeping their modification time).
    public var unchanged: [String] = []
    /// Files written by an earlier build and no longer produced, now removed.
    public var removed: [String] = []
}

/// The **write** stage: puts the rendered files into the output directory safely.
///
/// - Only files listed in the manifest (`.reportsite-manifest.json`, written last) were written by
///   ReportSite. A file that is not listed is foreign: it is never overwritten or deleted; if the
///   build would produce a file at its path, the build stops before writing anything.
/// - A file whose bytes are unchanged is not rewritten (it keeps its modification time). Its
///   bytes are compared by hash with what the last build recorded (``BuildState``) when the
///   file's fingerprint shows it untouched since, else with the file itself.
/// - Everything else is written in two steps, so the previous site stays readable until the end
///   and a build that is killed can be recovered from. Files are streamed: each page is handed
///   to the ``Session`` as soon as it is rendered and written under a temporary name in its own
///   folder, unique to the build (`.index.html.<pid>-<n>.reportsite-tmp`, ``AtomicFile``), after a line naming it and its temporary name is
///   appended to the journal (`.reportsite-journal`); only its path, hash and fingerprint are
///   kept. When every page is rendered and checked, each temporary file is renamed into place
///   (one step per file: a reader sees the old page or the new one); then files of the previous
///   build no longer produced are removed (and the folders they leave empty); then the manifest
///   is written, and the journal removed. A build that fails before that removes its temporary
///   files (nothing visible changed). The next build, finding a journal, removes the temporary
///   files it lists and counts its files as ReportSite's. The builder holds the output
///   folder's ``OutputLock`` for all of this, so the journal found is always that of a build
///   that is over, and the temporary files it lists are no other build's.
struct OutputWriter {
    static let manifestName = ".reportsite-manifest.json"
    static let journalName = ".reportsite-journal"

    let directory: URL
    let displayPath: String

    fileprivate struct Manifest: Codable {
        var generator: String
        var files: [String]
    }

    /// The first line of the journal (see ``Session``).
    fileprivate static let journalHeader = "ReportSite journal 2\n"

    /// The journal's lines of one kind (`file` or `tmp`).
    private func journalEntries(_ kind: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(Self.journalName).path) else { return [] }
        let prefix = kind + " "
        return Self.safe(String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            line.hasPrefix(prefix) ? String(line.dropFirst(prefix.count)) : nil
        })
    }

    /// What a write did, and the fingerprint and hash of every file of the site afterwards.
    struct Outcome {
        var summary = WriteSummary()
        var records: [String: BuildState.Output] = [:]
    }

    /// Raised by the test hook ``BuildOptions/interruptAfterFileOperations``.
    struct Interrupted: Error {}

    /// Checks that writing files at `paths` overwrites nothing foreign. Returns the problems
    /// (empty if none).
    func conflicts(for paths: [String]) -> [Diagnostic] {
        // A manifest that no longer decodes would make every file of the last build look like
        // someone else's (one error per file, none naming the manifest; found by a trial).
        let manifest = directory.appendingPathComponent(Self.manifestName)
        if PathKind.of(manifest.path) != .missing,
           FileManager.default.contents(atPath: manifest.path).flatMap({ try? JSONDecoder().decode(Manifest.self, from: $0) }) == nil {
            return [Diagnostic(
                .error, at: SourceLocation(path: displayPath + "/" + Self.manifestName),
                "the last build's manifest cannot be read, so ReportSite cannot tell the files it wrote from others",
                hint: "if the folder holds only a site ReportSite built, delete the folder and build again; otherwise restore the manifest, or build into another folder with --output",
                stage: .write)]
        }
        let owned = ownedFiles()
        var problems: [Diagnostic] = []
        var checkedFolders = Set<Substring>()
        // One `lstat` per file and per folder (not `FileManager`'s two lookups and a URL each:
        // 4.5 % of a one-edit rebuild of 1,000 reports).
        let root = directory.path + "/"
        for path in paths {
            switch PathKind.of(root + path) {
            case .directory: problems.append(problem(path, "a folder stands where the build writes a file"))
            case .link: problems.append(problem(path, "is a symbolic link; ReportSite does not write through links"))
            case .file, .other: if !owned.contains(path) { problems.append(problem(path, "file was not written by ReportSite and would be overwritten")) }
            case .missing: break
            }
            // A foreign file where the build needs a folder, or a symbolic link that would lead
            // the writes out of the output directory.
            var folder = path[...]
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                guard checkedFolders.insert(folder).inserted else { break }
                switch PathKind.of(root + folder) {
                case .link: problems.append(problem(String(folder), "is a symbolic link; ReportSite does not write through links"))
                case .file, .other: problems.append(problem(String(folder), "a file stands where the build needs a folder"))
                case .directory, .missing: break
                }
            }
        }
        return problems
    }

    /// Starts a write (see the type's documentation): files
    /// are then handed to the session one at a time, from any thread, as they are rendered, so
    /// the site is never held in memory.
    /// - Parameters:
    ///   - previous: the last build's records of the files, to compare bytes by hash.
    ///   - interruptAfter: test hook: stop after this many file operations, as if killed.
    /// - Throws: file-system errors, as `Diagnostic`s of the write stage.
    func session(
        previous: [String: BuildState.Output], progress: BuildProgress? = nil, interruptAfter: Int? = nil
    ) throws -> Session {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw writeFailure(error)
        }
        recoverFromInterruptedBuild()
        return Session(writer: self, owned: ownedFiles(), previous: previous, progress: progress, interruptAfter: interruptAfter)
    }

    /// A write in progress: ``stage(_:data:)`` compares each file with the last build's and
    /// writes it under its temporary name when it changed (the journal first, once); ``commit()``
    /// renames them into place, removes stale files and writes the manifest; ``abandon()``
    /// removes the temporary files, leaving the previous site as it was.
    final class Session: @unchecked Sendable {
        private let writer: OutputWriter
        private let owned: Set<String>
        private var produced: [String] = []
        private let previous: [String: BuildState.Output]
        private let progress: BuildProgress?
        private let interruptAfter: Int?
        private let lock = NSLock()
        private var operations = 0
        private var journalWritten = false
        private var outcome = Outcome()
        /// Files written under their temporary name, waiting for ``commit(paths:)``.
        private var pending: [(path: String, temporary: URL, hash: UInt64)] = []
        /// The render key of each staged file, for its record.
        private var renderKeys: [String: UInt64] = [:]
        /// Set by ``stop()``: nothing more is staged.
        private var stopped = false
        /// Stagings under way (``staging(_:_:)``), which ``stop()`` waits for.
        private var inFlight = 0
        /// Set when ``commit(paths:)`` begins renaming: ``stop()`` then waits for it.
        private var committing = false
        /// Set when ``commit(paths:)`` has ended: whether every file is in place.
        private var committed: Bool?

        /// What ``stop()`` did.
        enum StopOutcome {
            /// Nothing of this build is left in the output folder: what it staged is removed.
            case removed
            /// The renames into place had begun and were let finish: the site is complete.
            case completed
            /// The site is partly written (the renames did not finish, or a staging did not end
            /// in time); the journal stays, and the next build completes the site.
            case partlyWritten
        }

        fileprivate init(
            writer: OutputWriter, owned: Set<String>, previous: [String: BuildState.Output],
            progress: BuildProgress?, interruptAfter: Int?
        ) {
            self.writer = writer
            self.owned = owned
            self.previous = previous
            self.progress = progress
            self.interruptAfter = interruptAfter
        }

        /// Keeps a file this build did not render (its inputs did not change; the caller checked
        /// its fingerprint against `record`).
        func keep(_ path: String, record: BuildState.Output) {
            lock.lock()
            outcome.records[path] = record
            outcome.summary.unchanged.append(path)
            lock.unlock()
        }

        /// Compares one rendered file with the file on disk and writes it under its temporary
        /// name when it changed. Thread-safe.
        /// - Returns: the hash of `data` (XXH64).
        /// - Throws: file-system errors, as `Diagnostic`s of the write stage.
        @discardableResult
        func stage(_ path: String, data: Data, renderKey: UInt64 = 0) throws -> UInt64 {
            let (url, fingerprint) = try target(path)
            let hash = ContentHash.of(data)
            if let fingerprint, let record = previous[path], record.fingerprint == fingerprint, record.hash == hash {
                keep(path, record: BuildState.Output(fingerprint: fingerprint, hash: hash, renderKey: renderKey))
                return hash
            }
            if let fingerprint, fingerprint.size == data.count, FileManager.default.contents(atPath: url.path) == data {
                keep(path, record: BuildState.Output(fingerprint: fingerprint, hash: hash, renderKey: renderKey))
                return hash
            }
            let temporary = AtomicFile.temporaryURL(for: url)
            try staging(path) {
                try appendToJournal(path: path, temporary: temporary)
                try FileManager.default.createDirectory(at: temporary.deletingLastPathComponent(), withIntermediateDirectories: true)
                do {
                    try data.write(to: temporary)
                } catch {
                    // A write that failed part-way (a full disk) leaves no partial temporary file:
                    // it is not among the staged files that ``abandon()`` removes.
                    try? FileManager.default.removeItem(at: temporary)
                    throw error
                }
                try pend(path, temporary: temporary, hash: hash, renderKey: renderKey)
            }
            return hash
        }

        /// ``stage(_:data:renderKey:)`` of a file made in pieces, for a file too large to hold
        /// in memory whole (the site's `figures.csv`: 57 MB at 1,000 reports). `produce` is
        /// called once and hands each piece to `emit`, in order; the pieces are written to the
        /// temporary file and hashed as they come. When the file on disk turns out to be the same
        /// (as the last build recorded it, or byte for byte), the temporary file is removed and
        /// the file kept. Thread-safe.
        /// - Returns: the hash of the file (XXH64, as ``ContentHash/of(_:)-(Data)`` of all the
        ///   pieces) and its size in bytes.
        /// - Throws: file-system errors, as `Diagnostic`s of the write stage; what `produce` throws.
        @discardableResult
        func stage(_ path: String, renderKey: UInt64 = 0, streaming produce: (_ emit: (Data) throws -> Void) throws -> Void) throws -> (hash: UInt64, size: Int) {
            let (url, fingerprint) = try target(path)
            let temporary = AtomicFile.temporaryURL(for: url)
            var hash = ContentHash()
            var size = 0
            return try staging(path) {
                try appendToJournal(path: path, temporary: temporary)
                try FileManager.default.createDirectory(at: temporary.deletingLastPathComponent(), withIntermediateDirectories: true)
                guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
                }
                do {
                    let handle = try FileHandle(forWritingTo: temporary)
                    defer { try? handle.close() }
                    try produce { piece in
                        try handle.write(contentsOf: piece)
                        hash.combine(piece)
                        size += piece.count
                    }
                    try handle.synchronize()
                } catch {
                    // As for a whole file: no partial temporary file is left.
                    try? FileManager.default.removeItem(at: temporary)
                    throw error
                }
                let value = hash.value
                if let fingerprint, fingerprint.size == size,
                   previous[path].map({ $0.fingerprint == fingerprint && $0.hash == value }) == true || Self.hashOfFile(url) == value {
                    try? FileManager.default.removeItem(at: temporary)
                    keep(path, record: BuildState.Output(fingerprint: fingerprint, hash: value, renderKey: renderKey))
                    return (value, size)
                }
                try pend(path, temporary: temporary, hash: value, renderKey: renderKey)
                return (value, size)
            }
        }

        /// Where `path` is written, and the fingerprint of the file there now (`nil` for none).
        /// - Throws: a `Diagnostic` when that file is not one ReportSite wrote.
        private func target(_ path: String) throws -> (URL, FileFingerprint?) {
            let url = writer.directory.appendingPathComponent(path)
            let fingerprint = FileFingerprint.of(url.path)
            if fingerprint != nil, !owned.contains(path) {
                throw writer.problem(path, "file was not written by ReportSite and would be overwritten")
            }
            return (url, fingerprint)
        }

        /// Runs one file's staging, its errors made the write stage's diagnostics.
        private func staging<T>(_ path: String, _ body: () throws -> T) throws -> T {
            lock.lock()
            guard !stopped else {
                lock.unlock()
                throw interruptedDiagnostic()
            }
            inFlight += 1
            lock.unlock()
            defer {
                lock.lock()
                inFlight -= 1
                lock.unlock()
            }
            do {
                return try body()
            } catch let diagnostic as Diagnostic {
                throw diagnostic
            } catch is Interrupted {
                throw interruptedDiagnostic()
            } catch {
                throw writer.writeFailure(error, path: path)
            }
        }

        /// Records a file written under its temporary name, renamed into place at commit.
        private func pend(_ path: String, temporary: URL, hash: UInt64, renderKey: UInt64) throws {
            lock.lock()
            if stopped && !committing {
                lock.unlock()
                try? FileManager.default.removeItem(at: temporary)
                throw Interrupted()
            }
            pending.append((path, temporary, hash))
            if renderKey != 0 { renderKeys[path] = renderKey }
            lock.unlock()
            try operation()
        }

        /// The hash of a file's bytes, read a megabyte at a time; `nil` when it cannot be read.
        private static func hashOfFile(_ url: URL) -> UInt64? {
            guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
            defer { try? handle.close() }
            var hash = ContentHash()
            do {
                // `nil` or an empty piece at the end of the file (Foundation on Linux gives `nil`).
                while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty { hash.combine(piece) }
                return hash.value
            } catch {
                return nil
            }
        }

        /// Renames every staged file into place, removes the files of the previous build no
        /// longer produced, writes the manifest and removes the journal.
        /// - Parameter paths: every file of the site (staged or kept).
        /// - Returns: what was written, and the record of every file of the site.
        /// - Throws: file-system errors, as `Diagnostic`s of the write stage.
        func commit(paths: [String]) throws -> Outcome {
            lock.lock()
            let wasStopped = stopped
            committing = !wasStopped
            lock.unlock()
            if wasStopped { throw interruptedDiagnostic() }
            var succeeded = false
            defer {
                lock.lock()
                committed = succeeded
                lock.unlock()
            }
            let fileManager = FileManager.default
            /// The file being renamed into place, for the error when that fails.
            var current: String?
            self.produced = paths
            let produced = Set(paths)
            let stale = owned.subtracting(produced).sorted()
            let manifestURL = writer.directory.appendingPathComponent(OutputWriter.manifestName)
            let journalURL = writer.directory.appendingPathComponent(OutputWriter.journalName)
            do {
                let manifestData = try OutputWriter.encode(Manifest(generator: "ReportSite", files: produced.sorted()))
                let manifestChanged = fileManager.contents(atPath: manifestURL.path) != manifestData
                let journalLeft = fileManager.fileExists(atPath: journalURL.path)
                guard !pending.isEmpty || !stale.isEmpty || manifestChanged || journalLeft else {
                    succeeded = true
                    return finished()
                }
                try writeJournalOnce()
                try journalHandle?.close()
                journalHandle = nil
                progress?.setFilesToWrite(pending.count)
                for (path, temporary, hash) in pending.sorted(by: { $0.path < $1.path }) {
                    let url = writer.directory.appendingPathComponent(path)
                    current = path
                    try AtomicFile.rename(temporary, to: url)
                    try operation()
                    progress?.fileWritten()
                    guard let fingerprint = FileFingerprint.of(url.path) else { throw CocoaError(.fileNoSuchFile) }
                    outcome.records[path] = BuildState.Output(fingerprint: fingerprint, hash: hash, renderKey: renderKeys[path] ?? 0)
                    outcome.summary.written.append(path)
                }
                pending = []
                current = nil
                for path in stale {
                    let url = writer.directory.appendingPathComponent(path)
                    var isDirectory: ObjCBool = false
                    guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                    try fileManager.removeItem(at: url)
                    outcome.summary.removed.append(path)
                    writer.removeEmptyFolders(above: path)
                }
                if manifestChanged { try AtomicFile.write(manifestData, to: manifestURL) }
                try fileManager.removeItem(at: journalURL)
            } catch is Interrupted {
                throw interruptedDiagnostic()
            } catch {
                // Before the first rename the folder is as the last build left it. After it, the
                // renamed files stay, and so does the journal, which lists them: the next build
                // owns them and completes the site, as after an interrupted build. (Removing the
                // journal then left files no build would own; found by a trial.)
                guard outcome.summary.written.isEmpty else {
                    try? journalHandle?.close()
                    journalHandle = nil
                    var failure = writer.writeFailure(error, path: current)
                    failure.hint = BuildFailure.partlyWrittenHint
                    throw failure
                }
                abandon()
                throw writer.writeFailure(error, path: current)
            }
            succeeded = true
            return finished()
        }

        /// Stops the session of a process that is being stopped (``BuildInterruption``): nothing
        /// is staged from now on and the stagings under way are waited for (up to 5 seconds),
        /// then everything staged is removed with the journal (``abandon()``). When the renames
        /// into place have begun they are let finish (they take a fraction of a second; up to
        /// 60 seconds), so the site is whole. A staging or renames that do not end in time leave
        /// the journal, and the next build completes the site.
        func stop() -> StopOutcome {
            lock.lock()
            stopped = true
            lock.unlock()
            // The stagings under way end, unless the renames have begun (``commit(paths:)``
            // refuses to begin once stopped).
            let settled = BuildInterruption.wait(upTo: 5) { lock.withLock { committing || inFlight == 0 } }
            if lock.withLock({ committing }) {
                _ = BuildInterruption.wait(upTo: 60) { lock.withLock { committed != nil } }
                return lock.withLock { committed } == true ? .completed : .partlyWritten
            }
            guard settled else { return .partlyWritten }
            abandon()
            return .removed
        }

        /// Removes every file staged and not yet renamed, the folders they leave empty, and the
        /// journal: the output folder is as the previous build left it. (Only before ``commit()``.)
        func abandon() {
            lock.lock()
            let staged = pending
            pending = []
            try? journalHandle?.close()
            journalHandle = nil
            let written = journalWritten
            journalWritten = false
            lock.unlock()
            for item in staged {
                try? FileManager.default.removeItem(at: item.temporary)
                writer.removeEmptyFolders(above: item.path)
            }
            if written { try? FileManager.default.removeItem(at: writer.directory.appendingPathComponent(OutputWriter.journalName)) }
        }

        // MARK: - Private

        private func finished() -> Outcome {
            outcome.summary.unchanged.sort()
            outcome.summary.written.sort()
            return outcome
        }

        /// The journal is a text file of lines `file <path>` (a file this build may create) and
        /// `tmp <path>` (its temporary name), appended before each file is written, so it lists
        /// every file of the build before any exists, without knowing them all in advance.
        private func appendToJournal(path: String, temporary: URL) throws {
            lock.lock()
            defer { lock.unlock() }
            if !journalWritten {
                let journalURL = try startJournal(listing: owned)
                journalHandle = try FileHandle(forWritingTo: journalURL)
                _ = try journalHandle?.seekToEnd()
            }
            let relative = String(temporary.path.dropFirst(writer.directory.path.count + 1))
            try journalHandle?.write(contentsOf: Data("file \(path)\ntmp \(relative)\n".utf8))
        }

        private var journalHandle: FileHandle?

        /// Writes the journal when no file was staged (stale files are removed, or the manifest
        /// changes): the owned files are listed, so a build killed now loses none of them.
        private func writeJournalOnce() throws {
            lock.lock()
            defer { lock.unlock() }
            guard !journalWritten else { return }
            _ = try startJournal(listing: owned.union(produced))
        }

        /// Writes the journal's header and a `file` line for each of `files` (call under the
        /// lock); returns its URL.
        private func startJournal(listing files: Set<String>) throws -> URL {
            let journalURL = writer.directory.appendingPathComponent(OutputWriter.journalName)
            var text = OutputWriter.journalHeader
            for path in files.sorted() { text += "file \(path)\n" }
            try AtomicFile.write(Data(text.utf8), to: journalURL)
            journalWritten = true
            return journalURL
        }

        private func operation() throws {
            lock.lock()
            operations += 1
            let count = operations
            lock.unlock()
            if let interruptAfter, count >= interruptAfter { throw Interrupted() }
        }

        private func interruptedDiagnostic() -> Diagnostic {
            Diagnostic(
                .error, at: SourceLocation(path: writer.displayPath), "the build was interrupted after \(operations) file operations (test)",
                stage: .write)
        }
    }

    /// - Parameter path: the file being written, when there is one (then the diagnostic names it).
    fileprivate func writeFailure(_ error: Error, path: String? = nil) -> Diagnostic {
        Diagnostic(
            .error, at: SourceLocation(path: path.map { displayPath + "/" + $0 } ?? displayPath), "cannot write the site: \(error.localizedDescription)",
            hint: "check that the output folder is writable and the disk is not full", stage: .write)
    }

    /// True when the last build's manifest is in place and no build was left half-done.
    func isComplete() -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(Self.manifestName).path)
            && !FileManager.default.fileExists(atPath: directory.appendingPathComponent(Self.journalName).path)
    }

    // MARK: - Private

    /// The files ReportSite owns: the previous manifest's, and those of the journal of a build
    /// that did not finish. Paths that could leave the output directory (`..`, absolute) are
    /// ignored.
    private func ownedFiles() -> Set<String> {
        var owned = Set(Self.readList(directory.appendingPathComponent(Self.manifestName)) { (try? JSONDecoder().decode(Manifest.self, from: $0))?.files })
        owned.formUnion(journalEntries("file"))
        return owned
    }

    /// Removes the temporary files listed by the journal of a build that did not finish.
    private func recoverFromInterruptedBuild() {
        let temporary = journalEntries("tmp")
        for path in temporary where (path as NSString).lastPathComponent.hasSuffix(AtomicFile.temporarySuffix) {
            let url = directory.appendingPathComponent(path)
            if FileFingerprint.of(url.path) != nil { try? FileManager.default.removeItem(at: url) }
        }
    }

    private static func readList(_ url: URL, _ decode: (Data) -> [String]?) -> [String] {
        guard let data = FileManager.default.contents(atPath: url.path), let list = decode(data) else { return [] }
        return safe(list)
    }

    /// The paths that stay inside the output directory (no `..`, not absolute, not empty).
    private static func safe(_ list: [String]) -> [String] {
        list.filter { path in
            !path.hasPrefix("/") && !path.split(separator: "/").contains("..") && !path.isEmpty
        }
    }

    fileprivate static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    fileprivate func removeEmptyFolders(above path: String) {
        var folder = (path as NSString).deletingLastPathComponent
        while !folder.isEmpty {
            let url = directory.appendingPathComponent(folder)
            guard let contents = try? FileManager.default.contentsOfDirectory(atPath: url.path), contents.isEmpty else { return }
            try? FileManager.default.removeItem(at: url)
            folder = (folder as NSString).deletingLastPathComponent
        }
    }

    fileprivate func problem(_ path: String, _ message: String) -> Diagnostic {
        Diagnostic(
            .error, at: SourceLocation(path: displayPath + "/" + path), message,
            hint: "move it out of the output folder, or build into another folder with --output", stage: .write)
    }
}
