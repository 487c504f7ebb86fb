import Foundation
import Testing
@testable import ReportSiteCore

/// The search index: what is indexed, how it is encoded and split, and that the files the
/// browser loads agree with the site they describe.
@Suite("Search index")
struct SearchIndexTests {
    // MARK: - Encoding and sharding

    @Test func postingsAreDocumentAndPositionDifferencesInBase36() {
        let postings = [SearchIndex.Posting(document: 3, positions: [20, 25]), SearchIndex.Posting(document: 10, positions: [2])]
        #expect(SearchIndexFiles.encode(postings) == "3:k,5;7:2")
        #expect(SearchIndexFiles.encode([]) == "")
    }

    @Test(arguments: [(0, 1), (24_576, 1), (24_577, 2), (102_400, 8), (2_457_600, 128), (1 << 40, 4096)] as [(Int, Int)])
    func shardCountIsThePowerOfTwoThatKeepsShardsSmall(bytes: Int, shards: Int) {
        #expect(SearchShards.termShardCount(forBytes: bytes) == shards)
    }

    @Test(arguments: [
        ("生态", #""生态""#), ("a\"b\\c", #""a\"b\\c""#), ("x\ny\t", #""x\ny\t""#), ("\u{1}", #""\u0001""#), ("\u{2028}", #""\u2028""#),
    ] as [(String, String)])
    func stringsAreValidJavaScriptLiterals(text: String, literal: String) {
        #expect(jsonStringLiteral(text) == literal)
    }

    // MARK: - What is indexed

    @Test func everyPassageAndHeadingIsADocumentInSiteOrder() throws {
        let index = try realSiteIndex()
        let search = SearchIndex(index: index)
        let report = try #require(index.reports.first)
        let headings = index.reports.reduce(0) { total, report in
            total + report.parts.count + report.parts.reduce(0) { $0 + $1.sections.count }
        }
        #expect(search.documents.count == index.entries.count + headings)
        #expect(search.documents.filter(\.isHeading).count == headings)
        // Passages keep the link stage's order; headings come before what they head.
        #expect(search.documents.filter { !$0.isHeading }.map(\.anchor) == index.entries.map(\.passage.anchor))
        let sectionHeading = try #require(search.documents.firstIndex { $0.text == report.parts[0].sections[0].heading.text })
        #expect(search.documents[sectionHeading + 1].anchor == report.parts[0].sections[0].passages[0].anchor)
        // A heading carries the topics of the passages under it.
        let ecologySection = try #require(report.parts[0].sections.first { $0.heading.text.contains("生态治理") })
        let ecologyKey = try #require(index.catalog.keys.firstIndex(of: "ecology"))
        let headingDocument = try #require(search.documents.first { $0.isHeading && $0.anchor == ecologySection.heading.anchor })
        #expect(headingDocument.topics.contains(ecologyKey))
    }

    @Test(arguments: ["高标准农田", "生态环境", "呼和浩特", "3121.4亿元"])
    func aPhraseOfThePassagesIsFoundAtConsecutivePositions(phrase: String) throws {
        let index = try realSiteIndex()
        let search = SearchIndex(index: index)
        let query = SearchTokenizer.tokenize(phrase, mode: .query)
        let expected = Set(search.documents.indices.filter { search.documents[$0].text.contains(phrase) })
        #expect(!expected.isEmpty)
        var found = Set<Int>()
        for posting in search.postings[query[0].term] ?? [] {
            let starts = posting.positions.map { $0 - query[0].position }
            let matches = starts.contains { start in
                query.allSatisfy { token in
                    search.postings[token.term]?.first { $0.document == posting.document }?.positions.contains(start + token.position) ?? false
                }
            }
            if matches { found.insert(posting.document) }
        }
        #expect(found == expected)
    }

    // MARK: - The files

    @Test func indexFilesAreClassicScriptsHandingTheirDataToTheSearchScript() throws {
        try withRealSite { output, summary in
            let names = listFiles(output.appendingPathComponent("search/data"))
            #expect(names.contains("meta.js"))
            for name in names {
                let text = try readText(output.appendingPathComponent("search/data/\(name)"))
                let stem = String(name.dropLast(3))
                #expect(text.hasPrefix("ReportSiteSearch.add(\"\(stem)\", ") && text.hasSuffix(");\n"), "\(name) is not a registration script")
            }
            let meta = try searchData(output, "meta") as? [String: Any]
            #expect(names.filter { $0.hasPrefix("terms-") }.count == meta?["termShards"] as? Int)
            #expect(names.filter { $0.hasPrefix("text-") }.count == (meta?["textChunks"] as? [Int])?.count)
            // The reported sizes are those of the files.
            let bytes = try names.reduce(0) { $0 + (try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("search/data/\($1)").path)[.size] as? Int ?? 0) }
            #expect(summary.search.totalBytes == bytes)
            #expect(summary.search.termShardCount == meta?["termShards"] as? Int)
            #expect(summary.search.textBytes > 40_000)
            #expect(summary.search.totalBytes < 8 * summary.search.textBytes, "the index grew past 8 times the text")
        }
    }

    @Test func everyTermIsInTheShardItsHashNames() throws {
        let search = SearchIndex(index: try realSiteIndex())
        try withRealSite { output, _ in
            let meta = try #require(try searchData(output, "meta") as? [String: Any])
            let count = try #require(meta["termShards"] as? Int)
            var terms = Set<String>()
            for n in 0..<count {
                let shard = try #require(try searchData(output, "terms-\(n)") as? String)
                for entry in shard.split(separator: " ") {
                    let term = String(entry.prefix { $0 != "=" })
                    #expect(SearchShards.shard(of: term, count: count) == n, "\(term) is in shard \(n)")
                    #expect(String(entry.dropFirst(term.count + 1)) == SearchIndexFiles.encode(search.postings[term] ?? []))
                    terms.insert(term)
                }
            }
            #expect(terms == Set(search.postings.keys))
        }
    }

    @Test func everyResultLinkResolvesToAPassageOrHeading() throws {
        try withRealSite { output, _ in
            let meta = try #require(try searchData(output, "meta") as? [String: Any])
            let reports = try #require(meta["reports"] as? [[String: Any]])
            let groups = try #require(meta["groups"] as? [[Any]])
            let docGroup = try #require(meta["docGroup"] as? [Int])
            let chunks = try #require(meta["textChunks"] as? [Int])
            var documents: [[Any]] = []
            for n in chunks.indices { documents += try #require(try searchData(output, "text-\(n)") as? [[Any]]) }
            #expect(documents.count == docGroup.count)
            #expect((meta["docLength"] as? [Int])?.count == docGroup.count)
            #expect((meta["docTopics"] as? [[Int]])?.count == docGroup.count)
            var pages: [String: HTMLPage] = [:]
            for (d, document) in documents.enumerated() {
                let anchor = try #require(document.first as? String)
                let reportIndex = try #require(groups[docGroup[d]].first as? Int)
                let report = try #require(reports[reportIndex]["url"] as? String)
                let page = try pages[report] ?? HTMLPage(path: report, html: readText(output.appendingPathComponent(report)))
                pages[report] = page
                #expect(page.ids.contains(anchor), "\(report)#\(anchor) does not exist")
                #expect(document.count == 3 && document[1] is String)
            }
        }
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
