import Foundation
import Testing
@testable import ReportSiteCore

/// The build cache never changes what is published: a damaged cache file is read as no cache, a
/// clean build leaves nothing of an earlier cache behind, and a cache file that cannot be written
/// is a warning naming it. (Each case found by a trial that damaged `Output/.reportsite-cache/`.)
@Suite("Cache integrity")
struct CacheIntegrityTests {
    static let basic = Repository.fixtures.appendingPathComponent("golden/basic/Content")

    /// Every file of a built site but the cache and manifest, with its bytes.
    func site(_ output: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in listFiles(output) where path != ".reportsite-manifest.json" {
            files[path] = try Data(contentsOf: output.appendingPathComponent(path))
        }
        return files
    }

    func withContent(_ body: (URL, URL) throws -> Void) throws {
        try withTemporaryDirectory { temp in
            let content = temp.appendingPathComponent("Content")
            try copyTree(Self.basic, to: content)
            try body(content, temp)
        }
    }

    func edit(_ content: URL, _ sentence: String) throws {
        let url = content.appendingPathComponent("reports/demo-city-2024.md")
        try (try readText(url) + "\n" + sentence + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    func clean(_ content: URL, _ temp: URL, _ name: String) throws -> [String: Data] {
        let output = temp.appendingPathComponent(name)
        _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
        return try site(output)
    }

    /// Four bytes flipped inside every cache file (reports' entries, related passages, term
    /// tables, state), at several offsets: the next build reads none of them, parses every report
    /// again and publishes what a clean build does. Before the files were sealed with their hash, a
    /// flipped byte in an entry was published as another character.
    @Test(arguments: [0.05, 0.4, 0.9])
    func flippedBytesInTheCacheAreNeverPublished(at fraction: Double) throws {
        try withContent { content, temp in
            let output = temp.appendingPathComponent("Output")
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let cache = output.appendingPathComponent(BuildCache.folderName)
            let damaged = listFiles(cache, includingCache: true).filter { $0.hasSuffix(".bin") }
            #expect(damaged.contains(BuildCache.termsFileName) && damaged.contains(BuildCache.relatedFileName))
            for path in damaged {
                let url = cache.appendingPathComponent(path)
                var bytes = [UInt8](try Data(contentsOf: url))
                let start = min(bytes.count - 4, max(0, Int(Double(bytes.count) * fraction)))
                for i in start..<(start + 4) { bytes[i] ^= 0x01 }
                try Data(bytes).write(to: url)
            }
            try edit(content, "新建学校5所。")
            let second = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            #expect(second.reportsFromCache == 0)
            #expect(try site(output) == clean(content, temp, "Clean"))
        }
    }

    /// `--clean` (no cache read) writes the merged caches anew: an earlier `terms.bin` and
    /// `related.bin` (here: another site's, well formed) do not outlive it.
    @Test func aCleanBuildReplacesEveryMergedCacheFile() throws {
        try withContent { content, temp in
            let output = temp.appendingPathComponent("Output")
            let other = temp.appendingPathComponent("Other")
            _ = try #require(buildSite(content: Repository.content, templates: Repository.templates, output: other).success)
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let cache = output.appendingPathComponent(BuildCache.folderName)
            for name in [BuildCache.termsFileName, BuildCache.relatedFileName] {
                try FileManager.default.removeItem(at: cache.appendingPathComponent(name))
                try FileManager.default.copyItem(at: other.appendingPathComponent(BuildCache.folderName + "/" + name), to: cache.appendingPathComponent(name))
            }
            var options = BuildOptions(content: content.path, templates: Repository.templates.path, output: output.path)
            options.useCache = false
            _ = try SiteBuilder(options: options).build()
            let fresh = temp.appendingPathComponent("Fresh")
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: fresh).success)
            for name in [BuildCache.termsFileName, BuildCache.relatedFileName] {
                #expect(try Data(contentsOf: cache.appendingPathComponent(name)) == Data(contentsOf: fresh.appendingPathComponent(BuildCache.folderName + "/" + name)), "\(name)")
            }
        }
    }

