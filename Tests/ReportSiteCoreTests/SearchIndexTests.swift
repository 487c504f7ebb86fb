import Foundation
import Testing
@testable import ReportSiteCore

/// The search index by report: what is indexed, how it is encoded and split, that a report's
/// file depends on that report alone, and that the files the browser loads agree with the site
/// they describe and stay within 1.5 times the text.
@Suite("Search index")
struct SearchIndexTests {
    // MARK: - Encoding and sharding

    @Test func numbersEndWithOneOfTheFirst32DigitsAndLeadWithTheOthers() {
        #expect(SearchIndexFiles.number(0) == "0")
        #expect(SearchIndexFiles.number(31) == "v")
        #expect(SearchIndexFiles.number(32) == "x0")
        #expect(SearchIndexFiles.number(40) == "x8")
        #expect(SearchIndexFiles.number(32 * 32) == "xw0")
    }

    @Test func aTermsReportsAreGapsWithAFlagThenCounts() {
        // Report 0 with one document, report 3 with five: gap 0 → 0; gap 2, flagged → 5, then 5 − 2.
        #expect(SearchIndexFiles.encodeReports([(0, 1), (3, 5)]) == "053")
        #expect(SearchIndexFiles.encodeReports([(40, 1)]) == "yg")  // 80 = 2·32 + 16
        #expect(SearchIndexFiles.encodeReports([]) == "")
    }

    @Test(arguments: [(0, 1), (24_576, 1), (24_577, 2), (102_400, 8), (2_457_600, 128), (1 << 40, 4096)] as [(Int, Int)])
    func shardCountIsThePowerOfTwoThatKeepsShardsSmall(bytes: Int, shards: Int) {
        #expect(SearchShards.termShardCount(forBytes: bytes) == shards)
    }

    @Test func aHanTermGoesToTheShardOfItsFirstCharacter() {
        #expect(SearchShards.shardKey(of: "生态") == "生")
        #expect(SearchShards.shardKey(of: "生") == "生")
        #expect(SearchShards.shardKey(of: "6.5%") == "6.5%")
        #expect(SearchShards.shard(of: "生态", count: 64) == SearchShards.shard(of: "生", count: 64))
    }

