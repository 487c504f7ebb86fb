import Foundation
import Testing
@testable import ReportSiteCore

/// Each bad input of a report file, built next to a good report: the bad file gets a clear
/// diagnostic naming file and line (or is handled), the good report still goes through every
/// stage (its own problem, a broken link, is reported in the same run), nothing crashes and
/// nothing is written.
@Suite("Bad input next to good reports")
struct BadInputSiteTests {
    static let frontMatter = BadInputTests.frontMatter

    /// A good report with one deliberate problem found only in the link stage, at line 12.
    static let good = frontMatter + "## 一、部分\n\n**生态优先**。见[此处](#没有这个)。\n"
    static let goodProblem = "Content/reports/good.md:12:11: error: link `#没有这个` names no anchor `没有这个` in reports/good.md"

    /// One bad input: the file name, its bytes, and the diagnostic expected for it (`nil` when
    /// it is handled without one).
    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let name: String
        let bytes: Data
        let expected: String?
        var testDescription: String { label }
    }

    static let invalidUTF8Offset = Array(frontMatter.utf8).count + Array("正文".utf8).count

    static let cases: [Case] = [
        Case(label: "invalid UTF-8", name: "r.md", bytes: Data(frontMatter.utf8) + Data("正文".utf8) + Data([0xFF, 0xFE]) + Data("\n".utf8),
             expected: "Content/reports/r.md:10:3: error: file is not valid UTF-8 (byte \(invalidUTF8Offset))"),
        Case(label: "empty file", name: "r.md", bytes: Data(), expected: "Content/reports/r.md:1:1: error: report file is empty"),
        Case(label: "NUL byte", name: "r.md", bytes: Data((frontMatter + "第一行\n第二\u{0}行\n").utf8),
             expected: "Content/reports/r.md:11:3: error: file contains a NUL byte"),
        Case(label: "front matter that is a list", name: "r.md", bytes: Data("---\n- title\n- place\n---\n正文。\n".utf8),
             expected: "Content/reports/r.md:2:1: error: front matter must be a mapping of keys to values, found a list"),
        Case(label: "front matter that is a scalar", name: "r.md", bytes: Data("---\n政府工作报告\n---\n正文。\n".utf8),
             expected: "Content/reports/r.md:2:1: error: front matter must be a mapping of keys to values, found text"),
        Case(label: "date 03-01-2025", name: "r.md", bytes: Data((frontMatter.replacingOccurrences(of: "date: 2024-01-15", with: "date: 03-01-2025") + "正文。\n").utf8),
             expected: "Content/reports/r.md:6:7: error: `date` \"03-01-2025\" is not a date in the form YYYY-MM-DD"),
        Case(label: "date 2025年3月1日 (accepted)", name: "r.md",
             bytes: Data((frontMatter.replacingOccurrences(of: "date: 2024-01-15", with: "date: 2024年3月1日") + "生态优先。\n").utf8), expected: nil),
        // Flattened where the 65th level opens: column 131 of `- - - …`, column 66 of `>>>…`.
        Case(label: "lists nested 10,000 deep", name: "r.md", bytes: Data((frontMatter + String(repeating: "- ", count: 10_000) + "深处\n").utf8),
             expected: "Content/reports/r.md:10:131: warning: lists or block quotes nested more than 64 levels deep are flattened"),
        Case(label: "block quotes nested 10,000 deep", name: "r.md", bytes: Data((frontMatter + String(repeating: ">", count: 10_000) + "深处\n").utf8),
             expected: "Content/reports/r.md:10:66: warning: lists or block quotes nested more than 64 levels deep are flattened"),
        Case(label: "a line of 1 MB", name: "r.md", bytes: Data((frontMatter + String(repeating: "生态", count: 180_000) + "\n").utf8), expected: nil),
        Case(label: "file name with spaces", name: "my report.md", bytes: Data((frontMatter + "正文。\n").utf8),
             expected: "Content/reports/my report.md: error: file name `my report.md` is not a valid report slug"),
        Case(label: "file name with Chinese characters (accepted)", name: "呼和浩特-2022.md", bytes: Data((frontMatter + "生态优先。\n").utf8), expected: nil),
        Case(label: "file name with .. inside", name: "a..b.md", bytes: Data((frontMatter + "正文。\n").utf8),
             expected: "Content/reports/a..b.md: error: file name `a..b.md` is not a valid report slug"),
        Case(label: "file name .. then .md (hidden, ignored)", name: "...md", bytes: Data((frontMatter + "正文。\n").utf8), expected: nil),
    ]

    @Test(arguments: cases)
    func aBadFileIsReportedAndTheOtherReportsStillGoThroughEveryStage(_ badCase: Case) throws {
        try withTemporaryDirectory { temp in
            let content = temp.appendingPathComponent("Content")
            try FileManager.default.createDirectory(at: content.appendingPathComponent("reports"), withIntermediateDirectories: true)
            try "title: 测试\n".write(to: content.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(at: Repository.content.appendingPathComponent("topics.yml"), to: content.appendingPathComponent("topics.yml"))
            try badCase.bytes.write(to: content.appendingPathComponent("reports").appendingPathComponent(badCase.name))
            try Self.good.write(to: content.appendingPathComponent("reports/good.md"), atomically: true, encoding: .utf8)
            let output = temp.appendingPathComponent("Output")
            let failure = try #require(buildSite(content: content, templates: Repository.templates, output: output).failure)
            let summaries = failure.diagnostics.map { $0.summary.replacingOccurrences(of: temp.path + "/", with: "") }
            #expect(summaries.contains(Self.goodProblem), "the good report was not checked: \(summaries)")
            let aboutBadFile = summaries.filter { $0.hasPrefix("Content/reports/\(badCase.name)") }
            if let expected = badCase.expected {
                #expect(aboutBadFile.contains(expected), "\(summaries)")
            } else {
                #expect(aboutBadFile.filter { $0.contains("error:") }.isEmpty, "\(summaries)")
            }
            #expect(!FileManager.default.fileExists(atPath: output.path), "a failed build wrote the output folder")
        }
    }

    @Test func twoFileNamesThatAreOneSlugAreRefused() throws {
        // `é` precomposed (NFC) and `e` + combining acute (NFD): different bytes, one Swift string.
        let nfc = "caf\u{E9}-2024", nfd = "cafe\u{301}-2024"
        #expect(nfc == nfd)
        try withTemporaryDirectory { temp in
            let content = temp.appendingPathComponent("Content")
            try FileManager.default.createDirectory(at: content.appendingPathComponent("reports"), withIntermediateDirectories: true)
            try "title: 测试\n".write(to: content.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(at: Repository.content.appendingPathComponent("topics.yml"), to: content.appendingPathComponent("topics.yml"))
            let reports = content.appendingPathComponent("reports").path
            FileManager.default.createFile(atPath: reports + "/" + nfc + ".md", contents: Data((Self.frontMatter + "生态优先。\n").utf8))
            FileManager.default.createFile(atPath: reports + "/" + nfd + ".md", contents: Data((Self.frontMatter + "污染防治。\n").utf8))
            let names = try FileManager.default.contentsOfDirectory(atPath: reports)
            guard Set(names.map { Array($0.utf8) }).count == 2 else { return }  // a file system that normalises names keeps one file
            let failure = try #require(buildSite(content: content, templates: Repository.templates, output: temp.appendingPathComponent("Output")).failure)
            #expect(failure.diagnostics.contains { $0.message.contains("is the same slug as") && $0.severity == .error }, "\(failure.diagnostics)")
        }
    }

    @Test func aReportNamedInChineseGetsItsPageAndWorkingLinks() throws {
        try withTemporaryDirectory { temp in
            let content = temp.appendingPathComponent("Content")
            try FileManager.default.createDirectory(at: content.appendingPathComponent("reports"), withIntermediateDirectories: true)
            try "title: 测试\n".write(to: content.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(at: Repository.content.appendingPathComponent("topics.yml"), to: content.appendingPathComponent("topics.yml"))
            try (Self.frontMatter + "## 一、部分\n\n**生态优先**。见[另一份](其他-2023.md#污染防治)。\n").write(to: content.appendingPathComponent("reports/呼和浩特-2022.md"), atomically: true, encoding: .utf8)
            try (Self.frontMatter + "**污染防治**。持续改善。\n").write(to: content.appendingPathComponent("reports/其他-2023.md"), atomically: true, encoding: .utf8)
            let output = temp.appendingPathComponent("Output")
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("reports/呼和浩特-2022/index.html").path))
            #expect(try readText(output.appendingPathComponent("reports/呼和浩特-2022/index.html")).contains(#"href="../../reports/其他-2023/index.html#污染防治""#))
            #expect(brokenLinks(inSite: output).isEmpty)
        }
    }
}
