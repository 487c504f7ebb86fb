import Foundation
import Testing
@testable import ReportSiteCore

/// Template problems: a copy of the real templates, broken one way per test.
@Suite("Template diagnostics")
struct TemplateDiagnosticsTests {
    func failures(afterBreaking edit: (URL) throws -> Void) throws -> [String] {
        try withTemporaryDirectory { temp in
            let templates = temp.appendingPathComponent("Templates")
            try copyTree(Repository.templates, to: templates)
            try edit(templates)
            let result = buildSite(content: Repository.content, templates: templates, output: temp.appendingPathComponent("Output"))
            let failure = try #require(result.failure, "the build succeeded")
            #expect(!FileManager.default.fileExists(atPath: temp.appendingPathComponent("Output").path))
            return failure.diagnostics.map { $0.summary.replacingOccurrences(of: temp.path + "/", with: "") }
        }
    }

    @Test func missingPageTemplateIsNamed() throws {
        let diagnostics = try failures { try FileManager.default.removeItem(at: $0.appendingPathComponent("topic.mustache")) }
        #expect(diagnostics == ["Templates/topic.mustache: error: template is missing"])
    }

    @Test func missingPartialIsReportedWhereItIsUsed() throws {
        let diagnostics = try failures { try FileManager.default.removeItem(at: $0.appendingPathComponent("partials/related.mustache")) }
        // report.mustache uses it twice: both places are named.
        #expect(diagnostics.count == 2)
        for diagnostic in diagnostics {
            #expect(diagnostic.hasPrefix("Templates/report.mustache:"))
            #expect(diagnostic.hasSuffix("error: template `partials/related` is missing (no Templates/partials/related.mustache)"))
        }
    }

    @Test func mustacheSyntaxErrorHasLineAndColumn() throws {
        let diagnostics = try failures { templates in
            let url = templates.appendingPathComponent("home.mustache")
            var text = try String(contentsOf: url, encoding: .utf8)
            text = text.replacingOccurrences(of: "{{/reports}}", with: "{{/report}}")
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(diagnostics.count == 1)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.hasPrefix("Templates/home.mustache:"))
        #expect(diagnostic.contains("error: Mustache syntax error: a section is closed with a different name"))
        // The position is that of the wrong closing tag.
        let text = try String(contentsOf: Repository.templates.appendingPathComponent("home.mustache"), encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("{{/reports}}") }.map { $0 + 1 }
        #expect(diagnostic.hasPrefix("Templates/home.mustache:\(line ?? -1):"))
    }

    @Test func everyTemplateProblemIsReportedInOneRun() throws {
        let diagnostics = try failures { templates in
            try FileManager.default.removeItem(at: templates.appendingPathComponent("topics.mustache"))
            try "{{#open}}never closed".write(to: templates.appendingPathComponent("home.mustache"), atomically: true, encoding: .utf8)
        }
        #expect(diagnostics.count == 2)
        #expect(diagnostics.contains("Templates/topics.mustache: error: template is missing"))
        #expect(diagnostics.contains { $0.hasPrefix("Templates/home.mustache:1:") })
    }
}
