import Foundation

/// What the last successful build read and wrote, so the next one can tell what changed
/// without reading what did not: the fingerprint and hash of every input file, and the
/// fingerprint, hash and render key of every output file. Stored as `state.bin` in the cache
/// folder (``BuildCache``); removed while a build writes, so a build that stops half-way leaves
/// none, and written again after the manifest.
struct BuildState: Sendable {
    /// One input file (`content/reports/x.md`, `templates/partials/nav.mustache`), or a folder
    /// or a missing file that matters (`fingerprint` `nil`, `hash` 0).
    struct Input: Sendable, Equatable {
        var path: String
        var fingerprint: FileFingerprint?
        /// XXH64 of the bytes (0 for a folder or a missing file).
        var hash: UInt64
    }

    /// One file of the built site.
    struct Output: Sendable, Equatable {
        var fingerprint: FileFingerprint
        /// XXH64 of the bytes.
        var hash: UInt64
        /// The hash of everything the page was rendered from (0 when not tracked: only report
        /// pages are skipped when their inputs did not change; see ``PageKeys``).
        var renderKey: UInt64
    }

    /// Tool version, and the folders as given and resolved: a state is used only by a build
    /// with the same setup.
    var setup: [String]
    /// When the inputs were fingerprinted (nanoseconds since 1970), for the racy check.
    var scanTime: Int
    /// Inputs, sorted by path.
    var inputs: [Input]
    var outputs: [String: Output]
    /// What the build reported, to report the same when nothing changed.
    var reportCount: Int
    var passageCount: Int
    var pageCount: Int
    var totalBytes: Int
    var search: SearchIndexSummary
    var warnings: [Diagnostic]

    /// The setup of a build with `options`.
    static func setup(of options: BuildOptions) -> [String] {
        // `--base-url` changes every page and `--strict` which warnings fail: either one changed,
        // the last build is not reused.
        [options.toolVersion, options.contentPath, options.templatesPath, options.outputPath,
         BuildOptions.url(options.contentPath).path, BuildOptions.url(options.templatesPath).path, BuildOptions.url(options.outputPath).path,
         "base-url:" + (options.baseURL ?? ""), options.strict ? "strict" : ""]
    }

    /// The input record with `path`, if any.
    func input(_ path: String) -> Input? {
        var low = 0, high = inputs.count
        while low < high {
            let middle = (low + high) / 2
            if inputs[middle].path < path { low = middle + 1 } else { high = middle }
        }
        return low < inputs.count && inputs[low].path == path ? inputs[low] : nil
    }

    // MARK: - Encoding

    func encoded() -> Data {
        var writer = BinaryWriter()
        writer.write(BuildCache.magic)
        writer.write(setup)
        writer.write(scanTime)
        writer.write(UInt64(inputs.count))
        for input in inputs {
            writer.write(input.path)
            writer.write(input.fingerprint)
            writer.write(input.hash)
        }
        writer.write(UInt64(outputs.count))
        for path in outputs.keys.sorted() {
            guard let output = outputs[path] else { continue }
            writer.write(path)
            writer.write(output.fingerprint)
            writer.write(output.hash)
            writer.write(output.renderKey)
        }
        for count in [reportCount, passageCount, pageCount, totalBytes] { writer.write(count) }
        for count in [search.documentCount, search.termCount, search.textBytes, search.metaBytes, search.termBytes,
                      search.termShardCount, search.largestTermShardBytes, search.reportBytes, search.reportFileCount, search.largestReportBytes] {
            writer.write(count)
        }
        writer.write(warnings)
        return writer.sealedData
    }

