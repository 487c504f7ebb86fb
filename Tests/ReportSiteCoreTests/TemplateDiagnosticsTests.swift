import Foundation
import Testing
@testable import ReportSiteCore

/// Template problems: a copy of the real templates, broken one way per test. A file missing
/// from a templates folder is taken from the built-in theme, so the tests of missing files
/// build from the folder alone (`builtin: []`).
@Suite("Template diagnostics")
struct TemplateDiagnosticsTests {
    func failures(builtin: [BuiltinFile]? = nil, afterBreaking edit: (URL) throws -> Void) throws -> [String] {
        try withTemporaryDirectory { temp in
            let templates = temp.appendingPathComponent("Templates")
            try copyTree(Repository.templates, to: templates)
            try edit(templates)
            let result = buildSite(content: Repository.content, templates: templates, output: temp.appendingPathComponent("Output"), builtin: builtin)
            let failure = try #require(result.failure, "the build succeeded")
            #expect(!FileManager.default.fileExists(atPath: temp.appendingPathComponent("Output").path))
            return failure.diagnostics.map { $0.summary.replacingOccurrences(of: temp.path + "/", with: "") }
        }
    }

    @Test func missingPageTemplateIsNamed() throws {
        let diagnostics = try failures(builtin: []) { try FileManager.default.removeItem(at: $0.appendingPathComponent("topic.mustache")) }
        #expect(diagnostics == ["Templates/topic.mustache: error: template is missing"])
    }

    @Test func missingPartialIsReportedWhereItIsUsed() throws {
        let diagnostics = try failures(builtin: []) { try FileManager.default.removeItem(at: $0.appendingPathComponent("partials/related.mustache")) }
        // report.mustache uses it twice: both places are named.
        #expect(diagnostics.count == 2)
        for diagnostic in diagnostics {
            #expect(diagnostic.hasPrefix("Templates/report.mustache:"))
            #expect(diagnostic.hasSuffix("error: template `partials/related` is missing (no Templates/partials/related.mustache, and the built-in theme has none)"))
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
        let diagnostics = try failures(builtin: []) { templates in
            try FileManager.default.removeItem(at: templates.appendingPathComponent("topics.mustache"))
            try "{{#open}}never closed".write(to: templates.appendingPathComponent("home.mustache"), atomically: true, encoding: .utf8)
        }
        #expect(diagnostics.count == 2)
        #expect(diagnostics.contains("Templates/topics.mustache: error: template is missing"))
        #expect(diagnostics.contains { $0.hasPrefix("Templates/home.mustache:1:") })
    }

    @Test func aPartialThatIncludesItselfIsAnErrorNotACrash() throws {
        let diagnostics = try failures { templates in
            let url = templates.appendingPathComponent("partials/footer.mustache")
            try (String(contentsOf: url, encoding: .utf8) + "{{>partials/footer}}\n").write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("Templates/partials/footer.mustache:4:1: error: templates include each other in a loop: partials/footer → partials/footer") == true)
    }

    @Test func partialsIncludingEachOtherAreNamedInOrder() throws {
        let diagnostics = try failures { templates in
            try "{{>partials/b}}".write(to: templates.appendingPathComponent("partials/a.mustache"), atomically: true, encoding: .utf8)
            try "x {{>partials/a}}".write(to: templates.appendingPathComponent("partials/b.mustache"), atomically: true, encoding: .utf8)
        }
        #expect(diagnostics == ["Templates/partials/b.mustache:1:3: error: templates include each other in a loop: partials/a → partials/b → partials/a"])
    }

    @Test func anUnclosedSectionIsReportedWhereItOpens() throws {
        let diagnostics = try failures { templates in
            try "<p>\n  {{#reports}}\n  <a>{{title}}</a>\n".write(to: templates.appendingPathComponent("home.mustache"), atomically: true, encoding: .utf8)
        }
        #expect(diagnostics == ["Templates/home.mustache:2:3: error: Mustache syntax error: this section is never closed"])
    }

    @Test func aTagLeftOpenAtTheEndIsExplained() throws {
        let diagnostics = try failures { templates in
            let url = templates.appendingPathComponent("partials/footer.mustache")
            try (String(contentsOf: url, encoding: .utf8) + "{{name").write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.contains("error: Mustache syntax error: a tag is not closed before the end of the file") == true)
    }

    @Test func aMissingStylesheetIsAnError() throws {
        let diagnostics = try failures(builtin: []) { try FileManager.default.removeItem(at: $0.appendingPathComponent("assets")) }
        #expect(diagnostics == ["Templates/assets/style.css: error: the stylesheet is missing"])
    }
}
