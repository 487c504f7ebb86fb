import CommonMark
import Foundation

/// One report file as loaded: its front matter read, its body parsed as CommonMark.
public struct ReportSource: Sendable {
    /// The file name without `.md`: the report's slug and URL segment.
    public var slug: String
    /// The displayed path (`Content/reports/hohhot-2022.md`).
    public var path: String
    public var metadata: ReportMetadata
    /// The Markdown body (after the front matter), parsed by libcmark.
    public var document: MarkdownNode
    /// Lines before the body; add to a node's line to get the file line.
    public var bodyLineOffset: Int
    /// The body's lines, for showing the source line under a diagnostic.
    public var bodyLines: [String]

    /// The file location of a body position.
    func location(_ position: SourcePosition?) -> SourceLocation {
        guard let position else { return SourceLocation(path: path) }
        return SourceLocation(path: path, line: position.line + bodyLineOffset, column: position.column)
    }

    /// The body line (1-based, body-relative) as text, for diagnostics.
    func bodyLine(_ line: Int) -> String? {
        line >= 1 && line <= bodyLines.count ? bodyLines[line - 1] : nil
    }
}

/// Everything the **load** stage reads from the content directory.
public struct LoadedContent: Sendable {
    public var site: SiteConfig
    public var topics: TopicCatalog
    /// Reports in site order: those listed in `site.yml` first, in that order, then the others by slug.
    public var reports: [ReportSource]
}

/// The **load** stage: reads `site.yml`, `topics.yml` and `reports/*.md` from a content directory.
///
/// Every unreadable or invalid file is reported to the log, and the stage goes on with the
/// other files so that one run reports every problem.
struct ContentLoader {
    /// The content directory on disk.
    let directory: URL
    /// How the directory is shown in diagnostics (`Content`).
    let displayPath: String

    func displayPath(_ relative: String) -> String {
        displayPath.isEmpty || displayPath == "." ? relative : displayPath + "/" + relative
    }

    /// Reads the whole content directory.
    /// - Returns: the content, or `nil` when an error was reported to `log`.
    func load(log: inout DiagnosticLog) -> LoadedContent? {
        let errorsBefore = log.errors.count
        guard let settings = loadSettings(log: &log) else { return nil }
        let reports = loadReports(log: &log)
        guard let site = settings.site else { return nil }
        let ordered = order(reports, slug: \.slug, path: \.path, site: site, log: &log)
        guard let topics = settings.topics, log.errors.count == errorsBefore else { return nil }
        return LoadedContent(site: site.config, topics: topics, reports: ordered)
    }

    /// `site.yml` and `topics.yml`, each parsed (or `nil` after reporting why), with their bytes
    /// (empty when unreadable) for the build cache.
    struct Settings {
        var site: (config: SiteConfig, listedAt: [String: SourceLocation])?
        var topics: TopicCatalog?
        var siteBytes: Data
        var topicsBytes: Data
    }

