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
/// - A file whose bytes are unchanged is not rewritten. Others are written to a temporary file in
///   the same folder and renamed into place, so a reader never sees half a file.
/// - Files listed in the previous manifest and no longer produced are removed, and so are the
///   folders they leave empty.
struct OutputWriter {
    static let manifestName = ".reportsite-manifest.json"

    let directory: URL
    let displayPath: String

    private struct Manifest: Codable {
        var generator: String
        var files: [String]
    }

    /// Checks that writing `files` overwrites nothing foreign. Returns the problems (empty if none).
    func conflicts(for files: [OutputFile]) -> [Diagnostic] {
        let owned = Set(previousManifest())
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

    /// Writes `files`, removes stale ones, then writes the manifest.
    /// - Throws: file-system errors (permissions, disk full), as `Diagnostic`s of the write stage.
    func write(_ files: [OutputFile]) throws -> WriteSummary {
        var summary = WriteSummary()
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
            for file in files {
                let url = directory.appendingPathComponent(file.path)
                if let existing = fileManager.contents(atPath: url.path), existing == file.data {
                    summary.unchanged.append(file.path)
                    continue
                }
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.data.write(to: url, options: .atomic)
                summary.written.append(file.path)
            }
            let produced = Set(files.map(\.path))
            for stale in previousManifest() where !produced.contains(stale) {
                let url = directory.appendingPathComponent(stale)
                var isDirectory: ObjCBool = false
                guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                try fileManager.removeItem(at: url)
                summary.removed.append(stale)
                removeEmptyFolders(above: stale)
            }
            let manifest = Manifest(generator: "ReportSite", files: files.map(\.path).sorted())
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let manifestURL = directory.appendingPathComponent(Self.manifestName)
            let manifestData = try encoder.encode(manifest)
            if fileManager.contents(atPath: manifestURL.path) != manifestData {
                try manifestData.write(to: manifestURL, options: .atomic)
            }
        } catch {
            throw Diagnostic(
                .error, at: SourceLocation(path: displayPath), "cannot write the site: \(error.localizedDescription)",
                hint: "check that the output folder is writable and the disk is not full", stage: .write)
        }
        return summary
    }

    // MARK: - Private

    /// The files the previous build wrote, from its manifest; paths that could leave the
    /// output directory (`..`, absolute) are ignored.
    private func previousManifest() -> [String] {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(Self.manifestName).path),
              let manifest = try? JSONDecoder().decode(Manifest.self, from: data)
        else { return [] }
        return manifest.files.filter { path in
            !path.hasPrefix("/") && !path.split(separator: "/").contains("..") && !path.isEmpty
        }
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
