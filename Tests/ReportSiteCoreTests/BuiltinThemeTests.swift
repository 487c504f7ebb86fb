import Foundation
import Testing
@testable import ReportSiteCore

/// The built-in theme: equal to the repository's `Templates/`, used when a site has no
/// templates folder, and overridden by one file by file.
@Suite("Built-in theme")
struct BuiltinThemeTests {
    static let basic = Repository.fixtures.appendingPathComponent("golden/basic/Content")

    @Test func builtInThemeEqualsTemplatesFolder() throws {
        let files = try #require(TemplateSet.listFiles(Repository.templates))
        #expect(BuiltinTheme.paths == files, "the built-in theme's files differ from Templates/: run scripts/generate-builtin-theme.py")
        for path in files {
            let bytes = FileManager.default.contents(atPath: Repository.templates.appendingPathComponent(path).path)
            #expect(BuiltinTheme.data(at: path) == bytes, "\(path) differs from Templates/\(path): run scripts/generate-builtin-theme.py")
        }
    }

    @Test func starterTopicsEqualContentTopics() throws {
        let topics = try readText(Repository.content.appendingPathComponent("topics.yml"))
        #expect(SiteStarter.topics.data == Data(topicsForNewSite(from: topics).utf8),
                "Content/topics.yml changed: run scripts/generate-builtin-theme.py")
    }

    @Test func aBuildWithoutTemplatesEqualsABuildWithACopyOfTemplates() throws {
        try withTemporaryDirectory { temp in
            let copy = temp.appendingPathComponent("Templates")
            try copyTree(Repository.templates, to: copy)
            let without = try build(Self.basic, templates: temp.appendingPathComponent("none"), into: temp.appendingPathComponent("a"))
            let with = try build(Self.basic, templates: copy, into: temp.appendingPathComponent("b"))
            #expect(!without.isEmpty)
            #expect(differences(without, with).isEmpty)
        }
    }

    @Test func anOverriddenTemplateChangesOnlyItsPages() throws {
        try withTemporaryDirectory { temp in
            let templates = temp.appendingPathComponent("Templates")
            try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
            let report = try #require(BuiltinTheme.data(at: "report.mustache").flatMap { String(data: $0, encoding: .utf8) })
            try report.replacingOccurrences(of: "{{$main}}", with: "{{$main}}\n<p class=\"my-note\">本站注释</p>")
                .write(to: templates.appendingPathComponent("report.mustache"), atomically: true, encoding: .utf8)
            let plain = try build(Self.basic, templates: temp.appendingPathComponent("none"), into: temp.appendingPathComponent("a"))
            let custom = try build(Self.basic, templates: templates, into: temp.appendingPathComponent("b"))
            #expect(differences(plain, custom) == ["reports/demo-city-2024/index.html", "reports/demo-province-2025/index.html"])
            #expect(String(decoding: custom["reports/demo-city-2024/index.html"] ?? Data(), as: UTF8.self).contains("本站注释"))
        }
    }

    @Test func anOverriddenStylesheetChangesOnlyTheStylesheet() throws {
        try withTemporaryDirectory { temp in
            let assets = temp.appendingPathComponent("Templates/assets")
            try FileManager.default.createDirectory(at: assets, withIntermediateDirectories: true)
            try "body { color: teal; }\n".write(to: assets.appendingPathComponent("style.css"), atomically: true, encoding: .utf8)
            let plain = try build(Self.basic, templates: temp.appendingPathComponent("none"), into: temp.appendingPathComponent("a"))
            let custom = try build(Self.basic, templates: temp.appendingPathComponent("Templates"), into: temp.appendingPathComponent("b"))
            #expect(differences(plain, custom) == ["assets/style.css"])
            #expect(custom["assets/style.css"] == Data("body { color: teal; }\n".utf8))
        }
    }

    @Test func aMissingPartialInAnOverrideIsReportedAtItsTag() throws {
        try withTemporaryDirectory { temp in
            let templates = temp.appendingPathComponent("Templates/partials")
            try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
            try "<footer>\n  <p>本站 {{>partials/licence}}</p>\n</footer>\n"
                .write(to: templates.appendingPathComponent("footer.mustache"), atomically: true, encoding: .utf8)
            let result = buildSite(content: Self.basic, templates: temp.appendingPathComponent("Templates"), output: temp.appendingPathComponent("Output"))
            let failure = try #require(result.failure, "the build succeeded")
            #expect(failure.diagnostics.filter { $0.severity == .error }.map { $0.summary.replacingOccurrences(of: temp.path + "/", with: "") } == [
                "Templates/partials/footer.mustache:2:9: error: template `partials/licence` is missing (no Templates/partials/licence.mustache, and the built-in theme has none)",
            ])
            #expect(!FileManager.default.fileExists(atPath: temp.appendingPathComponent("Output").path))
        }
    }

    @Test func anErrorInABuiltInTemplateNamesTheBuiltInTheme() throws {
        var builtin = BuiltinTheme.files.filter { $0.path != "home.mustache" }
        builtin.append(BuiltinFile(path: "home.mustache", text: "<p>\n  {{#reports}}\n"))
        var log = DiagnosticLog()
        let templates = TemplateSet.load(directory: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)"), displayPath: "Templates", builtin: builtin, log: &log)
        #expect(templates == nil)
        #expect(log.sorted.map(\.summary) == ["(built-in theme)/home.mustache:2:3: error: Mustache syntax error: this section is never closed"])
    }

    @Test func aTemplatesFolderNamedOnPurposeMustExist() throws {
        try withTemporaryDirectory { temp in
            var options = BuildOptions(content: Self.basic.path, templates: temp.appendingPathComponent("Theme").path, output: temp.appendingPathComponent("Output").path)
            options.templatesRequired = true
            #expect(throws: BuildFailure.self) { try SiteBuilder(options: options).build() }
            options.templatesRequired = false
            let summary = try SiteBuilder(options: options).build()
            #expect(summary.pageCount > 0)
        }
    }

    @Test func addingAndRemovingAnOverrideRebuildsIncrementally() throws {
        try withTemporaryDirectory { temp in
            let templates = temp.appendingPathComponent("Templates")
            let output = temp.appendingPathComponent("Output")
            let plain = try build(Self.basic, templates: templates, into: output)
            // An override appears: the next build (same output, cache kept) uses it.
            try FileManager.default.createDirectory(at: templates.appendingPathComponent("partials"), withIntermediateDirectories: true)
            try "<footer>自定义页脚</footer>\n".write(to: templates.appendingPathComponent("partials/footer.mustache"), atomically: true, encoding: .utf8)
            let custom = try build(Self.basic, templates: templates, into: output)
            #expect(String(decoding: custom["reports/demo-city-2024/index.html"] ?? Data(), as: UTF8.self).contains("自定义页脚"))
            // It goes: the site is the built-in theme's again.
            try FileManager.default.removeItem(at: templates)
            let again = try build(Self.basic, templates: templates, into: output)
            #expect(differences(plain, again).isEmpty)
        }
    }

    // MARK: - Helpers

    /// Builds `content` (on disk, incrementally when `output` has a cache) and returns every file
    /// of the output folder but the manifest and the cache, by path.
    private func build(_ content: URL, templates: URL, into output: URL) throws -> [String: Data] {
        let result = buildSite(content: content, templates: templates, output: output)
        _ = try #require(result.success, "build failed: \(result.failure?.description ?? "")")
        var files: [String: Data] = [:]
        for path in listFiles(output) where path != OutputWriter.manifestName {
            files[path] = FileManager.default.contents(atPath: output.appendingPathComponent(path).path)
        }
        return files
    }

    /// The paths whose bytes differ, or that only one of the sites has, sorted.
    private func differences(_ a: [String: Data], _ b: [String: Data]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }
}

/// `Content/topics.yml` as `reportsite init` writes it: the opening comment lines replaced by
/// ``SiteStarter/topicsHeader`` (the rule of `scripts/generate-builtin-theme.py`).
func topicsForNewSite(from topics: String) -> String {
    let lines = topics.split(separator: "\n", omittingEmptySubsequences: false)
    return SiteStarter.topicsHeader + lines.drop { $0.hasPrefix("#") }.joined(separator: "\n")
}