    /// Reads `site.yml` and `topics.yml`; `nil` (with an error) when the content directory does
    /// not exist.
    func loadSettings(log: inout DiagnosticLog) -> Settings? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            log.report(Diagnostic(
                .error, at: SourceLocation(path: displayPath), "content directory does not exist",
                hint: "run from the folder that holds Content/, pass --content DIR, or start a site here with `reportsite init`", stage: .load))
            return nil
        }
        var siteBytes = Data(), topicsBytes = Data()
        let site = readText("site.yml", bytes: &siteBytes, log: &log).flatMap { SiteConfig.parse($0, path: displayPath("site.yml"), log: &log) }
        let topics = readText("topics.yml", bytes: &topicsBytes, log: &log).flatMap { TopicCatalog.parse($0, path: displayPath("topics.yml"), log: &log) }
        return Settings(site: site.map { (config: $0.0, listedAt: $0.1) }, topics: topics, siteBytes: siteBytes, topicsBytes: topicsBytes)
    }

    /// Puts loaded reports in site order (those listed in `site.yml` first, in that order, then
    /// the others by slug); reports listed slugs with no file, and warns about unlisted reports.
    func order<Item>(
        _ items: [Item], slug: (Item) -> String, path: (Item) -> String,
        site: (config: SiteConfig, listedAt: [String: SourceLocation]), log: inout DiagnosticLog
    ) -> [Item] {
        let config = site.config
        var bySlug: [String: Item] = [:]
        for item in items where bySlug[slug(item)] == nil { bySlug[slug(item)] = item }
        let present = Set((try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("reports").path)) ?? [])
        for listed in config.reportOrder where bySlug[listed] == nil && !present.contains(listed + ".md") {
            log.report(Diagnostic(
                .error, at: site.listedAt[listed] ?? SourceLocation(path: displayPath("site.yml")),
                "`reports` lists `\(listed)`, but there is no \(displayPath("reports/\(listed).md"))",
                hint: listed.hasSuffix(".md") ? "list the slug without `.md`: `\(listed.dropLast(3))`" : "correct the slug, or remove it from the list",
                stage: .load))
        }
        let listedSet = Set(config.reportOrder)
        let listed = config.reportOrder.compactMap { bySlug[$0] }
        let unlisted = items.filter { !listedSet.contains(slug($0)) }.sorted { slug($0) < slug($1) }
        if !config.reportOrder.isEmpty {
            for item in unlisted {
                log.report(Diagnostic(
                    .warning, at: SourceLocation(path: path(item)), "report is not listed in `reports` of \(displayPath("site.yml")); it is placed after the listed ones",
                    hint: "add `- \(slug(item))` to `reports` to choose its place", stage: .load))
            }
        }
        return listed + unlisted
    }

    // MARK: - Private

    private func readText(_ relative: String, bytes: inout Data, log: inout DiagnosticLog) -> String? {
        let url = directory.appendingPathComponent(relative)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            log.report(Diagnostic(
                .error, at: SourceLocation(path: displayPath(relative)), "file is missing or unreadable",
                hint: "see README.md, \"Writing content\", for what \(relative) holds", stage: .load))
            return nil
        }
        bytes = data
        return decodeUTF8(data, path: displayPath(relative), log: &log)
    }

    fileprivate func decodeUTF8(_ data: Data, path: String, log: inout DiagnosticLog) -> String? {
        if let text = String(data: data, encoding: .utf8) {
            if let nul = text.firstIndex(of: "\u{0}") {
                let prefix = text[..<nul]
                let line = prefix.filter(\.isNewline).count + 1
                let lineStart = prefix.lastIndex(where: \.isNewline).map { prefix.index(after: $0) } ?? prefix.startIndex
                let column = prefix[lineStart...].unicodeScalars.count + 1
                log.report(Diagnostic(
                    .error, at: SourceLocation(path: path, line: line, column: column), "file contains a NUL byte",
                    hint: "this looks like a binary file; save the text as plain UTF-8", stage: .load))
                return nil
            }
            return text
        }
        // Find the first invalid byte to point at it.
        let bytes = [UInt8](data)
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let length = utf8SequenceLength(bytes, at: index)
            if length == 0 { break }
            if bytes[index] == 0x0A { line += 1; lineStart = index + 1 }
            index += length
        }
        let column = (String(bytes: bytes[lineStart..<index], encoding: .utf8)?.unicodeScalars.count ?? 0) + 1
        log.report(Diagnostic(
            .error, at: SourceLocation(path: path, line: line, column: column), "file is not valid UTF-8 (byte \(index))",
            hint: "save it as UTF-8; `iconv -f GB18030 -t UTF-8` converts GBK/GB18030 text", stage: .load))
        return nil
    }

    private func loadReports(log: inout DiagnosticLog) -> [ReportSource] {
        guard let files = reportFiles(log: &log) else { return [] }
        var reports: [ReportSource] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file.url.path) else {
                log.report(Diagnostic(
                    .error, at: SourceLocation(path: displayPath(file.relative)), "file is missing or unreadable",
                    hint: "see README.md, \"Writing content\", for what \(file.relative) holds", stage: .load))
                continue
            }
            if let report = loadReport(file, data: data, log: &log) { reports.append(report) }
        }
        return reports
    }
}

/// A report file found in `reports/`, before it is read.
struct ReportFile: Sendable {
    /// The file name without `.md`.
    var slug: String
    /// `reports/<slug>.md`, relative to the content directory.
    var relative: String
    var url: URL
}

