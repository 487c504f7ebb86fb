import Foundation
import Testing
@testable import ReportSiteCore

/// The judge of the incremental build: after any sequence of edits, an incremental build's
/// output is byte for byte a clean build's of the same input (and a failing input fails both
/// ways with the same diagnostics, leaving the previous site as it was).
@Suite("Incremental builds equal clean builds")
struct IncrementalEquivalenceTests {
    /// Number of random edits; each is followed by an incremental and a clean build.
    static let editCount = 300

    @Test func randomEditSequencesBuildLikeCleanBuilds() throws {
        try withTemporaryDirectory { temp in
            var site = try EditableSite(in: temp, seed: 0x5EED_2026_1129)
            let output = temp.appendingPathComponent("Output")
            var previousSnapshot = try compare(site: site, output: output, step: "initial", previous: [:])
            var kinds: [String: Int] = [:]
            for step in 1...Self.editCount {
                let edit = try site.applyRandomEdit()
                kinds[edit.kind, default: 0] += 1
                previousSnapshot = try compare(site: site, output: output, step: "\(step) \(edit.description)", previous: previousSnapshot)
                if edit.kind == "break" {
                    try site.revertBreak()
                    previousSnapshot = try compare(site: site, output: output, step: "\(step) revert", previous: previousSnapshot)
                }
            }
            // Every kind of edit was exercised.
            for kind in EditableSite.kinds { #expect(kinds[kind, default: 0] > 0, "no \(kind) edit") }
        }
    }

    /// Builds incrementally into `output` and cleanly (a dry run into a folder that does not
    /// exist), and compares. Returns the site now in `output`.
    func compare(site: EditableSite, output: URL, step: String, previous: [String: Data]) throws -> [String: Data] {
        let clean = buildSite(content: site.content, templates: site.templates, output: site.root.appendingPathComponent("never-\(UUID().uuidString)"), dryRun: true)
        let incremental = buildSite(content: site.content, templates: site.templates, output: output)
        switch (clean, incremental) {
        case (.success(let cleanSummary), .success(let summary)):
            let expected = Dictionary(uniqueKeysWithValues: cleanSummary.files.map { ($0.path, $0.data) })
            let actual = siteSnapshot(output)
            #expect(actual.keys.sorted() == expected.keys.sorted(), "step \(step): the files differ")
            for (path, data) in expected where actual[path] != data {
                Issue.record("step \(step): \(path) differs from a clean build")
            }
            #expect(summary.warnings.map(\.summary) == cleanSummary.warnings.map(\.summary), "step \(step): warnings differ")
            let manifest = try readText(output.appendingPathComponent(OutputWriter.manifestName))
            for path in expected.keys { #expect(manifest.contains("\"\(path)\""), "step \(step): \(path) not in the manifest") }
            // Nothing changed since: the next build is up to date and changes nothing.
            if step.hasSuffix("touch") || step.hasPrefix("initial") {
                let again = try #require(buildSite(content: site.content, templates: site.templates, output: output).success)
                #expect(again.write.written.isEmpty && again.write.removed.isEmpty, "step \(step): a rebuild wrote files")
            }
            return actual
        case (.failure(let cleanFailure), .failure(let failure)):
            #expect(failure.diagnostics.map(\.summary) == cleanFailure.diagnostics.map(\.summary), "step \(step): diagnostics differ")
            #expect(siteSnapshot(output) == previous, "step \(step): a failed build changed the site")
            return previous
        case (.success, .failure(let failure)):
            Issue.record("step \(step): the incremental build failed where a clean one succeeds: \(failure)")
            return siteSnapshot(output)
        case (.failure(let failure), .success):
            Issue.record("step \(step): the incremental build succeeded where a clean one fails: \(failure)")
            return siteSnapshot(output)
        }
    }

    /// The site's files (not the manifest, not the cache) and their bytes.
    func siteSnapshot(_ output: URL) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: listFiles(output).filter { $0 != OutputWriter.manifestName }.map {
            ($0, FileManager.default.contents(atPath: output.appendingPathComponent($0).path) ?? Data())
        })
    }
}

/// A small site (the golden `basic` content plus a copy of one report, and the repository's
/// templates) in a temporary folder, edited at random by a seeded generator.
struct EditableSite {
    static let kinds = [
        "passage", "annotation", "rename", "delete", "add", "topics", "site", "template", "partial", "touch", "same-size", "break",
    ]

