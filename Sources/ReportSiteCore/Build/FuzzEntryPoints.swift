import Foundation

/// Entry points for the fuzzer (`Fuzz/`, run by `scripts/fuzz.sh`) and for the regression tests
/// of what it found: each feeds arbitrary bytes to one part of the tool and must return, never
/// trap, loop or exhaust the stack, whatever the bytes.
///
/// The first byte of an input chooses the target (its value modulo the number of targets), the
/// rest is the target's input, so one libFuzzer binary covers all of them and a crash file
/// replays with ``run(_:)`` alone.
public enum FuzzEntryPoints {
    /// The targets, in the order of their selector byte.
    public enum Target: Int, CaseIterable, Sendable {
        /// The bytes are a whole report file, built with a second report as `reportsite check`
        /// builds a site: every stage, every page and data file (nothing written).
        case reportFile
        /// The bytes are the body of a report with valid front matter (so the fuzzer spends its
        /// time in the Markdown, the annotations and the links rather than in front matter).
        case reportBody
        /// The bytes are front matter YAML (between the `---` lines).
        case frontMatter
        /// The bytes are a published report as `reportsite import` receives it (text in any
        /// encoding, or a Word file).
        case importer
        /// The bytes are `site.yml`, then `topics.yml` (after a NUL byte, if any).
        case settings
    }

    /// Runs the target chosen by the first byte on the remaining bytes.
    /// - Returns: the number of diagnostics produced (so the work cannot be optimised away).
    @discardableResult
    public static func run(_ input: Data) -> Int {
        guard let selector = input.first else { return 0 }
        let target = Target.allCases[Int(selector) % Target.allCases.count]
        return run(target, Data(input.dropFirst()))
    }

    /// Runs one target on `data`. See ``Target`` for what each does with it.
    @discardableResult
    public static func run(_ target: Target, _ data: Data) -> Int {
        var log = DiagnosticLog()
        switch target {
        case .reportFile:
            pipeline(data, log: &log)
        case .reportBody:
            pipeline(Data(frontMatter.utf8) + data, log: &log)
        case .frontMatter:
            let text = String(decoding: data, as: UTF8.self)
            _ = ReportMetadata.parse(YAMLSource(path: "fuzz.md", text: text, lineOffset: 1), log: &log)
        case .importer:
            let isZip = data.starts(with: [0x50, 0x4B])
            do {
                let result = try ReportImporter.importData(data, path: isZip ? "fuzz.docx" : "fuzz.txt", slug: "fuzz")
                // What the importer writes must load as a report again.
                pipeline(Data(result.markdown.utf8), log: &log)
            } catch {
                log.report(error)
            }
        case .settings:
            let parts = data.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
            _ = SiteConfig.parse(String(decoding: parts.first ?? Data(), as: UTF8.self), path: "site.yml", log: &log)
            if parts.count > 1 {
                _ = TopicCatalog.parse(String(decoding: parts[1], as: UTF8.self), path: "topics.yml", log: &log)
            }
        }
        return log.all.count
    }

    // MARK: - Private

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

    /// A small `topics.yml` with the shapes of the real one: keywords, ambiguous words, exclusions.
    static let topicsYAML = """
        version: 1
        generic: [发展, 建设]
        topics:
          ecology:
            name_zh: 生态环境
            name_en: Ecology
            keywords: [生态, 污染, PM2.5]
            ambiguous: {草原: [rural]}
            exclude: [政治生态]
          rural:
            name_zh: 乡村振兴
            name_en: Rural
            keywords: [乡村, 农业, 粮食]
        """

    /// The repository's `Templates/` (the fuzzer and the tests run from a checkout).
    static let templates = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Templates")

    private static let counterLock = NSLock()
    nonisolated(unsafe) private static var counter = 0

    /// The build itself, as `reportsite check` runs it (``SiteBuilder`` in a dry run: every
    /// stage from load to render, every page through the real templates, nothing written), on a
    /// content folder of its own holding `r.md` (the bytes) and `other.md` (a fixed report its
    /// links may name), so the fuzzer runs the pipeline the build runs, not a copy of it.
    private static func pipeline(_ data: Data, log: inout DiagnosticLog) {
        counterLock.lock()
        counter += 1
        let name = "reportsite-fuzz-\(ProcessInfo.processInfo.processIdentifier)-\(counter)"
        counterLock.unlock()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("content")
        let reports = content.appendingPathComponent("reports")
        let other = Data((frontMatter + "## 一、第一部分\n\n**生态优先**。保护草原。\n").utf8)
        do {
            try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
            try Data("title: 测试\nbase_url: https://example.org/\nreports: [r, other]\n".utf8).write(to: content.appendingPathComponent("site.yml"))
            try Data(topicsYAML.utf8).write(to: content.appendingPathComponent("topics.yml"))
            try data.write(to: reports.appendingPathComponent("r.md"))
            try other.write(to: reports.appendingPathComponent("other.md"))
        } catch {
            log.report(Diagnostic(.error, at: SourceLocation(path: folder.path), "cannot write the fuzz input: \(error)", stage: .load))
            return
        }
        let options = BuildOptions(
            content: content.path, templates: templates.path, output: folder.appendingPathComponent("output").path,
            dryRun: true, useCache: false)
        do {
            log.report(contentsOf: try SiteBuilder(options: options).build().warnings)
        } catch let failure as BuildFailure {
            log.report(contentsOf: failure.diagnostics)
        } catch {
            log.report(Diagnostic(.error, at: SourceLocation(path: folder.path), "\(error)", stage: .load))
        }
    }
}
