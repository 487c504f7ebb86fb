import Foundation
import Testing
@testable import ReportSiteCore

/// Golden sites: each `Fixtures/golden/<case>/Content` (with its own `Templates/` if present,
/// else the repository's) is built and compared, file by file, with `Expected/`.
///
/// Assets (`assets/`) are not kept in `Expected/`: they must be byte copies of the templates'
/// `assets/`, which the test checks directly.
///
/// To re-record after an intended change, run with `RECORD_GOLDEN=1`: `Expected/` is rewritten
/// and the test fails, so every re-record is a reviewed diff.
@Suite("Golden sites")
struct GoldenSiteTests {
    static let cases = (try? FileManager.default.contentsOfDirectory(atPath: Repository.fixtures.appendingPathComponent("golden").path))?
        .filter { !$0.hasPrefix(".") }.sorted() ?? []

    @Test func thereAreGoldenCases() {
        #expect(!Self.cases.isEmpty)
    }

    @Test(arguments: cases)
    func siteMatchesExpected(name: String) throws {
        let folder = Repository.fixtures.appendingPathComponent("golden/\(name)")
        let ownTemplates = folder.appendingPathComponent("Templates")
        let templates = FileManager.default.fileExists(atPath: ownTemplates.path) ? ownTemplates : Repository.templates
        let expected = folder.appendingPathComponent("Expected")
        try withTemporaryDirectory { temp in
            let output = temp.appendingPathComponent("Output")
            let result = buildSite(content: folder.appendingPathComponent("Content"), templates: templates, output: output)
            _ = try #require(result.success, "build failed: \(result.failure?.description ?? "")")
            let produced = listFiles(output).filter { $0 != OutputWriter.manifestName && !$0.hasPrefix("assets/") }
            let assets = listFiles(templates.appendingPathComponent("assets"))
            #expect(listFiles(output).filter { $0.hasPrefix("assets/") } == assets.map { "assets/" + $0 })
            for asset in assets {
                #expect(FileManager.default.contents(atPath: output.appendingPathComponent("assets/" + asset).path)
                    == FileManager.default.contents(atPath: templates.appendingPathComponent("assets/" + asset).path), "assets/\(asset) is not a byte copy")
            }

            if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
                try? FileManager.default.removeItem(at: expected)
                for path in produced {
                    let target = expected.appendingPathComponent(path)
                    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try FileManager.default.copyItem(at: output.appendingPathComponent(path), to: target)
                }
                Issue.record("re-recorded \(expected.path); review the diff and run again without RECORD_GOLDEN")
                return
            }

            #expect(produced == listFiles(expected), "the set of files differs from Expected/")
            for path in produced where FileManager.default.fileExists(atPath: expected.appendingPathComponent(path).path) {
                let actual = try readText(output.appendingPathComponent(path))
                let wanted = try readText(expected.appendingPathComponent(path))
                if actual != wanted {
                    Issue.record(Comment(rawValue: "\(name)/\(path) differs from Expected:\n" + firstDifference(wanted, actual)))
                }
            }
            #expect(brokenLinks(inSite: output).isEmpty)
        }
    }

    /// The first differing line of two texts, with its number.
    func firstDifference(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(a[index]) : "<end of file>"
            let right = index < b.count ? String(b[index]) : "<end of file>"
            if left != right { return "line \(index + 1)\n  expected: \(left)\n  actual:   \(right)" }
        }
        return "(no line differs)"
    }
}