    let root: URL
    let content: URL
    let templates: URL
    private var random: SplitMix64
    private var counter = 0
    private var broken: (url: URL, original: Data)?

    struct Edit {
        var kind: String
        var description: String
    }

    init(in root: URL, seed: UInt64) throws {
        self.root = root
        content = root.appendingPathComponent("Content")
        templates = root.appendingPathComponent("Templates")
        random = SplitMix64(seed: seed)
        try copyTree(Repository.fixtures.appendingPathComponent("golden/basic/Content"), to: content)
        try copyTree(Repository.templates, to: templates)
        let city = try Data(contentsOf: reportURL("demo-city-2024"))
        try city.write(to: reportURL("demo-copy"))
        try setListed(listedSlugs() + ["demo-copy"])
    }

    /// Applies one edit chosen at random among ``kinds``.
    mutating func applyRandomEdit() throws -> Edit {
        counter += 1
        let kind = Self.kinds[random.next(Self.kinds.count)]
        let slugs = reportSlugs()
        let slug = slugs[random.next(slugs.count)]
        switch kind {
        case "passage":
            let phrases = ["生态环境保护取得新进展。", "教育公平持续推进。", "制造业加快升级。", "草原", "政治生态", "新增数字\(counter)。", "学校"]
            try editLines(of: slug) { lines, random in
                guard let index = Self.paragraphIndices(lines).randomElement(using: &random) else { return }
                switch random.next(4) {
                case 0: lines[index] += phrases[random.next(phrases.count)]
                case 1: lines[index] = "**新的开头\(random.next(5))**。" + phrases[random.next(phrases.count)]
                case 2: lines.insert(contentsOf: [lines[index], ""], at: index)
                default: if Self.paragraphIndices(lines).count > 2 { lines.remove(at: index) }
                }
            }
            return Edit(kind: kind, description: "passage of \(slug)")
        case "annotation":
            try editLines(of: slug) { lines, random in
                let annotations = lines.indices.filter { lines[$0].hasPrefix("<!-- topics") }
                if !annotations.isEmpty, random.next(2) == 0, let index = annotations.randomElement(using: &random) {
                    lines.remove(at: index)
                } else if let index = Self.paragraphIndices(lines).randomElement(using: &random) {
                    let keys = ["ecology", "education", "industry"]
                    let sign = random.next(2) == 0 ? "+" : "-"
                    lines.insert("<!-- topics: \(sign)\(keys[random.next(keys.count)]) -->", at: index)
                }
            }
            return Edit(kind: kind, description: "annotation in \(slug)")
        case "rename":
            let newSlug = "renamed-\(counter)"
            try FileManager.default.moveItem(at: reportURL(slug), to: reportURL(newSlug))
            try setListed(listedSlugs().map { $0 == slug ? newSlug : $0 })
            return Edit(kind: kind, description: "rename \(slug) to \(newSlug)")
        case "delete":
            guard slugs.count > 1 else { return try touch(slug) }
            try FileManager.default.removeItem(at: reportURL(slug))
            try setListed(listedSlugs().filter { $0 != slug })
            return Edit(kind: kind, description: "delete \(slug)")
        case "add":
            guard slugs.count < 6 else { return try touch(slug) }
            let newSlug = "added-\(counter)"
            let text = try String(contentsOf: reportURL(slug), encoding: .utf8) + "\n新增的第\(counter)段：教育和生态。\n"
            try Data(text.utf8).write(to: reportURL(newSlug))
            if random.next(4) != 0 { try setListed(listedSlugs() + [newSlug]) }
            return Edit(kind: kind, description: "add \(newSlug)")
        case "topics":
            let url = content.appendingPathComponent("topics.yml")
            var text = try String(contentsOf: url, encoding: .utf8)
            switch random.next(3) {
            case 0: text = text.replacingOccurrences(of: "keywords: [教育, ", with: "keywords: [教育, 代表\(counter % 3), ")
            case 1: text = text.replacingOccurrences(of: "name_zh: 产业发展", with: "name_zh: 产业发展\(counter)")
            default: text = text.replacingOccurrences(of: "keywords: [产业, ", with: "keywords: [产业, 增长, ")
            }
            try Data(text.utf8).write(to: url)
            return Edit(kind: kind, description: "topics.yml")
        case "site":
            let url = content.appendingPathComponent("site.yml")
            if random.next(2) == 0 {
                try setListed(listedSlugs().reversed())
            } else {
                let text = try String(contentsOf: url, encoding: .utf8)
                try Data(text.replacingOccurrences(of: #"title: [^\n]*"#, with: "title: 测试站点\(counter)", options: .regularExpression).utf8).write(to: url)
            }
            return Edit(kind: kind, description: "site.yml")
        case "template":
            let names = ["layout.mustache", "report.mustache", "partials/passage.mustache", "topic.mustache", "assets/style.css"]
            let url = templates.appendingPathComponent(names[random.next(names.count)])
            try Data((try String(contentsOf: url, encoding: .utf8) + "<!-- edit \(counter) -->\n").utf8).write(to: url)
            return Edit(kind: kind, description: "template \(url.lastPathComponent)")
        case "partial":
            let name = "partials/extra-\(counter)"
            try Data("<span class=\"extra\">额外\(counter)</span>\n".utf8).write(to: templates.appendingPathComponent(name + ".mustache"))
            if random.next(3) != 0 {
                let url = templates.appendingPathComponent(random.next(2) == 0 ? "report.mustache" : "partials/footer.mustache")
                try Data((try String(contentsOf: url, encoding: .utf8) + "{{>\(name)}}\n").utf8).write(to: url)
            }
            return Edit(kind: kind, description: "partial \(name)")
        case "touch":
            return try touch(slug)
        case "same-size":
            // One character for another of the same UTF-8 length, right after the last build:
            // the file's size may stay and its time may fall in the same tick.
            let url = reportURL(slug)
            let text = try String(contentsOf: url, encoding: .utf8)
            let swapped = text.contains("代表") ? text.replacingOccurrences(of: "代表", with: "代录") : text.replacingOccurrences(of: "代录", with: "代表")
            try Data(swapped.utf8).write(to: url)
            return Edit(kind: kind, description: "same-size edit of \(slug)")
        default:  // "break": front matter that does not parse; reverted by revertBreak()
            let url = reportURL(slug)
            broken = (url, try Data(contentsOf: url))
            try Data("---\ntitle: [unclosed\n---\n正文。\n".utf8).write(to: url)
            return Edit(kind: "break", description: "break \(slug)")
        }
    }

    /// Restores the report a `break` edit broke.
    mutating func revertBreak() throws {
        guard let broken else { return }
        try broken.original.write(to: broken.url)
        self.broken = nil
    }

    // MARK: - Private

    private func reportURL(_ slug: String) -> URL { content.appendingPathComponent("reports/\(slug).md") }

    private func reportSlugs() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: content.appendingPathComponent("reports").path)) ?? [])
            .filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
    }

    private func listedSlugs() throws -> [String] {
        let text = try String(contentsOf: content.appendingPathComponent("site.yml"), encoding: .utf8)
        return text.split(separator: "\n").filter { $0.hasPrefix("  - ") }.map { String($0.dropFirst(4)) }
    }

    private func setListed(_ slugs: [String]) throws {
        let url = content.appendingPathComponent("site.yml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let head = text.components(separatedBy: "reports:\n")[0]
        try Data((head + "reports:\n" + slugs.map { "  - \($0)\n" }.joined()).utf8).write(to: url)
    }

    private mutating func touch(_ slug: String) throws -> Edit {
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: reportURL(slug).path)
        return Edit(kind: "touch", description: "touch")
    }

    private mutating func editLines(of slug: String, _ change: (inout [String], inout SplitMix64) -> Void) throws {
        let url = reportURL(slug)
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        change(&lines, &random)
        try Data(lines.joined(separator: "\n").utf8).write(to: url)
    }

    /// Lines of the body that are paragraphs (not front matter, headings, lists or annotations).
    private static func paragraphIndices(_ lines: [String]) -> [Int] {
        guard let end = lines.indices.dropFirst().first(where: { lines[$0] == "---" }) else { return [] }
        return lines.indices.filter { index in
            let line = lines[index]
            return index > end && !line.isEmpty && !line.hasPrefix("#") && !line.hasPrefix("<!--") && !line.hasPrefix("- ")
        }
    }
}

/// A small seedable generator (SplitMix64), so the edit sequence is the same in every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<upperBound`.
    mutating func next(_ upperBound: Int) -> Int { Int(next() % UInt64(upperBound)) }
}
