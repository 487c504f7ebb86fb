import Foundation
import Testing
@testable import ReportSiteCore

/// Every input with which the fuzzer (`scripts/fuzz.sh`) once crashed or hung the tool, replayed
/// through the same entry points: each must now return. The file's first byte chooses the
/// target (``FuzzEntryPoints/Target``); the name says what it was.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let folder = Repository.fixtures.appendingPathComponent("fuzz")
    static let cases = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { !$0.hasPrefix(".") }.sorted() ?? []

    @Test func thereAreRegressionInputs() {
        #expect(!Self.cases.isEmpty)
    }

    @Test(arguments: cases)
    func inputThatOnceCrashedNowReturns(name: String) throws {
        let data = try #require(FileManager.default.contents(atPath: Self.folder.appendingPathComponent(name).path))
        let start = Date()
        FuzzEntryPoints.run(data)
        #expect(Date().timeIntervalSince(start) < 60, "\(name) took \(Date().timeIntervalSince(start)) s")
    }

    @Test func aDamagedWordFileIsAnErrorNamingTheFile() throws {
        let data = try #require(FileManager.default.contents(atPath: Self.folder.appendingPathComponent("docx-central-directory-beyond-end").path))
        #expect(throws: Diagnostic.self) { try ReportImporter.importData(data.dropFirst(), path: "report.docx", slug: "report") }
    }
}
