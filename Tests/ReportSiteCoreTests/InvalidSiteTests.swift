import Foundation
import Testing
@testable import ReportSiteCore

/// Invalid sites: each `Fixtures/invalid/<case>/Content` must fail with exactly the
/// diagnostics in `expected.txt` (one `path:line:column: severity: message` per line, errors and
/// warnings, sorted by location), and must write nothing.
@Suite("Invalid sites")
struct InvalidSiteTests {
    static let cases = (try? FileManager.default.contentsOfDirectory(atPath: Repository.fixtures.appendingPathComponent("invalid").path))?
        .filter { !$0.hasPrefix(".") }.sorted() ?? []

    @Test func thereAreInvalidCases() {
        #expect(Self.cases.count == 11)
    }

    @Test(arguments: cases)
    func diagnosticsMatchExpected(name: String) throws {
        let folder = Repository.fixtures.appendingPathComponent("invalid/\(name)")
        try withTemporaryDirectory { temp in
            // Build from a copy so that paths in diagnostics read `Content/…`.
            try copyTree(folder.appendingPathComponent("Content"), to: temp.appendingPathComponent("Content"))
            let output = temp.appendingPathComponent("Output")
            let result = buildSite(content: temp.appendingPathComponent("Content"), templates: Repository.templates, output: output)
            let failure = try #require(result.failure, "the build of \(name) succeeded")
            let actual = failure.diagnostics.map { $0.summary.replacingOccurrences(of: temp.path + "/", with: "") }
            let expectedFile = folder.appendingPathComponent("expected.txt")
            if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
                try (actual.joined(separator: "\n") + "\n").write(to: expectedFile, atomically: true, encoding: .utf8)
                Issue.record("re-recorded \(expectedFile.path)")
                return
            }
            let expected = try readText(expectedFile).split(separator: "\n").map(String.init)
            #expect(actual == expected)
            #expect(!FileManager.default.fileExists(atPath: output.path), "a failed build wrote the output folder")
        }
    }
}
