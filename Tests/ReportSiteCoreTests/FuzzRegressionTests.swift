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

/// The tag check that keeps malformed XML away from Foundation's parser.
@Suite("XML tag syntax")
struct XMLTagSyntaxTests {
    @Test(arguments: [
        ("<?xml version=\"1.0\"?><w:document a=\"1\"><w:p w14:paraId='x' w:rsidR=\"00\"/><!-- c --><![CDATA[<x]]></w:document>", nil),
        ("<a>\n<b x=\"1\" y2\" z=\"3\"></b></a>", 2),
        ("<a x=1></a>", 1), ("<a x=\"1\"y=\"2\"></a>", 1), ("<a x=\"<\"></a>", 1), ("<a\n\n x=\"1></a>", 1), ("<></>", 1), ("</a b>", 1),
        ("<a><!-- open", 1), ("text only", nil), ("<a/ >", 1),
    ] as [(String, Int?)])
    func malformedTagsAreFoundWithTheirLine(xml: String, line: Int?) {
        #expect(XMLTagSyntax.firstMalformedTagLine(in: Data(xml.utf8)) == line)
    }

    @Test func theRealWordFilesPass() throws {
        for name in ["anhui-2025.docx", "beijing-2025.docx"] {
            let data = try #require(FileManager.default.contents(atPath: Repository.fixtures.appendingPathComponent("sources/\(name)").path))
            _ = try ReportImporter.importData(data, path: name, slug: "x")
        }
    }
}

/// The bounded zip reader of the Word import.
@Suite("Zip reader")
struct ZipReaderTests {
    @Test func readsTheEntriesOfARealWordFile() throws {
        let data = try #require(FileManager.default.contents(atPath: Repository.fixtures.appendingPathComponent("sources/anhui-2025.docx").path))
        let zip = try ZipReader(data)
        let xml = try #require(try zip.extract("word/document.xml"))
        #expect(String(decoding: xml.prefix(5), as: UTF8.self) == "<?xml")
        #expect(try zip.extract("no/such/entry") == nil)
    }

    @Test func damagedArchivesAreErrorsNotTrapsOrHangs() throws {
        let data = try #require(FileManager.default.contents(atPath: Repository.fixtures.appendingPathComponent("sources/anhui-2025.docx").path))
        #expect(throws: ZipReader.Failure.notAZip) { try ZipReader(Data("PK not really".utf8)) }
        // Cut the file in the middle: the end-of-directory record is gone.
        #expect(throws: ZipReader.Failure.notAZip) { try ZipReader(data.prefix(data.count / 2)) }
        // Flip bytes from the document's data to the end, the central directory among them: the
        // directory is found damaged.
        var bytes = [UInt8](data)
        for index in stride(from: 2_000, to: min(bytes.count, 60_000), by: 97) { bytes[index] ^= 0x5A }
        #expect(throws: ZipReader.Failure.damaged("the central directory is cut short")) { try ZipReader(Data(bytes)) }
        // Flip bytes only inside the compressed document (it spans bytes 1,715 to about 36,000):
        // the directory reads, the document does not inflate (it must not inflate forever, nor
        // hand back garbage), and the importer reports the file as damaged.
        var inner = [UInt8](data)
        for index in stride(from: 2_000, to: 30_000, by: 97) { inner[index] ^= 0x5A }
        let zip = try ZipReader(Data(inner))
        #expect(throws: ZipReader.Failure.damaged("word/document.xml does not inflate: corruptedData")) { try zip.extract("word/document.xml") }
        #expect(try zip.extract("word/styles.xml")?.isEmpty == false, "an entry outside the flipped bytes still reads")
        do {
            _ = try ReportImporter.importData(Data(inner), path: "x.docx", slug: "x")
            Issue.record("a damaged Word file was imported")
        } catch {
            #expect(error.severity == .error)
            #expect(error.message.hasPrefix("file is a damaged zip archive"), "\(error.rendered)")
            #expect(error.message.contains("word/document.xml does not inflate"), "\(error.rendered)")
        }
    }
}