extension ContentLoader {
    /// The report files of `reports/`, sorted by name; warns about files that are not reports
    /// and reports invalid names. `nil` (with an error) when there is no `reports/` folder.
    func reportFiles(log: inout DiagnosticLog) -> [ReportFile]? {
        let folder = directory.appendingPathComponent("reports")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            log.report(Diagnostic(
                .error, at: SourceLocation(path: displayPath("reports")), "reports folder is missing",
                hint: "put each report in reports/<slug>.md", stage: .load))
            return nil
        }
        for name in names.sorted() where !name.hasPrefix(".") && !name.hasSuffix(".md") {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
            log.report(Diagnostic(
                .warning, at: SourceLocation(path: displayPath("reports/" + name)),
                isDirectory.boolValue ? "folder in reports/ is ignored" : "file in reports/ is ignored: only `.md` files are reports",
                hint: isDirectory.boolValue ? "put every report directly in reports/" : "rename it to `<slug>.md` if it is a report", stage: .load))
        }
        var files: [ReportFile] = []
        var seen: [String: String] = [:]
        for name in names.sorted() where name.hasSuffix(".md") && !name.hasPrefix(".") {
            let relative = "reports/" + name
            let slug = String(name.dropLast(3))
            guard Slug.isValidReportSlug(slug) else {
                log.report(Diagnostic(
                    .error, at: SourceLocation(path: displayPath(relative)), "file name `\(name)` is not a valid report slug",
                    hint: "rename it to lower-case letters, digits and hyphens (Chinese characters are fine), like `hohhot-2022.md`: the name becomes the page's URL",
                    stage: .load))
                continue
            }
            // Two names can differ in bytes and still be one slug to Swift (canonically equivalent
            // Unicode: `é` precomposed and `e` + accent): refuse the second rather than lose one.
            if let first = seen[slug] {
                log.report(Diagnostic(
                    .error, at: SourceLocation(path: displayPath(relative)),
                    "file name `\(name)` is the same slug as \(displayPath("reports/" + first)): the two names differ only in how their Unicode characters are encoded",
                    hint: "rename one of the two files; otherwise one report would overwrite the other's page", stage: .load))
                continue
            }
            seen[slug] = name
            files.append(ReportFile(slug: slug, relative: relative, url: folder.appendingPathComponent(name)))
        }
        return files
    }

    /// Loads the report file `reports/<name>` from its bytes (see ``loadReport(_:data:log:)``);
    /// for the fuzzer and tests, which have bytes and no folder.
    func report(named name: String, data: Data, log: inout DiagnosticLog) -> ReportSource? {
        let relative = "reports/" + name
        let file = ReportFile(slug: String(name.dropLast(3)), relative: relative, url: directory.appendingPathComponent(relative))
        return loadReport(file, data: data, log: &log)
    }

    /// Loads one report from its bytes: UTF-8, front matter, metadata, CommonMark. Depends on
    /// nothing but the bytes and the file's name and displayed path, so it can run on any
    /// thread and its result can be cached by the bytes' hash.
    /// - Returns: the report, or `nil` when an error was reported to `log`.
    func loadReport(_ file: ReportFile, data: Data, log: inout DiagnosticLog) -> ReportSource? {
        let path = displayPath(file.relative)
        guard let text = decodeUTF8(data, path: path, log: &log),
              let split = FrontMatter.split(text, path: path, log: &log)
        else { return nil }
        let yaml = YAMLSource(path: path, text: split.yaml, lineOffset: 1)
        guard let metadata = ReportMetadata.parse(yaml, log: &log) else { return nil }
        do {
            let document = try CommonMarkParser.parse(split.body)
            return ReportSource(
                slug: file.slug, path: path, metadata: metadata, document: document,
                bodyLineOffset: split.bodyLineOffset,
                bodyLines: split.body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init))
        } catch {
            log.report(Diagnostic(.error, at: SourceLocation(path: path), "cannot parse Markdown: \(error)", stage: .load))
            return nil
        }
    }
}

/// The length of the valid UTF-8 sequence starting at `index`, or 0 if it is invalid.
private func utf8SequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
    let lead = bytes[index]
    let length: Int
    switch lead {
    case 0x00...0x7F: return 1
    case 0xC2...0xDF: length = 2
    case 0xE0...0xEF: length = 3
    case 0xF0...0xF4: length = 4
    default: return 0
    }
    guard index + length <= bytes.count else { return 0 }
    for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { return 0 }
    return length
}
