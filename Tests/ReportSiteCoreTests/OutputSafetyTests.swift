import Foundation
import Testing
@testable import ReportSiteCore

/// The write stage never harms what it did not write, and builds are reproducible.
@Suite("Output safety and determinism")
struct OutputSafetyTests {
    static let basic = Repository.fixtures.appendingPathComponent("golden/basic/Content")

    @Test func twoBuildsAreByteIdentical() throws {
        try withTemporaryDirectory { temp in
            let first = temp.appendingPathComponent("one"), second = temp.appendingPathComponent("two")
            _ = try #require(buildSite(content: Repository.content, templates: Repository.templates, output: first).success)
            _ = try #require(buildSite(content: Repository.content, templates: Repository.templates, output: second).success)
            let files = listFiles(first)
            #expect(files == listFiles(second))
            for path in files {
                #expect(FileManager.default.contents(atPath: first.appendingPathComponent(path).path)
                    == FileManager.default.contents(atPath: second.appendingPathComponent(path).path), "\(path) differs")
            }
        }
    }

    @Test func foreignFilesSurviveABuild() throws {
        try withTemporaryDirectory { temp in
            let output = temp.appendingPathComponent("Output")
            try FileManager.default.createDirectory(at: output.appendingPathComponent("reports"), withIntermediateDirectories: true)
            try "keep".write(to: output.appendingPathComponent(".gitkeep"), atomically: true, encoding: .utf8)
            try "mine".write(to: output.appendingPathComponent("reports/notes.txt"), atomically: true, encoding: .utf8)
            _ = try #require(buildSite(content: Self.basic, templates: Repository.templates, output: output).success)
            _ = try #require(buildSite(content: Self.basic, templates: Repository.templates, output: output).success)
            #expect(try readText(output.appendingPathComponent(".gitkeep")) == "keep")
            #expect(try readText(output.appendingPathComponent("reports/notes.txt")) == "mine")
        }
    }

    @Test func aForeignFileAtAProducedPathStopsTheBuildBeforeAnyWrite() throws {
        try withTemporaryDirectory { temp in
            let output = temp.appendingPathComponent("Output")
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            try "my own page".write(to: output.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
            let failure = try #require(buildSite(content: Self.basic, templates: Repository.templates, output: output).failure)
            #expect(failure.diagnostics.filter { $0.severity == .error }.map(\.message) == ["file was not written by ReportSite and would be overwritten"])
            #expect(try readText(output.appendingPathComponent("index.html")) == "my own page")
            #expect(listFiles(output) == ["index.html"])
        }
    }

    /// A build writes each report's cache entry in the report's job, so it makes and locks a
    /// new output folder (and its missing parents) before it reads the reports; when it then
    /// fails (here at the link stage, after every entry was written), it removes all it made.
    /// Into a folder that existed, it removes only its entries.
    @Test func aFailedBuildRemovesTheFoldersAndEntriesItMade() throws {
        try withTemporaryDirectory { temp in
            let content = temp.appendingPathComponent("Content")
            try copyTree(Self.basic, to: content)
            let report = content.appendingPathComponent("reports/demo-city-2024.md")
            try (try readText(report) + "\n见[不存在的报告](missing-2024.md)。\n").write(to: report, atomically: true, encoding: .utf8)

            let output = temp.appendingPathComponent("new/deeper/Output")
            let failure = try #require(buildSite(content: content, templates: Repository.templates, output: output).failure)
            #expect(failure.diagnostics.contains { $0.severity == .error && $0.stage == .link })
            #expect(!FileManager.default.fileExists(atPath: temp.appendingPathComponent("new").path), "a failed build left the folders it made")

            let existing = temp.appendingPathComponent("Existing")
            try FileManager.default.createDirectory(at: existing, withIntermediateDirectories: true)
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: existing).failure)
            let entries = existing.appendingPathComponent(BuildCache.folderName + "/" + BuildCache.reportsFolderName)
            #expect(!FileManager.default.fileExists(atPath: entries.path), "a failed build left its cache entries")
            #expect(listFiles(existing).isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: existing.path) == [], "a failed build left its lock in a folder that had none")
            // A folder holding the user's own file keeps it, and only it.
            try "mine".write(to: existing.appendingPathComponent("keep.txt"), atomically: true, encoding: .utf8)
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: existing).failure)
            #expect(try FileManager.default.contentsOfDirectory(atPath: existing.path) == ["keep.txt"])

            // The same content, fixed, builds there, entries and all.
            try copyTree(Self.basic, to: temp.appendingPathComponent("Fixed"))
            _ = try #require(buildSite(content: temp.appendingPathComponent("Fixed"), templates: Repository.templates, output: output).success)
            #expect(try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent(BuildCache.folderName + "/" + BuildCache.reportsFolderName).path)
                .filter(BuildCache.isEntryName).count
                == (try FileManager.default.contentsOfDirectory(atPath: Self.basic.appendingPathComponent("reports").path)).count)
        }
    }

    /// A manifest that no longer decodes: one error naming it (not one per file of the last
    /// build, each called someone else's), and nothing is written or removed.
    @Test func aDamagedManifestIsOneErrorNamingIt() throws {
        try withTemporaryDirectory { temp in
            let content = temp.appendingPathComponent("Content"), output = temp.appendingPathComponent("Output")
            try copyTree(Self.basic, to: content)
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            try "{bad".write(to: output.appendingPathComponent(".reportsite-manifest.json"), atomically: true, encoding: .utf8)
            let report = content.appendingPathComponent("reports/demo-city-2024.md")
            try (try readText(report) + "\n新增一段。\n").write(to: report, atomically: true, encoding: .utf8)
            let before = listFiles(output)
            let failure = try #require(buildSite(content: content, templates: Repository.templates, output: output).failure)
            let errors = failure.diagnostics.filter { $0.severity == .error }
            #expect(errors.count == 1)
            #expect(errors.first?.location.path.hasSuffix("Output/.reportsite-manifest.json") == true)
            #expect(errors.first?.message.contains("manifest cannot be read") == true)
            #expect(listFiles(output) == before)
        }
    }

    @Test func unchangedFilesAreNotRewritten() throws {
        try withTemporaryDirectory { temp in
            let output = temp.appendingPathComponent("Output")
            let first = try #require(buildSite(content: Self.basic, templates: Repository.templates, output: output).success)
            #expect(first.write.unchanged.isEmpty)
            let page = output.appendingPathComponent("index.html")
            let old = Date(timeIntervalSince1970: 1_000_000)
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: page.path)
            let second = try #require(buildSite(content: Self.basic, templates: Repository.templates, output: output).success)
            #expect(second.write.written.isEmpty)
            #expect(second.write.unchanged.count == first.write.written.count)
            let date = try FileManager.default.attributesOfItem(atPath: page.path)[.modificationDate] as? Date
            #expect(date == old)
        }
    }

    @Test func filesNoLongerProducedAreRemoved() throws {
        try withTemporaryDirectory { temp in
            let content = temp.appendingPathComponent("Content")
            try copyTree(Self.basic, to: content)
            let output = temp.appendingPathComponent("Output")
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("reports/demo-province-2025/index.html").path))
            try FileManager.default.removeItem(at: content.appendingPathComponent("reports/demo-province-2025.md"))
            try "title: 测试站点\nreports: [demo-city-2024]\n".write(to: content.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
            let summary = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            #expect(summary.write.removed == [
                "reports/demo-province-2025/figures/figures.csv", "reports/demo-province-2025/figures/figures.json",
                "reports/demo-province-2025/figures/index.html", "reports/demo-province-2025/index.html",
                // Its search index file, and its page for each of its topics.
                "search/data/r/demo-province-2025.js",
                "topics/ecology/demo-province-2025/index.html", "topics/education/demo-province-2025/index.html",
                "topics/industry/demo-province-2025/index.html",
            ])
            #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("reports/demo-province-2025").path))
            #expect(brokenLinks(inSite: output).isEmpty)
        }
    }

    @Test func outputEqualToContentIsRefusedAndNothingIsTouched() throws {
        try withTemporaryDirectory { temp in
            let content = temp.appendingPathComponent("Content")
            try copyTree(Self.basic, to: content)
            let before = snapshot(content)
            let failure = try #require(buildSite(content: content, templates: Repository.templates, output: content).failure)
            #expect(failure.diagnostics.map(\.message) == ["output directory is the same folder as \(content.path)"])
            #expect(snapshot(content) == before)
        }
    }

    @Test(arguments: ["inside", "containing", "templates", "git", "file"])
    func dangerousOutputDirectoriesAreRefused(kind: String) throws {
        try withTemporaryDirectory { temp in
            let content = temp.appendingPathComponent("site/Content")
            let templates = temp.appendingPathComponent("site/Templates")
            try FileManager.default.createDirectory(at: temp.appendingPathComponent("site"), withIntermediateDirectories: true)
            try copyTree(Self.basic, to: content)
            try copyTree(Repository.templates, to: templates)
            let output: URL
            switch kind {
            case "inside": output = content.appendingPathComponent("Output")
            case "containing": output = temp.appendingPathComponent("site")
            case "templates": output = templates.appendingPathComponent("../Templates/")
            case "file":
                output = temp.appendingPathComponent("notes.txt")
                try Data("my notes".utf8).write(to: output)
            default:
                output = temp.appendingPathComponent("repo")
                try FileManager.default.createDirectory(at: output.appendingPathComponent(".git"), withIntermediateDirectories: true)
            }
            let before = snapshot(temp)
            let failure = try #require(buildSite(content: content, templates: templates, output: output).failure)
            #expect(failure.diagnostics.allSatisfy { $0.stage == .write && $0.severity == .error })
            let expected: [String] = switch kind {
            case "inside": ["output directory is inside \(content.path)"]
            case "containing": ["output directory contains \(content.path)", "output directory contains \(templates.path)"]
            case "templates": ["output directory is the same folder as \(templates.path)"]
            case "file": ["output path is a file, not a folder"]
            default: ["output directory holds a .git repository"]
            }
            #expect(failure.diagnostics.map(\.message) == expected)
            #expect(snapshot(temp) == before)
        }
    }

    /// A dangling symbolic link as `--output` gets its own message, not "a file with the same
    /// name already exists" with a hint about disk space; nothing is created through it.
    @Test(arguments: [false, true])
    func aDanglingSymbolicLinkAsOutputIsNamed(below: Bool) throws {
        try withTemporaryDirectory { temp in
            let link = temp.appendingPathComponent("Output")
            let target = temp.appendingPathComponent("gone/site")
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target.path)
            let output = below ? link.appendingPathComponent("public") : link
            let failure = try #require(buildSite(content: Self.basic, templates: Repository.templates, output: output).failure)
            let named = below ? "folder \(link.path) of the output path" : "output path"
            let errors = failure.diagnostics.filter { $0.severity == .error }
            #expect(errors.map(\.message) == ["\(named) is a symbolic link to \(target.path), which does not exist"])
            #expect(errors.first?.hint == "create the folder it points to (`mkdir -p \(target.path)`), remove the link, or build into another folder with --output")
            #expect(errors.allSatisfy { $0.stage == .write && !$0.description.contains("disk") })
            #expect(!FileManager.default.fileExists(atPath: target.path))
            #expect(!FileManager.default.fileExists(atPath: temp.appendingPathComponent("gone").path))
        }
    }

    @Test func aSymbolicLinkToAFolderIsAFineOutput() throws {
        try withTemporaryDirectory { temp in
            let target = temp.appendingPathComponent("real")
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            let link = temp.appendingPathComponent("Output")
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target.path)
            _ = try #require(buildSite(content: Self.basic, templates: Repository.templates, output: link).success)
            #expect(listFiles(target).contains("index.html"))
        }
    }

    /// Paths and contents of every file below `url`.
    func snapshot(_ url: URL) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: listFiles(url).map { ($0, FileManager.default.contents(atPath: url.appendingPathComponent($0).path) ?? Data()) })
    }
}
