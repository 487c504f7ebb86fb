import Foundation
import Testing
import ZIPFoundation
@testable import ReportSiteCore

@Suite("Importing bad inputs")
struct ImportBadInputTests {
    /// Inputs that cannot be imported, and the first words of the error naming them.
    @Test(arguments: [
        ("empty.txt", Data(), "file is empty"),
        ("binary.txt", Data([0x00, 0x01, 0x02, 0xFF, 0x00, 0x10, 0x80, 0x00]), "file is not text: it contains NUL bytes"),
        ("noise.txt", Data(repeating: 0xFF, count: 64), "file is not text: it is neither UTF-8"),
        ("report.docx", Data("这不是 zip 文件".utf8), "file is not a Word .docx file: it is not a zip archive"),
        ("report.doc", Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]), "Word 97–2003 .doc files cannot be imported"),
        ("report.pdf", Data("%PDF-1.7\n".utf8), "PDF files cannot be imported"),
        ("renamed.txt", Data("%PDF-1.4\n%âãÏÓ".utf8), "PDF files cannot be imported"),
    ])
    func unreadableInputIsAClearErrorNamingTheFile(name: String, data: Data, message: String) {
        do {
            _ = try ReportImporter.importData(data, path: name, slug: "x")
            Issue.record("\(name) was imported")
        } catch {
            #expect(error.location.path == name)
            #expect(error.message.hasPrefix(message), "\(error.message)")
            #expect(error.hint != nil, "every import error says what to do")
            #expect(error.stage == .importing)
        }
    }

    @Test func zipWithoutWordDocumentIsAClearError() throws {
        let archive = try Archive(accessMode: .create)
        let content = Data("hello".utf8)
        try archive.addEntry(with: "readme.txt", type: .file, uncompressedSize: Int64(content.count)) { position, size in
            content.subdata(in: Int(position)..<Int(position) + size)
        }
        let data = try #require(archive.data)
        #expect(throws: Diagnostic.self) { try ReportImporter.importData(data, path: "x.docx", slug: "x") }
        do {
            _ = try ReportImporter.importData(data, path: "x.docx", slug: "x")
        } catch {
            #expect(error.message.contains("no word/document.xml"))
        }
    }

    @Test func textWithNoStructureImportsAsPassagesWithWarnings() throws {
        let text = "这是一段没有标题的文字。\n第二段也没有结构，只是普通的句子。\n"
        let result = try ReportImporter.importData(Data(text.utf8), path: "plain.txt", slug: "plain")
        #expect(result.parts == 0)
        #expect(result.passages == 2)
        let messages = result.warnings.map(\.message)
        #expect(messages.contains { $0.hasPrefix("no part headings") })
        #expect(messages.contains { $0.contains("`date`") } && messages.contains { $0.contains("`speaker`") })
        // The file still builds: placeholders are valid front matter.
        let report = try structured(result.markdown, slug: "plain")
        #expect(report.intro.count == 2)
    }

    @Test func importRefusesToOverwriteUnlessForced() throws {
        try withTemporaryDirectory { folder in
            let result = try importFixture("guangxi-2025.txt", slug: "guangxi-2025")
            try ReportImporter.write(result, into: folder, displayDirectory: "out", force: false)
            #expect(throws: Diagnostic.self) {
                try ReportImporter.write(result, into: folder, displayDirectory: "out", force: false)
            }
            try Data("edited".utf8).write(to: folder.appendingPathComponent("guangxi-2025.md"))
            #expect(try readText(folder.appendingPathComponent("guangxi-2025.md")) == "edited")
            let written = try ReportImporter.write(result, into: folder, displayDirectory: "out", force: true)
            #expect(written == "out/guangxi-2025.md")
            #expect(try readText(folder.appendingPathComponent("guangxi-2025.md")) == result.markdown)
        }
    }
}
