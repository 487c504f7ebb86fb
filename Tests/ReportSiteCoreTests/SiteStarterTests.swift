import Foundation
import Testing
import ZIPFoundation
@testable import ReportSiteCore

/// `reportsite init`: a new site that builds, checks and packs with no templates folder, and a
/// folder that holds anything it would write left exactly as it was.
@Suite("Site starter (init)")
struct SiteStarterTests {
    @Test func aNewSiteBuildsChecksAndPacksWithTheBuiltInTheme() throws {
        try withTemporaryDirectory { temp in
            let site = temp.appendingPathComponent("my-site")
            let outcome = try SiteStarter.create(.site, in: site, displayPath: "my-site", force: false)
            #expect(outcome.written == ["my-site/Content/site.yml", "my-site/Content/topics.yml", "my-site/Content/reports/example-2025.md", "my-site/.gitignore"])
            #expect(outcome.kept.isEmpty)
            #expect(listFiles(site) == [".gitignore", "Content/reports/example-2025.md", "Content/site.yml", "Content/topics.yml"])

            let content = site.appendingPathComponent("Content")
            let templates = site.appendingPathComponent("Templates")
            let output = site.appendingPathComponent("Output")
            // build
            let built = try #require(buildSite(content: content, templates: templates, output: output).success)
            #expect(built.reportCount == 1)
            #expect(built.warnings.isEmpty, "\(built.warnings.map(\.summary))")
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("reports/example-2025/index.html").path))
            #expect(brokenLinks(inSite: output).isEmpty, "\(brokenLinks(inSite: output))")
            // The topic annotation and the keywords gave the passages topics.
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("topics/ecology/example-2025/index.html").path))
            // check --strict
            var options = BuildOptions(content: content.path, templates: templates.path, dryRun: true, strict: true)
            options.keepsFiles = true
            let checked = try SiteBuilder(options: options).build()
            #expect(checked.warnings.isEmpty)
            // pack: the zip unzips to the same site.
            let zip = temp.appendingPathComponent("site.zip")
            try SitePackage.write(checked.files, to: zip, displayPath: "site.zip", protected: [(content, "Content")], force: false)
            let unzipped = temp.appendingPathComponent("unzipped")
            try FileManager.default.createDirectory(at: unzipped, withIntermediateDirectories: true)
            try FileManager.default.unzipItem(at: zip, to: unzipped)
            let packed = unzipped.appendingPathComponent("site")
            #expect(listFiles(packed) == listFiles(output).filter { $0 != OutputWriter.manifestName })
            #expect(brokenLinks(inSite: packed).isEmpty)
            // Nothing was written into the site but the output folder.
            #expect(listFiles(site).filter { !$0.hasPrefix("Output/") } == [".gitignore", "Content/reports/example-2025.md", "Content/site.yml", "Content/topics.yml"])
        }
    }

    @Test func aFolderHoldingASiteIsRefusedAndLeftAsItWas() throws {
        try withTemporaryDirectory { temp in
            _ = try SiteStarter.create(.site, in: temp, displayPath: ".", force: false)
            try "# my own\n".write(to: temp.appendingPathComponent("Content/site.yml"), atomically: true, encoding: .utf8)
            try FileManager.default.removeItem(at: temp.appendingPathComponent("Content/topics.yml"))
            let before = try snapshot(temp)
            let error = try #require(throws: Diagnostic.self) { try SiteStarter.create(.site, in: temp, displayPath: ".", force: false) }
            #expect(error.summary == "Content/site.yml: error: already exists: this folder already holds a site (or part of one); nothing was written")
            #expect(try snapshot(temp) == before)
        }
    }

    @Test(arguments: [".gitignore", "Content/reports/notes.md", "Content/reports/example-2025.md"])
    func anyFileInTheWayIsRefusedAndNamed(existing: String) throws {
        try withTemporaryDirectory { temp in
            let url = temp.appendingPathComponent(existing)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "mine\n".write(to: url, atomically: true, encoding: .utf8)
            let before = try snapshot(temp)
            let error = try #require(throws: Diagnostic.self) { try SiteStarter.create(.site, in: temp, displayPath: "x", force: false) }
            // A file of its own is named; any other file in Content/ makes Content/ a site already.
            #expect(error.location.path == (existing == "Content/reports/notes.md" ? "x/Content/" : "x/" + existing))
            #expect(try snapshot(temp) == before)
        }
    }

    @Test func forceWritesOnlyMissingFilesAndNeverOverwrites() throws {
        try withTemporaryDirectory { temp in
            let reports = temp.appendingPathComponent("Content/reports")
            try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
            try "title: 我的站\n".write(to: temp.appendingPathComponent("Content/site.yml"), atomically: true, encoding: .utf8)
            try "mine\n".write(to: temp.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)
            try "---\ntitle: x\n---\n".write(to: reports.appendingPathComponent("mine.md"), atomically: true, encoding: .utf8)
            let outcome = try SiteStarter.create(.site, in: temp, displayPath: ".", force: true)
            #expect(outcome.written == ["Content/topics.yml"])
            #expect(outcome.kept.map(\.path) == ["Content/site.yml", "Content/reports/example-2025.md", ".gitignore"])
            #expect(try readText(temp.appendingPathComponent("Content/site.yml")) == "title: 我的站\n")
            #expect(try readText(temp.appendingPathComponent(".gitignore")) == "mine\n")
            #expect(listFiles(reports) == ["mine.md"])
            // Again: nothing left to write.
            #expect(try SiteStarter.create(.site, in: temp, displayPath: ".", force: true).written.isEmpty)
        }
    }

    @Test func theThemeIsCopiedOutOnceAndBuildsTheSameSite() throws {
        try withTemporaryDirectory { temp in
            _ = try SiteStarter.create(.site, in: temp, displayPath: ".", force: false)
            let outcome = try SiteStarter.create(.theme, in: temp, displayPath: ".", force: false)
            let templates = temp.appendingPathComponent("Templates")
            #expect(outcome.written == BuiltinTheme.paths.map { "Templates/" + $0 })
            #expect(listFiles(templates) == BuiltinTheme.paths)
            for path in BuiltinTheme.paths {
                #expect(FileManager.default.contents(atPath: templates.appendingPathComponent(path).path) == BuiltinTheme.data(at: path))
            }
            // A second copy is refused, naming the first file in the way, and changes nothing.
            try "/* mine */\n".write(to: templates.appendingPathComponent("assets/style.css"), atomically: true, encoding: .utf8)
            let before = try snapshot(temp)
            let error = try #require(throws: Diagnostic.self) { try SiteStarter.create(.theme, in: temp, displayPath: ".", force: false) }
            #expect(error.location.path == "Templates/404.mustache")
            #expect(try snapshot(temp) == before)
            // --force adds a deleted file back and keeps the edited one.
            try FileManager.default.removeItem(at: templates.appendingPathComponent("report.mustache"))
            #expect(try SiteStarter.create(.theme, in: temp, displayPath: ".", force: true).written == ["Templates/report.mustache"])
            #expect(try readText(templates.appendingPathComponent("assets/style.css")) == "/* mine */\n")
        }
    }

    @Test func aFileIsNotAFolderForASite() throws {
        try withTemporaryDirectory { temp in
            let file = temp.appendingPathComponent("notes.txt")
            try "x".write(to: file, atomically: true, encoding: .utf8)
            #expect(throws: Diagnostic.self) { try SiteStarter.create(.site, in: file, displayPath: "notes.txt", force: false) }
            #expect(try readText(file) == "x")
        }
    }

    // MARK: - Helpers

    /// Every file and folder under `folder` with its bytes and modification time.
    private func snapshot(_ folder: URL) throws -> [String: String] {
        var entries: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let relative = enumerator?.nextObject() as? String {
            let url = folder.appendingPathComponent(relative)
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let bytes = FileManager.default.contents(atPath: url.path).map { ContentHash.of($0) } ?? 0
            entries[relative] = "\(attributes[.type] ?? "") \(modified) \(bytes)"
        }
        return entries
    }
}