    static func decode(_ data: Data) throws -> BuildState {
        var reader = try BinaryReader(sealed: data)
        guard try reader.readString() == BuildCache.magic else { throw BinaryReader.Malformed() }
        let setup = try reader.readStrings()
        let scanTime = try reader.readInt()
        var inputs: [Input] = []
        for _ in 0..<(try reader.readCount()) {
            inputs.append(Input(path: try reader.readString(), fingerprint: try reader.readOptional(), hash: try reader.readUInt64()))
        }
        var outputs: [String: Output] = [:]
        let outputCount = try reader.readCount()
        outputs.reserveCapacity(outputCount)
        for _ in 0..<outputCount {
            let path = try reader.readString()
            outputs[path] = Output(fingerprint: try reader.read(), hash: try reader.readUInt64(), renderKey: try reader.readUInt64())
        }
        let counts = try (0..<4).map { _ in try reader.readInt() }
        let s = try (0..<10).map { _ in try reader.readInt() }
        let search = SearchIndexSummary(
            documentCount: s[0], termCount: s[1], textBytes: s[2], metaBytes: s[3], termBytes: s[4], termShardCount: s[5],
            largestTermShardBytes: s[6], reportBytes: s[7], reportFileCount: s[8], largestReportBytes: s[9])
        let warnings: [Diagnostic] = try reader.readArray()
        guard reader.isAtEnd else { throw BinaryReader.Malformed() }
        return BuildState(
            setup: setup, scanTime: scanTime, inputs: inputs.sorted { $0.path < $1.path }, outputs: outputs,
            reportCount: counts[0], passageCount: counts[1], pageCount: counts[2], totalBytes: counts[3], search: search, warnings: warnings)
    }
}

/// The input files of a build, fingerprinted without reading them: `site.yml`, `topics.yml`,
/// every entry of `reports/`, and every file under the templates folder. Paths are prefixed
/// `content/` and `templates/`; folders get a trailing `/` and no fingerprint.
struct InputScan: Sendable {
    var entries: [(path: String, fingerprint: FileFingerprint?)]
    /// When the scan started (nanoseconds since 1970).
    var time: Int

    init(content: URL, templates: URL) {
        time = FileFingerprint.now()
        var entries: [(String, FileFingerprint?)] = []
        for name in ["site.yml", "topics.yml"] {
            entries.append(("content/" + name, FileFingerprint.of(content.appendingPathComponent(name).path, followingLinks: true)))
        }
        let reports = content.appendingPathComponent("reports").path
        if let names = DirectoryListing.names(reports) {
            for name in names {
                let path = reports + "/" + name
                if DirectoryListing.isDirectory(path) {
                    entries.append(("content/reports/" + name + "/", nil))
                } else {
                    entries.append(("content/reports/" + name, FileFingerprint.of(path, followingLinks: true)))
                }
            }
        } else {
            entries.append(("content/reports (missing)", nil))
        }
        Self.walk(templates.path, prefix: "templates/", depth: 0, into: &entries)
        self.entries = entries.sorted { $0.0 < $1.0 }
    }

    /// True when every input is as `state` recorded it: the same paths, the same fingerprints,
    /// and, for a file changed too close to the recorded scan to trust its fingerprint, the same
    /// bytes (read and hashed).
    func matches(_ state: BuildState, content: URL, templates: URL) -> Bool {
        guard entries.count == state.inputs.count else { return false }
        for (entry, recorded) in zip(entries, state.inputs) {
            guard entry.path == recorded.path, entry.fingerprint == recorded.fingerprint else { return false }
            if let fingerprint = entry.fingerprint, fingerprint.isRacy(scanTime: state.scanTime) {
                guard let url = url(of: entry.path, content: content, templates: templates),
                      let data = FileManager.default.contents(atPath: url.path),
                      ContentHash.of(data) == recorded.hash
                else { return false }
            }
        }
        return true
    }

    /// The file of an entry's path.
    func url(of path: String, content: URL, templates: URL) -> URL? {
        if path.hasPrefix("content/") { return content.appendingPathComponent(String(path.dropFirst("content/".count))) }
        if path.hasPrefix("templates/") { return templates.appendingPathComponent(String(path.dropFirst("templates/".count))) }
        return nil
    }

    // MARK: - Private

    /// Every file below `folder`, recursively (hidden ones too: a superset of what the template
    /// loader reads is safe); at most 16 folders deep, so a link loop ends.
    private static func walk(_ folder: String, prefix: String, depth: Int, into entries: inout [(String, FileFingerprint?)]) {
        guard depth < 16, let names = DirectoryListing.names(folder) else {
            if depth == 0 { entries.append((prefix + " (missing)", nil)) }
            return
        }
        for name in names {
            let path = folder + "/" + name
            if DirectoryListing.isDirectory(path) {
                entries.append((prefix + name + "/", nil))
                walk(path, prefix: prefix + name + "/", depth: depth + 1, into: &entries)
            } else {
                entries.append((prefix + name, FileFingerprint.of(path, followingLinks: true)))
            }
        }
    }
}
