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
///   and a build that is killed can be recovered from: first a journal
///   (`.reportsite-manifest.pending.json`) lists every file this build may create, under its
///   final and its temporary name; then every changed file is written under a temporary name in
///   its own folder (`.index.html.reportsite-tmp`); then each is renamed into place (one step
///   per file: a reader sees the old page or the new one); then files of the previous build no
///   longer produced are removed (and the folders they leave empty); then the manifest is
///   written, and the journal removed. The next build, finding a journal, removes the temporary
///   files it lists and counts its files as ReportSite's.
struct OutputWriter {
    static let manifestName = ".reportsite-manifest.json"
    static let journalName = ".reportsite-manifest.pending.json"

    let directory: URL
    let displayPath: String

    private struct Manifest: Codable {
        var generator: String
        var files: [String]
    }

    private struct Journal: Codable {
        var generator: String
        /// Every file ReportSite owns while the build runs: the previous manifest's and this build's.
        var files: [String]
        /// The temporary files this build writes.
        var temporary: [String]
    }

    /// What a write did, and the fingerprint and hash of every file of the site afterwards.
    struct Outcome {
        var summary = WriteSummary()
        var records: [String: BuildState.Output] = [:]
    }

    /// Raised by the test hook ``BuildOptions/interruptAfterFileOperations``.
    struct Interrupted: Error {}