    /// An edit that keeps the file's size, inode and modification time (written in place, the
    /// time then set back): the status change time shows it, and the site is a clean build's.
    @Test func anEditThatRestoresTheModificationTimeIsNoticed() throws {
        try withContent { content, temp in
            let output = temp.appendingPathComponent("Output")
            let url = content.appendingPathComponent("reports/demo-city-2024.md")
            // Old enough not to be racy (the build reads racy files again anyway).
            let old = Date(timeIntervalSinceNow: -3600)
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: url.path)
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let text = try readText(url)
            // A digit of the body (the last one), not of the front matter.
            let digit = try #require(text.lastIndex { ("1"..."8").contains($0) })
            let edited = text.replacingCharacters(in: digit...digit, with: String(Character(Unicode.Scalar(text.unicodeScalars[digit].value + 1)!)))
            let handle = try FileHandle(forWritingTo: url)
            try handle.write(contentsOf: Data(edited.utf8))
            try handle.close()
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: url.path)
            let second = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            #expect(!second.upToDate)
            #expect(second.reportsParsed == 1)
            #expect(try site(output) == clean(content, temp, "Clean"))
        }
    }

    /// A folder where `terms.bin` goes: the build succeeds with the site right, and warns at
    /// that file; the build after it too.
    @Test func aCacheFileThatCannotBeWrittenIsAWarningNamingIt() throws {
        try withContent { content, temp in
            let output = temp.appendingPathComponent("Output")
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let terms = output.appendingPathComponent(BuildCache.folderName + "/" + BuildCache.termsFileName)
            try FileManager.default.removeItem(at: terms)
            try FileManager.default.createDirectory(at: terms, withIntermediateDirectories: false)
            for sentence in ["新建学校5所。", "新建公园3个。"] {
                try edit(content, sentence)
                let built = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
                let warning = try #require(built.warnings.first { $0.message.hasPrefix("cannot write the build cache") })
                #expect(warning.location.path == output.path + "/" + BuildCache.folderName + "/" + BuildCache.termsFileName)
                #expect(warning.severity == .warning)
                #expect(try site(output) == clean(content, temp, "Clean-\(sentence.count)-\(built.reportsParsed)"))
            }
        }
    }

    /// What someone put in the cache folder is theirs: a folder in place of `state.bin` (with a
    /// file in it) and foreign files and folders among the report entries survive builds; the
    /// folder at `state.bin` and one at an entry's name are warnings naming those files (second
    /// trial: the folder at `state.bin` was deleted with its file, the foreign entries too, and
    /// the warning named the `reports` folder).
    @Test func foreignFilesInTheCacheFolderAreLeftAlone() throws {
        try withContent { content, temp in
            let output = temp.appendingPathComponent("Output")
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let cache = output.appendingPathComponent(BuildCache.folderName)
            let state = cache.appendingPathComponent(BuildCache.stateFileName)
            try FileManager.default.removeItem(at: state)
            try FileManager.default.createDirectory(at: state, withIntermediateDirectories: false)
            try Data("mine".utf8).write(to: state.appendingPathComponent("notes.txt"))
            let reports = cache.appendingPathComponent(BuildCache.reportsFolderName)
            try Data("mine".utf8).write(to: reports.appendingPathComponent("notes.txt"))
            try Data("mine".utf8).write(to: reports.appendingPathComponent("junk.bin"))
            try edit(content, "新建学校5所。")
            let built = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let warnings = built.warnings.filter { $0.message.hasPrefix("cannot write the build cache") }.map(\.location.path)
            #expect(warnings == [output.path + "/" + BuildCache.folderName + "/" + BuildCache.stateFileName])
            #expect(FileManager.default.fileExists(atPath: state.appendingPathComponent("notes.txt").path))
            #expect(FileManager.default.fileExists(atPath: reports.appendingPathComponent("notes.txt").path))
            #expect(FileManager.default.fileExists(atPath: reports.appendingPathComponent("junk.bin").path))
            #expect(try site(output) == clean(content, temp, "Clean"))
        }
    }

    /// A folder at the name of the entry a build writes: a warning naming that entry, and the
    /// folder kept.
    @Test func anEntryThatCannotBeWrittenIsAWarningNamingIt() throws {
        try withContent { content, temp in
            let output = temp.appendingPathComponent("Output")
            let reports = output.appendingPathComponent(BuildCache.folderName + "/" + BuildCache.reportsFolderName)
            let url = content.appendingPathComponent("reports/demo-city-2024.md")
            let original = try Data(contentsOf: url)
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let before = Set(listFiles(reports))
            try edit(content, "新建学校5所。")
            let edited = try Data(contentsOf: url)
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let entry = try #require(Set(listFiles(reports)).subtracting(before).first, "the edit made a new entry")
            // Back to the original text (the edited text's entry is then stale and removed), a
            // folder at that entry's name, then the same edit again: its entry cannot be written.
            try original.write(to: url)
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            #expect(!FileManager.default.fileExists(atPath: reports.appendingPathComponent(entry).path))
            try FileManager.default.createDirectory(at: reports.appendingPathComponent(entry), withIntermediateDirectories: false)
            try Data("mine".utf8).write(to: reports.appendingPathComponent(entry + "/f"))
            try edited.write(to: url)
            let built = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let warnings = built.warnings.filter { $0.message.hasPrefix("cannot write the build cache") }.map(\.location.path)
            #expect(warnings == [reports.path + "/" + entry])
            #expect(FileManager.default.fileExists(atPath: reports.appendingPathComponent(entry + "/f").path))
            #expect(try site(output) == clean(content, temp, "Clean"))
        }
    }
    /// Rarely read bytes spilled to their cache file are read back as written; from a file whose
    /// seal no longer matches, or that is gone, they read as missing (never as other bytes).
    @Test func spilledBytesAreReadBackOrMissing() throws {
        try withTemporaryDirectory { temp in
            let body = (0..<5_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
            let held = SpillableBytes(body)
            var writer = BinaryWriter()
            writer.write("before")
            writer.write(spillable: held)
            writer.write("after")
            let file = temp.appendingPathComponent("entry.bin")
            try writer.sealedData.write(to: file)
            let spilled = try #require(writer.spillables.first)
            #expect(spilled.bytes === held)
            let failures = UnreadableEntries()
            held.spill(to: file.path, range: spilled.range, failures: failures)
            #expect(held.read() == body)
            // Decoded with a spill path, the reader leaves the bytes in the file.
            var reader = try BinaryReader(sealed: try Data(contentsOf: file))
            reader.spillPath = file.path
            #expect(try reader.readString() == "before")
            #expect(try reader.readSpillable().read() == body)
            #expect(try reader.readString() == "after")
            var damaged = try Data(contentsOf: file)
            damaged[spilled.range.lowerBound + 10] ^= 0xFF
            try damaged.write(to: file)
            #expect(held.read() == nil)
            try FileManager.default.removeItem(at: file)
            #expect(held.read() == nil)
            #expect(failures.take().isEmpty)
            held.reportUnreadable()
            #expect(failures.take() == [file.path])
        }
    }

    /// An entry removed while a build needs a report's body from it: the build fails with an
    /// error naming the entry and changes nothing; the next build makes it anew.
    @Test func anEntryRemovedDuringTheBuildFailsItWithAnError() throws {
        try withContent { content, temp in
            let output = temp.appendingPathComponent("Output")
            let options = BuildOptions(content: content.path, templates: Repository.templates.path, output: output.path)
            _ = try SiteBuilder(options: options).build()
            let before = try site(output)
            // The next build takes every report from the cache (bodies left in the entries'
            // files), re-renders every page (the site title changed), and finds the entries gone.
            let siteFile = content.appendingPathComponent("site.yml")
            try (try readText(siteFile)).replacingOccurrences(of: "title: ", with: "title: 新").write(to: siteFile, atomically: true, encoding: .utf8)
            let cache = BuildCache(spillsToDisk: true)
            let builder = SiteBuilder(options: options, cache: cache)
            // Decode the entries first (as the load stage does), then remove them.
            let entries = output.appendingPathComponent(BuildCache.folderName).appendingPathComponent(BuildCache.reportsFolderName)
            for name in try FileManager.default.contentsOfDirectory(atPath: entries.path) {
                _ = cache.entry(UInt64(name.prefix(16), radix: 16) ?? 0, folder: output.appendingPathComponent(BuildCache.folderName))
            }
            try FileManager.default.removeItem(at: entries)
            do {
                _ = try builder.build()
                Issue.record("the build did not fail")
            } catch let failure as BuildFailure {
                #expect(failure.diagnostics.contains { $0.message.contains("removed or changed while the build was reading it") && $0.location.path.contains(".reportsite-cache/reports/") })
            }
            #expect(try site(output).filter { !$0.key.hasPrefix(".reportsite-cache") } == before.filter { !$0.key.hasPrefix(".reportsite-cache") })
            _ = try SiteBuilder(options: options).build()
        }
    }
}
