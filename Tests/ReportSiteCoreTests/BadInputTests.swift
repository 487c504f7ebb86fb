import Foundation
import Testing
@testable import ReportSiteCore

/// Pathological input never crashes the build: it is built, or reported with file and line.
@Suite("Bad input")
struct BadInputTests {
    static let frontMatter = """
        ---
        title: 政府工作报告
        place: 某市
        level: city
        year: 2024
        date: 2024-01-15
        speaker: 张三
        meeting: 某市人民代表大会
        ---

        """

    /// Builds a site with one report whose file holds `bytes`; `inspect` sees the output folder
    /// of a successful build before it is removed.
    func build(report bytes: Data, inspect: (URL) throws -> Void = { _ in }) throws -> Result<BuildSummary, BuildFailure> {
        try withTemporaryDirectory { temp in
            let content = temp.appendingPathComponent("Content")
            try FileManager.default.createDirectory(at: content.appendingPathComponent("reports"), withIntermediateDirectories: true)
            try "title: 测试\n".write(to: content.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(at: Repository.content.appendingPathComponent("topics.yml"), to: content.appendingPathComponent("topics.yml"))
            try bytes.write(to: content.appendingPathComponent("reports/r.md"))
            let result = buildSite(content: content, templates: Repository.templates, output: temp.appendingPathComponent("Output"))
            if let summary = result.success {
                #expect(brokenLinks(inSite: temp.appendingPathComponent("Output")).isEmpty)
                _ = summary
                try inspect(temp.appendingPathComponent("Output"))
            }
            return result
        }
    }

    func build(report text: String) throws -> Result<BuildSummary, BuildFailure> { try build(report: Data(text.utf8)) }

    @Test(arguments: [">", "- ", "1. "])
    func tenThousandNestedContainersAreFlattenedWithAWarning(marker: String) throws {
        let result = try build(report: Self.frontMatter + String(repeating: marker, count: 10_000) + "深处的段落\n")
        let summary = try #require(result.success, "\(result.failure?.description ?? "")")
        #expect(summary.passageCount == 1)
        // The front matter takes lines 1 to 9; the nested line is line 10.
        #expect(summary.warnings.contains { $0.message.contains("nested more than") && $0.location.line == 10 }, "\(summary.warnings)")
    }

    /// `topics: {}` is a mapping, but of no topic: told so, not that it is not a mapping.
    @Test(arguments: [
        ("version: 1\ntopics: {}\n", "`topics` defines no topic"),
        ("version: 1\ntopics: [ecology]\n", "`topics` must be a mapping from topic keys to definitions"),
    ])
    func topicsWithoutATopicAreReportedAsSuch(yaml: String, message: String) {
        var log = DiagnosticLog()
        #expect(TopicCatalog.parse(yaml, path: "topics.yml", log: &log) == nil)
        #expect(log.all.map(\.message) == [message])
        #expect(log.all.first?.location.line == 2)
    }

    /// A front-matter value is shown in every list: one of 100,000 characters made a 2.85 MB
    /// heat-map page, and a right-to-left override reversed the text after the title on every
    /// page (found by the hostile trial). Both are errors at the value.
    @Test(arguments: [
        (String(repeating: "很长的标题", count: 101), "`title` is 505 characters long, more than 500"),
        ("测试\u{202E}gnp.exe", "`title` contains the invisible direction control U+202E, which would reverse the text after it wherever it is shown"),
        ("测试\u{2066}市", "`title` contains the invisible direction control U+2066, which would reverse the text after it wherever it is shown"),
    ])
    func aTitleTooLongOrWithADirectionControlIsAnError(title: String, message: String) {
        let yaml = "title: \(title)\nplace: 某市\nlevel: city\nyear: 2024\ndate: 2024-01-15\nspeaker: 张三\nmeeting: 某市人民代表大会\n"
        var log = DiagnosticLog()
        #expect(ReportMetadata.parse(YAMLSource(path: "r.md", text: yaml, lineOffset: 1), log: &log) == nil)
        #expect(log.all.map(\.message) == [message])
        #expect(log.all.first?.location.line == 2)
    }

    @Test func aOneMegabyteLineIsOnePassage() throws {
        let result = try build(report: Self.frontMatter + String(repeating: "生态", count: 180_000) + "\n")
        let summary = try #require(result.success)
        #expect(summary.passageCount == 1)
    }

    /// 5,000 asterisks on each side are 2,500 nested emphases for libcmark; the page nests
    /// `<strong>` 32 deep under the lead and renders the rest as its text (no asterisk shown).
    @Test func deeplyNestedEmphasisRendersAsText() throws {
        var paragraph: String?
        let result = try build(report: Data((Self.frontMatter + String(repeating: "*", count: 5_000) + "文字" + String(repeating: "*", count: 5_000) + "\n").utf8)) { output in
            let page = try readText(output.appendingPathComponent("reports/r/index.html"))
            paragraph = page.components(separatedBy: "\n").first { $0.contains("文字") && $0.contains("<p>") }?.trimmingCharacters(in: .whitespaces)
        }
        let summary = try #require(result.success, "\(result.failure?.description ?? "")")
        #expect(summary.passageCount == 1)
        #expect(paragraph == "<p><strong class=\"lead\">" + String(repeating: "<strong>", count: 32) + "文字" + String(repeating: "</strong>", count: 33) + "</p>")
    }

    @Test func aNULByteIsReportedWithItsLineAndColumn() throws {
        let failure = try #require(try build(report: Self.frontMatter + "第一行\n第二\u{0}行\n").failure)
        #expect(failure.diagnostics.map(\.summary).contains { $0.hasSuffix("reports/r.md:11:3: error: file contains a NUL byte") }, "\(failure.diagnostics)")
    }

    /// A key written twice is reported where it is repeated, the line the hint asks to remove.
    @Test func aDuplicateKeyIsReportedWhereItIsRepeated() throws {
        let text = Self.frontMatter.replacingOccurrences(of: "speaker: 张三\n", with: "speaker: 张三\nlevel: province\n") + "正文。\n"
        let failure = try #require(try build(report: text).failure)
        let error = try #require(failure.diagnostics.first { $0.message.contains("duplicate key level") }, "\(failure.diagnostics)")
        #expect(error.location.line == 8 && error.location.column == 1, "\(error.summary)")
        #expect(error.sourceLine == "level: province")
    }

    /// An unclosed bracket is reported where it opens, not on the line where libyaml noticed.
    @Test func anUnclosedBracketIsReportedWhereItOpens() throws {
        let text = Self.frontMatter.replacingOccurrences(of: "year: 2024\n", with: "year: [2024\n") + "正文。\n"
        let failure = try #require(try build(report: text).failure)
        let error = try #require(failure.diagnostics.first { $0.message.hasPrefix("invalid YAML") }, "\(failure.diagnostics)")
        #expect(error.location.line == 5 && error.location.column == 7, "\(error.summary)")
        #expect(error.sourceLine == "year: [2024")
        #expect(error.hint?.contains("not closed") == true)
    }

    @Test func anEmptyFileIsReported() throws {
        let failure = try #require(try build(report: "").failure)
        #expect(failure.diagnostics.map(\.message) == ["report file is empty"])
        let blank = try #require(try build(report: " \n\n").failure)
        #expect(blank.diagnostics.map(\.message) == ["report file is empty"])
    }

    @Test(arguments: ["---\njust text\n---\n", "---\n- a\n- b\n---\n", "---\n---\n"])
    func frontMatterThatIsNotAMappingIsReported(text: String) throws {
        let failure = try #require(try build(report: text + "正文。\n").failure)
        #expect(failure.diagnostics.first?.message.hasPrefix("front matter must be a mapping") == true)
        #expect(failure.diagnostics.first?.location.line == 2)
    }

    @Test func aReportOfOnlyFrontMatterBuildsWithAWarning() throws {
        let summary = try #require(try build(report: Self.frontMatter).success)
        #expect(summary.passageCount == 0)
        #expect(summary.warnings.map(\.message).contains("report has no text after its front matter"))
    }

    /// A 20 MB report (the Hohhot report 442 times, 32,000 passages) is read, parsed, structured
    /// and classified: no crash, no quadratic step. (The whole build of it is timed in the README.)
    @Test func aTwentyMegabyteReportIsLoadedStructuredAndClassified() throws {
        let body = try readText(Repository.content.appendingPathComponent("reports/hohhot-2022.md")).components(separatedBy: "---\n")[2]
        let copies = 20 * 1024 * 1024 / body.utf8.count + 1
        let data = Data((Self.frontMatter + String(repeating: body, count: copies)).utf8)
        #expect(data.count > 20 * 1024 * 1024)
        var log = DiagnosticLog()
        let loader = ContentLoader(directory: Repository.content, displayPath: "Content")
        let source = try #require(loader.report(named: "big.md", data: data, log: &log))
        let report = try #require(ReportStructurer(source: source).structure(log: &log))
        #expect(report.allPassages.count == 73 * copies)
        #expect(report.parts.count == 4 * copies)
        var topicsLog = DiagnosticLog()
        let topics = try #require(TopicCatalog.parse(try readText(Repository.content.appendingPathComponent("topics.yml")), path: "topics.yml", log: &topicsLog))
        let classified = try #require(Classifier(catalog: topics).classify(report, log: &log))
        #expect(classified.allPassages.contains { !$0.topics.isEmpty })
        #expect(log.errors.isEmpty, "\(log.errors.prefix(3))")
    }

    @Test func aLargeReportBuilds() throws {
        // About 2 MB: the Hohhot report forty times. (Speed is measured by the benchmark, not here.)
        let body = try readText(Repository.content.appendingPathComponent("reports/hohhot-2022.md")).components(separatedBy: "---\n")[2]
        let summary = try #require(try build(report: Self.frontMatter + String(repeating: body, count: 40)).success)
        #expect(summary.passageCount == 73 * 40)
    }
}