    @Test(arguments: [
        ("生态", #""生态""#), ("a\"b\\c", #""a\"b\\c""#), ("x\ny\t", #""x\ny\t""#), ("\u{1}", #""\u0001""#), ("\u{2028}", #""\u2028""#),
    ] as [(String, String)])
    func stringsAreValidJavaScriptLiterals(text: String, literal: String) {
        #expect(jsonStringLiteral(text) == literal)
    }

    @Test(arguments: [
        ("现在-我代表市人民政府向大", "现在，我代表市人民政府向大会报告工作", 12 as Int?),
        ("2021年及本届政府工作回顾", "一、2021年及本届政府工作回顾", 114),
        ("gdp-6-5", "GDP增长６.５%", nil),  // 增 is kept: no number gives the anchor
        ("p-2", "各位代表", nil),
    ] as [(String, String, Int?)])
    func anchorsDerivedFromTheTextAreWrittenAsNumbers(anchor: String, text: String, code: Int?) {
        #expect(SearchIndexFiles.anchorCode(anchor, text: text) == code)
        if let code {
            #expect(SearchIndexFiles.derivedAnchor(Array(text.unicodeScalars), skipping: code / 100, keeping: code % 100) == anchor)
        }
    }

    // MARK: - What is indexed

    @Test func everyPassageAndHeadingOfAReportIsADocumentInReportOrder() throws {
        let index = try realSiteIndex()
        for (r, report) in index.reports.enumerated() {
            let search = ReportSearchIndex.make(report, topicKeys: index.catalog.keys)
            let headings = report.parts.count + report.parts.reduce(0) { $0 + $1.sections.count }
            let entries = index.entries.filter { $0.reportIndex == r }
            #expect(search.documents.count == entries.count + headings)
            #expect(search.documents.filter(\.isHeading).count == headings)
            #expect(search.documents.filter { !$0.isHeading }.map(\.anchor) == entries.map { index.passage($0).anchor })
            // Groups are runs of documents; a part's or a section's starts with its heading.
            var next = 0
            for (g, group) in search.groups.enumerated() {
                #expect(group.firstDocument == next)
                next += group.documentCount
                #expect(search.documents[group.firstDocument..<next].allSatisfy { $0.group == g })
                #expect(search.documents[group.firstDocument].isHeading == (group.kind != .opening))
                #expect(group.kind == .opening ? group.anchor.isEmpty : group.anchor == search.documents[group.firstDocument].anchor)
            }
            #expect(next == search.documents.count)
        }
        // A heading carries the topics of the passages under it; labels are heading paths.
        let report = try #require(index.reports.first)
        let search = ReportSearchIndex.make(report, topicKeys: index.catalog.keys)
        let ecologySection = try #require(report.parts[0].sections.first { $0.heading.text.contains("生态治理") })
        let ecologyKey = try #require(index.catalog.keys.firstIndex(of: "ecology"))
        let heading = try #require(search.documents.first { $0.isHeading && $0.anchor == ecologySection.heading.anchor })
        #expect(heading.topics.contains(ecologyKey))
        #expect(search.groups[heading.group].label == report.parts[0].heading.text + " › " + ecologySection.heading.text)
    }

    @Test func postingsListExactlyTheDocumentsWhoseTokensHoldTheTerm() throws {
        let index = try realSiteIndex()
        let search = ReportSearchIndex.make(index.reports[0], topicKeys: index.catalog.keys)
        var expected: [String: [Int]] = [:]
        for (d, document) in search.documents.enumerated() {
            let tokens = SearchTokenizer.tokenize(document.text, mode: .index)
            #expect(document.length == (tokens.last?.position ?? -1) + 1)
            for term in Set(tokens.map(\.term)) { expected[term, default: []].append(d) }
        }
        #expect(search.postings == expected)
        for phrase in ["高标准农田", "生态环境", "呼和浩特"] {
            let terms = SearchTokenizer.tokenize(phrase, mode: .query).map(\.term)
            let holding = terms.map { Set(search.postings[$0] ?? []) }.reduce(Set(search.documents.indices)) { $0.intersection($1) }
            let containing = Set(search.documents.indices.filter { search.documents[$0].text.contains(phrase) })
            #expect(!containing.isEmpty && containing.isSubset(of: holding), "\(phrase)")
        }
    }

    @Test func aReportIndexSurvivesTheCacheCoding() throws {
        let index = try realSiteIndex()
        let search = ReportSearchIndex.make(index.reports[0], topicKeys: index.catalog.keys)
        var writer = BinaryWriter()
        writer.write(search)
        var reader = BinaryReader(writer.data)
        let decoded: ReportSearchIndex = try reader.read()
        #expect(reader.isAtEnd)
        #expect(decoded == search)
        #expect(search.dataBytes == SearchIndexFiles.reportData(search).utf8.count)
    }

    // MARK: - Per report, global

    @Test func aReportsFileDoesNotChangeWhenAnotherReportDoes() throws {
        let a = try Self.report("a.md", MarkdownLinkTests.reportA)
        let b = try Self.report("b-2024.md", MarkdownLinkTests.reportB)
        let b2 = try Self.report("b-2024.md", MarkdownLinkTests.reportB.replacingOccurrences(of: "空气质量优良", with: "水质持续向好，生态环境改善"))
        let keys = ["ecology"]
        func files(_ reports: [Report]) -> [String: Data] {
            let index = SearchIndexFiles(
                reports: reports.map { (slug: $0.slug, label: $0.slug, shard: ReportSearchIndex.make($0, topicKeys: keys)) },
                topics: [(key: "ecology", name: "生态")])
            return Dictionary(uniqueKeysWithValues: index.files.map { ($0.path, $0.data) })
        }
        let before = files([a, b])
        let after = files([a, b2])
        #expect(before["search/data/r/a.js"] != nil)
        #expect(before["search/data/r/a.js"] == after["search/data/r/a.js"])
        #expect(before["search/data/r/b-2024.js"] != after["search/data/r/b-2024.js"])
        #expect(before["search/data/meta.js"] != after["search/data/meta.js"])
        // The report's file is the same whatever its place among the reports.
        #expect(files([b, a])["search/data/r/a.js"] == before["search/data/r/a.js"])
        #expect(Set(before.keys) == ["search/data/meta.js", "search/data/terms-0.js", "search/data/r/a.js", "search/data/r/b-2024.js"])
        let script = try #require(before["search/data/r/a.js"].map { String(decoding: $0, as: UTF8.self) })
        #expect(script.hasPrefix("ReportSiteSearch.add(\"r/a\", {\"groups\":[0,1,1,1,2,4],"))
        // 各位代表： → anchor 各位代表 (4 kept characters); the two 各位代表！ get -2, -3.
        #expect(script.contains("[4,\"各位代表：\"]"))
    }

    /// The term merge's cache (``TermMergeCache``): a build that takes unchanged groups' tables
    /// from it, after one report changed, writes the same files as a merge of everything, and
    /// merges again only the groups whose terms changed; a cache written to disk and read back
    /// gives the same; a damaged file is no cache.
    @Test func theTermMergeCacheGivesTheFilesOfAFullMerge() throws {
        let index = try realSiteIndex()
        let topics = index.catalog.topics.map { (key: $0.key, name: $0.nameZh) }
        var summaries = index.reports.map { ReportSearchIndex.Summary(ReportSearchIndex.make($0, topicKeys: index.catalog.keys)) }
        func entries() -> [(slug: String, label: String, summary: ReportSearchIndex.Summary)] {
            zip(index.reports, summaries).map { (slug: $0.slug, label: $0.slug, summary: $1) }
        }
        let first = TermMergeCache()
        let primed = SearchIndexFiles.siteFiles(reports: entries(), topics: topics, cache: first)
        #expect(primed.files == SearchIndexFiles.siteFiles(reports: entries(), topics: topics).files)

        // One report gains a document with two new terms and one more of a term it had.
        let edited = summaries[1]
        var terms = edited.terms
        terms.append((term: "甲乙丙", documents: 1))
        terms.append((term: "zzzq", documents: 2))
        terms[0].documents += 1
        summaries[1] = ReportSearchIndex.Summary(
            terms: terms, documentCount: edited.documentCount + 1, textBytes: edited.textBytes, totalLength: edited.totalLength, dataBytes: edited.dataBytes)
        let changedGroups = (0..<SearchIndexFiles.mergeGroupCount).filter { summaries[1].groupDigests[$0] != edited.groupDigests[$0] }
        #expect(!changedGroups.isEmpty && changedGroups.count <= 4, "\(changedGroups)")

        let fromDisk = try #require(TermMergeCache.decode(Data(first.forNextBuild().encodedBytes())))
        let second = first.forNextBuild()
        let full = SearchIndexFiles.siteFiles(reports: entries(), topics: topics)
        let cached = SearchIndexFiles.siteFiles(reports: entries(), topics: topics, cache: second)
        #expect(cached.files == full.files)
        #expect(cached.summary == full.summary)
        #expect(SearchIndexFiles.siteFiles(reports: entries(), topics: topics, cache: fromDisk).files == full.files)
        // The next build keeps every group's table: the unchanged ones it took, the changed ones it made.
        #expect(second.storedCount == SearchIndexFiles.mergeGroupCount)
        #expect(second.mergedCount == changedGroups.count)
        #expect(TermMergeCache.decode(Data("ReportSite terms 0\n".utf8)) == nil)
    }

    /// A report's search summary as the cache stores it decodes to the same summary; damaged
    /// term info is refused.
    @Test func aSearchSummaryRoundTripsThroughTheCache() throws {
        let index = try realSiteIndex()
        for report in index.reports.prefix(3) {
            let summary = ReportSearchIndex.Summary(ReportSearchIndex.make(report, topicKeys: index.catalog.keys))
            var writer = BinaryWriter()
            writer.write(summary)
            var reader = BinaryReader(writer.data)
            let decoded: ReportSearchIndex.Summary = try reader.read()
            #expect(decoded == summary)
            #expect(reader.isAtEnd)
            #expect(decoded.terms.count == summary.termCount)
        }
    }

    @Test func termShardsGiveEachTermsReportsWithTheirDocumentCounts() throws {
        let index = try realSiteIndex()
        let shards = index.reports.map { ReportSearchIndex.make($0, topicKeys: index.catalog.keys) }
        let site = SearchIndexFiles.siteFiles(
            reports: zip(index.reports, shards).map { (slug: $0.slug, label: $0.slug, summary: ReportSearchIndex.Summary($1)) },
            topics: index.catalog.topics.map { (key: $0.key, name: $0.nameZh) })
        var expected: [String: [(Int, Int)]] = [:]
        for (r, shard) in shards.enumerated() {
            for (term, documents) in shard.postings { expected[term, default: []].append((r, documents.count)) }
        }
        let count = site.summary.termShardCount
        #expect(site.files.filter { $0.path.hasPrefix("search/data/terms-") }.count == count)
        var seen = 0
        for n in 0..<count {
            let file = try #require(site.files.first { $0.path == "search/data/terms-\(n).js" })
            let data = try #require(try Self.data(of: file, name: "terms-\(n)") as? [String: String])
            for (term, codes) in try Self.decodeShard(data) {
                #expect(SearchShards.shard(of: term, count: count) == n, "\(term) is in shard \(n)")
                let want = try #require(expected[term], "\(term) is in no report")
                #expect(Self.decodeReports(codes).map { [$0.0, $0.1] } == want.map { [$0.0, $0.1] }, "\(term)")
                seen += 1
            }
        }
        #expect(seen == expected.count)
        #expect(site.summary.termCount == expected.count)
    }

    // MARK: - The files of the real site

    @Test func indexFilesAreClassicScriptsAndAtMostOneAndAHalfTimesTheText() throws {
        try withRealSite { output, summary in
            let data = output.appendingPathComponent("search/data")
            let names = listFiles(data)
            #expect(names.contains("meta.js"))
            for name in names where name.hasSuffix(".js") {
                let text = try readText(data.appendingPathComponent(name))
                let stem = String(name.dropLast(3))
                #expect(text.hasPrefix("ReportSiteSearch.add(\"\(stem)\", ") && text.hasSuffix(");\n"), "\(name) is not a registration script")
            }
            let meta = try #require(try searchData(output, "meta") as? [String: Any])
            let reports = try #require(meta["reports"] as? [[String: Any]])
            #expect(names.filter { $0.hasPrefix("terms-") }.count == meta["termShards"] as? Int)
            #expect(Set(names.filter { $0.hasPrefix("r/") }) == Set(reports.compactMap { ($0["slug"] as? String).map { "r/\($0).js" } }))
            // The reported sizes are those of the files.
            let bytes = try names.reduce(0) { $0 + (try FileManager.default.attributesOfItem(atPath: data.appendingPathComponent($1).path)[.size] as? Int ?? 0) }
            #expect(summary.search.totalBytes == bytes)
            #expect(summary.search.reportFileCount == reports.count)
            #expect(summary.search.documentCount == reports.reduce(0) { $0 + ($1["docs"] as? Int ?? 0) })
            #expect(summary.search.textBytes > 400_000)
            #expect(summary.search.ratio <= 1.5, "the index is \(summary.search.ratio) times the text")
            print(summary.search.description)
        }
    }

    @Test func everyResultLinkResolvesToAPassageOrHeading() throws {
        try withRealSite { output, _ in
            let meta = try #require(try searchData(output, "meta") as? [String: Any])
            let reports = try #require(meta["reports"] as? [[String: Any]])
            for report in reports {
                let slug = try #require(report["slug"] as? String)
                let url = try #require(report["url"] as? String)
                let data = try #require(try searchData(output, "r/\(slug)") as? [String: Any])
                let docs = try #require(data["docs"] as? [[Any]])
                let groups = try #require(data["groups"] as? [Int])
                #expect(stride(from: 1, to: groups.count, by: 2).reduce(0) { $0 + groups[$1] } == docs.count)
                #expect(docs.count == report["docs"] as? Int)
                let page = try HTMLPage(path: url, html: readText(output.appendingPathComponent(url)))
                for doc in docs {
                    let text = try #require(doc[1] as? String)
                    let anchor = try (doc[0] as? String) ?? {
                        let code = try #require(doc[0] as? Int)
                        return SearchIndexFiles.derivedAnchor(Array(text.unicodeScalars), skipping: code / 100, keeping: code % 100)
                    }()
                    #expect(page.ids.contains(anchor), "\(url)#\(anchor) does not exist")
                }
            }
        }
    }

    // MARK: - Decoding, as search-engine.js does

    static func decodeReports(_ codes: String) -> [(Int, Int)] {
        let digits = SearchIndexFiles.digits.map { Character(Unicode.Scalar($0)) }
        var values: [Int] = []
        var value = 0
        for character in codes {
            let d = digits.firstIndex(of: character)!
            if d >= 32 { value = value * 32 + d - 32 } else { values.append(value * 32 + d); value = 0 }
        }
        var result: [(Int, Int)] = []
        var report = -1
        var i = 0
        while i < values.count {
            report += values[i] / 2 + 1
            if values[i] % 2 == 1 { result.append((report, values[i + 1] + 2)); i += 2 } else { result.append((report, 1)); i += 1 }
        }
        return result
    }

    /// A term shard's data as term → encoded report list.
    static func decodeShard(_ data: [String: String]) throws -> [(String, String)] {
        var out: [(String, String)] = []
        let digits = Set(SearchIndexFiles.digits.map { Unicode.Scalar($0) })
        for run in (data["han"] ?? "").split(separator: "|") {
            let scalars = Array(run.unicodeScalars)
            var i = 0
            let first = String(scalars[0])
            var term = first
            i = 1
            while true {
                var codes = String.UnicodeScalarView()
                while i < scalars.count, digits.contains(scalars[i]) { codes.append(scalars[i]); i += 1 }
                if !codes.isEmpty { out.append((term, String(codes))) }
                guard i < scalars.count else { break }
                term = first + String(scalars[i])
                i += 1
            }
        }
        for entry in (data["words"] ?? "").split(separator: " ") {
            let parts = entry.split(separator: "=", maxSplits: 1)
            out.append((String(parts[0]), String(parts[1])))
        }
        return out
    }

    static func report(_ name: String, _ text: String) throws -> Report {
        var log = DiagnosticLog()
        let loader = ContentLoader(directory: URL(fileURLWithPath: "/nonexistent"), displayPath: "Content")
        let source = try #require(loader.report(named: name, data: Data(text.utf8), log: &log))
        return try #require(ReportStructurer(source: source).structure(log: &log))
    }

    static func data(of file: OutputFile, name: String) throws -> Any {
        let text = String(decoding: file.data, as: UTF8.self)
        let prefix = "ReportSiteSearch.add(\"\(name)\", "
        try #require(text.hasPrefix(prefix) && text.hasSuffix(");\n"))
        return try JSONSerialization.jsonObject(with: Data(text.dropFirst(prefix.count).dropLast(3).utf8), options: [.fragmentsAllowed])
    }

    // MARK: - Helpers

    func realSiteIndex() throws -> SiteIndex {
        var log = DiagnosticLog()
        let loaded = try #require(ContentLoader(directory: Repository.content, displayPath: "Content").load(log: &log))
        let classifier = Classifier(catalog: loaded.topics)
        let reports = loaded.reports.compactMap { ReportStructurer(source: $0).structure(log: &log) }.compactMap { classifier.classify($0, log: &log) }
        return SiteIndex(site: loaded.site, catalog: loaded.topics, reports: reports)
    }

    func withRealSite(_ body: (URL, BuildSummary) throws -> Void) throws {
        try withTemporaryDirectory { temp in
            let output = temp.appendingPathComponent("Output")
            let summary = try #require(buildSite(content: Repository.content, templates: Repository.templates, output: output).success)
            try body(output, summary)
        }
    }

    /// The data a `search/data/<name>.js` file hands to `ReportSiteSearch.add`, parsed as JSON.
    func searchData(_ output: URL, _ name: String) throws -> Any {
        let text = try readText(output.appendingPathComponent("search/data/\(name).js"))
        let prefix = "ReportSiteSearch.add(\"\(name)\", "
        try #require(text.hasPrefix(prefix) && text.hasSuffix(");\n"))
        let json = text.dropFirst(prefix.count).dropLast(3)
        return try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
    }
}