    /// Checks that writing `files` overwrites nothing foreign. Returns the problems (empty if none).
    func conflicts(for files: [OutputFile]) -> [Diagnostic] {
        let owned = ownedFiles()
        var problems: [Diagnostic] = []
        var checkedFolders = Set<String>()
        for file in files {
            let url = directory.appendingPathComponent(file.path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
                if isDirectory.boolValue {
                    problems.append(problem(file.path, "a folder stands where the build writes a file"))
                } else if !owned.contains(file.path) {
                    problems.append(problem(file.path, "file was not written by ReportSite and would be overwritten"))
                }
            }
            // A foreign file where the build needs a folder, or a symbolic link that would lead
            // the writes out of the output directory.
            var folder = (file.path as NSString).deletingLastPathComponent
            while !folder.isEmpty, checkedFolders.insert(folder).inserted {
                let path = directory.appendingPathComponent(folder).path
                var isDir: ObjCBool = false
                if (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil {
                    problems.append(problem(folder, "is a symbolic link; ReportSite does not write through links"))
                } else if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue {
                    problems.append(problem(folder, "a file stands where the build needs a folder"))
                }
                folder = (folder as NSString).deletingLastPathComponent
            }
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil {
                problems.append(problem(file.path, "is a symbolic link; ReportSite does not write through links"))
            }
        }
        return problems
    }

    /// Writes `files`, removes stale ones, then writes the manifest (see the type's documentation).
    /// - Parameters:
    ///   - files: the files rendered by this build.
    ///   - kept: files of the site this build did not render, left as they are (report pages
    ///     whose inputs did not change; the caller checked their fingerprints).
    ///   - previous: the last build's records of the files, to compare bytes by hash.
    ///   - interruptAfter: test hook: stop after this many file operations, as if killed.
    /// - Throws: file-system errors (permissions, disk full), as `Diagnostic`s of the write stage.
    func write(
        _ files: [OutputFile], keeping kept: [String] = [], previous: [String: BuildState.Output] = [:],
        progress: BuildProgress? = nil, interruptAfter: Int? = nil
    ) throws -> Outcome {
        var outcome = Outcome()
        let fileManager = FileManager.default
        var operations = 0
        func operation() throws {
            operations += 1
            if let interruptAfter, operations >= interruptAfter { throw Interrupted() }
        }
        var temporaries: [URL] = []
        do {
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
            recoverFromInterruptedBuild()
            let owned = ownedFiles()
            for path in kept {
                if let record = previous[path] { outcome.records[path] = record }
                outcome.summary.unchanged.append(path)
            }

            // Which files changed.
            var changed: [(file: OutputFile, hash: UInt64)] = []
            for file in files {
                let url = directory.appendingPathComponent(file.path)
                let hash = ContentHash.of(file.data)
                let fingerprint = FileFingerprint.of(url.path)
                if let fingerprint, let record = previous[file.path], record.fingerprint == fingerprint, record.hash == hash {
                    outcome.records[file.path] = record
                    outcome.summary.unchanged.append(file.path)
                } else if let fingerprint, fingerprint.size == file.data.count, fileManager.contents(atPath: url.path) == file.data {
                    outcome.records[file.path] = BuildState.Output(fingerprint: fingerprint, hash: hash, renderKey: 0)
                    outcome.summary.unchanged.append(file.path)
                } else {
                    changed.append((file, hash))
                }
            }
            let produced = Set(files.map(\.path)).union(kept)
            let stale = owned.subtracting(produced).sorted()
            let manifestURL = directory.appendingPathComponent(Self.manifestName)
            let manifestData = try Self.encode(Manifest(generator: "ReportSite", files: produced.sorted()))
            let manifestChanged = fileManager.contents(atPath: manifestURL.path) != manifestData
            let journalURL = directory.appendingPathComponent(Self.journalName)
            let journalLeft = fileManager.fileExists(atPath: journalURL.path)
            guard !changed.isEmpty || !stale.isEmpty || manifestChanged || journalLeft else {
                outcome.summary.unchanged.sort()
                return outcome
            }

            // 1. The journal: what this build may create.
            temporaries = changed.map { AtomicFile.temporaryURL(for: directory.appendingPathComponent($0.file.path)) }
            let journal = Journal(
                generator: "ReportSite", files: owned.union(produced).sorted(),
                temporary: temporaries.map { String($0.path.dropFirst(directory.path.count + 1)) })
            try AtomicFile.write(try Self.encode(journal), to: journalURL)
            // 2. Every changed file under its temporary name.
            progress?.setFilesToWrite(changed.count)
            for ((file, _), temporary) in zip(changed, temporaries) {
                try fileManager.createDirectory(at: temporary.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.data.write(to: temporary)
                try operation()
            }
            // 3. Renamed into place.
            for ((file, hash), temporary) in zip(changed, temporaries) {
                let url = directory.appendingPathComponent(file.path)
                try AtomicFile.rename(temporary, to: url)
                try operation()
                progress?.fileWritten()
                guard let fingerprint = FileFingerprint.of(url.path) else { throw CocoaError(.fileNoSuchFile) }
                outcome.records[file.path] = BuildState.Output(fingerprint: fingerprint, hash: hash, renderKey: 0)
                outcome.summary.written.append(file.path)
            }
            temporaries = []
            // 4. Files no longer produced.
            for path in stale {
                let url = directory.appendingPathComponent(path)
                var isDirectory: ObjCBool = false
                guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                try fileManager.removeItem(at: url)
                outcome.summary.removed.append(path)
                removeEmptyFolders(above: path)
            }
            // 5. The manifest, then the journal goes.
            if manifestChanged { try AtomicFile.write(manifestData, to: manifestURL) }
            try fileManager.removeItem(at: journalURL)
        } catch is Interrupted {
            throw Diagnostic(
                .error, at: SourceLocation(path: displayPath), "the build was interrupted after \(operations) file operations (test)",
                stage: .write)
        } catch {
            for temporary in temporaries { try? fileManager.removeItem(at: temporary) }
            throw Diagnostic(
                .error, at: SourceLocation(path: displayPath), "cannot write the site: \(error.localizedDescription)",
                hint: "check that the output folder is writable and the disk is not full", stage: .write)
        }
        outcome.summary.unchanged.sort()
        return outcome
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
        owned.formUnion(Self.readList(directory.appendingPathComponent(Self.journalName)) { (try? JSONDecoder().decode(Journal.self, from: $0))?.files })
        return owned
    }

    /// Removes the temporary files listed by the journal of a build that did not finish.
    private func recoverFromInterruptedBuild() {
        let temporary = Self.readList(directory.appendingPathComponent(Self.journalName)) { (try? JSONDecoder().decode(Journal.self, from: $0))?.temporary }
        for path in temporary where (path as NSString).lastPathComponent.hasSuffix(AtomicFile.temporarySuffix) {
            let url = directory.appendingPathComponent(path)
            if FileFingerprint.of(url.path) != nil { try? FileManager.default.removeItem(at: url) }
        }
    }

    private static func readList(_ url: URL, _ decode: (Data) -> [String]?) -> [String] {
        guard let data = FileManager.default.contents(atPath: url.path), let list = decode(data) else { return [] }
        return list.filter { path in
            !path.hasPrefix("/") && !path.split(separator: "/").contains("..") && !path.isEmpty
        }
    }

    private static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    private func removeEmptyFolders(above path: String) {
        var folder = (path as NSString).deletingLastPathComponent
        while !folder.isEmpty {
            let url = directory.appendingPathComponent(folder)
            guard let contents = try? FileManager.default.contentsOfDirectory(atPath: url.path), contents.isEmpty else { return }
            try? FileManager.default.removeItem(at: url)
            folder = (folder as NSString).deletingLastPathComponent
        }
    }

    private func problem(_ path: String, _ message: String) -> Diagnostic {
        Diagnostic(
            .error, at: SourceLocation(path: displayPath + "/" + path), message,
            hint: "move it out of the output folder, or build into another folder with --output", stage: .write)
    }
}
