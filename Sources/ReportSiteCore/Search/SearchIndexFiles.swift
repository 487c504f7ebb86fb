import Foundation

/// Sizes of the search index, for the build summary (bytes are UTF-8 bytes).
public struct SearchIndexSummary: Sendable, Equatable {
    /// Documents indexed (passages and headings).
    public var documentCount = 0
    /// Distinct terms.
    public var termCount = 0
    /// The indexed text itself.
    public var textBytes = 0
    /// `meta.js`: labels, groups, per-document topics and lengths.
    public var metaBytes = 0
    /// All term shards, and how many there are; the largest one.
    public var termBytes = 0
    public var termShardCount = 0
    public var largestTermShardBytes = 0
    /// All text chunks (passage texts and anchors for result snippets), and how many.
    public var textChunkBytes = 0
    public var textChunkCount = 0

    /// Everything under `search/data/`.
    public var totalBytes: Int { metaBytes + termBytes + textChunkBytes }
}

/// The search index as the files the browser loads, under `search/data/`:
///
/// - `meta.js`: the format, file-name patterns, reports, topics, groups (report, heading path,
///   anchor), and per document its group, topics and length; loaded by the search page;
/// - `terms-<n>.js`: the postings of the terms that hash to shard *n* (``SearchShards``), so a
///   query loads only the shards of its own terms. The data is one string of entries
///   `term=postings`, separated by spaces (neither `=` nor a space occurs in a term), sorted
///   by term: a third smaller than a JSON object, and split into a map only when a query
///   needs the shard;
/// - `text-<n>.js`: anchors and texts of a run of documents in site order, for the snippets of
///   the results shown; ``SearchShards/textChunkBytes`` each.
///
/// Each file is a classic script calling `ReportSiteSearch.add(name, data)` (JSONP style): no
/// `fetch`, no modules, so it loads from `file://` as well as over HTTP. URLs in the data are
/// relative to the site root (from ``Permalinks``); the script prefixes the page's `data-root`.
///
/// A postings list is a string: per document, its number (the difference from the previous
/// one), `:`, its positions (the first, then differences) joined by `,`; documents joined by
/// `;`; numbers in base 36. `生态` in documents 3 and 10 → `"3:k,5;7:2"`. The bytes are
/// deterministic: terms sorted, no floating point.
struct SearchIndexFiles {
    /// The global function every file calls.
    static let registerFunction = "ReportSiteSearch.add"
    /// Version of the data format; the script refuses other versions.
    static let format = 1

    let files: [OutputFile]
    let summary: SearchIndexSummary

    /// Serialises `search` for the site `index`.
    /// - Parameters:
    ///   - reportLabel: how a report is named in results (`呼和浩特市 2022 政府工作报告`).
    ///   - groupLabel: the heading path of a group (`一、… › （三）…`, `开篇`).
    init(index: SiteIndex, search: SearchIndex, reportLabel: (Report) -> String, groupLabel: (GroupKey) -> String) {
        var summary = SearchIndexSummary()
        summary.documentCount = search.documents.count
        summary.termCount = search.postings.count
        summary.textBytes = search.documents.reduce(0) { $0 + $1.text.utf8.count }
        var files: [OutputFile] = []
        func file(_ name: String, _ json: String) -> OutputFile {
            let script = "\(Self.registerFunction)(\(jsonStringLiteral(name)), \(json));\n"
            return OutputFile(path: SitePage.searchData(name: name + ".js").outputPath, data: Data(script.utf8))
        }

        // Term shards.
        let terms = search.postings.keys.sorted()
        let runLength = max(256, terms.count / (Parallel.coreCount * 8) + 1)
        let entries = Parallel.map(stride(from: 0, to: terms.count, by: runLength).map { terms[$0..<min($0 + runLength, terms.count)] }) { run in
            run.map { term in term + "=" + Self.encode(search.postings[term] ?? []) }
        }.flatMap { $0 }
        let shardCount = SearchShards.termShardCount(forBytes: entries.reduce(0) { $0 + $1.utf8.count + 1 })
        var shards = [[String]](repeating: [], count: shardCount)
        for entry in entries {
            let term = String(entry.prefix { $0 != "=" })
            shards[SearchShards.shard(of: term, count: shardCount)].append(entry)
        }
        for (n, entries) in shards.enumerated() {
            let shard = file("terms-\(n)", jsonStringLiteral(entries.joined(separator: " ")))
            summary.termBytes += shard.data.count
            summary.largestTermShardBytes = max(summary.largestTermShardBytes, shard.data.count)
            files.append(shard)
        }
        summary.termShardCount = shardCount

        // Text chunks: runs of documents of about textChunkBytes.
        var chunkStarts: [Int] = []
        var chunk: [String] = []
        var chunkBytes = 0
        func flushChunk() {
            guard !chunk.isEmpty else { return }
            let text = file("text-\(chunkStarts.count - 1)", "[" + chunk.joined(separator: ",\n") + "]")
            summary.textChunkBytes += text.data.count
            files.append(text)
            chunk = []
            chunkBytes = 0
        }
        for (d, document) in search.documents.enumerated() {
            if chunk.isEmpty { chunkStarts.append(d) }
            let entry = "[\(jsonStringLiteral(document.anchor)),\(jsonStringLiteral(document.text)),\(document.isHeading ? 1 : 0)]"
            chunk.append(entry)
            chunkBytes += entry.utf8.count
            if chunkBytes >= SearchShards.textChunkBytes { flushChunk() }
        }
        flushChunk()
        summary.textChunkCount = chunkStarts.count

        // Meta.
        let reports = index.reports.map { report in
            "{\"slug\":\(jsonStringLiteral(report.slug)),\"label\":\(jsonStringLiteral(reportLabel(report))),\"url\":\(jsonStringLiteral(SitePage.report(slug: report.slug).outputPath))}"
        }
        let topics = index.catalog.topics.map { "{\"key\":\(jsonStringLiteral($0.key)),\"name\":\(jsonStringLiteral($0.nameZh))}" }
        let groups = search.groups.map { group -> String in
            let report = index.reports[group.reportIndex]
            var anchor = ""
            if let p = group.partIndex {
                anchor = group.sectionIndex.map { report.parts[p].sections[$0].heading.anchor } ?? report.parts[p].heading.anchor
            }
            return "[\(group.reportIndex),\(jsonStringLiteral(groupLabel(group))),\(jsonStringLiteral(anchor))]"
        }
        let documents = search.documents
        let meta = """
            {"format":\(Self.format),
            "termShards":\(shardCount),
            "termFile":\(jsonStringLiteral(SitePage.searchData(name: "terms-{n}.js").outputPath)),
            "textFile":\(jsonStringLiteral(SitePage.searchData(name: "text-{n}.js").outputPath)),
            "reports":[\(reports.joined(separator: ",\n"))],
            "topics":[\(topics.joined(separator: ",\n"))],
            "groups":[\(groups.joined(separator: ",\n"))],
            "docGroup":[\(documents.map { String($0.group) }.joined(separator: ","))],
            "docTopics":[\(documents.map { "[" + $0.topics.map(String.init).joined(separator: ",") + "]" }.joined(separator: ","))],
            "docLength":[\(documents.map { String($0.length) }.joined(separator: ","))],
            "textChunks":[\(chunkStarts.map(String.init).joined(separator: ","))]}
            """
        let metaFile = file("meta", meta)
        summary.metaBytes = metaFile.data.count
        files.append(metaFile)

        self.files = files.sorted { $0.path < $1.path }
        self.summary = summary
    }

    // MARK: - Encoding

    /// A postings list as a string (see the type's documentation).
    static func encode(_ postings: [SearchIndex.Posting]) -> String {
        var parts: [String] = []
        parts.reserveCapacity(postings.count)
        var previousDocument = 0
        for posting in postings {
            var previous = 0
            let positions = posting.positions.map { position -> String in
                defer { previous = position }
                return String(position - previous, radix: 36)
            }
            parts.append(String(posting.document - previousDocument, radix: 36) + ":" + positions.joined(separator: ","))
            previousDocument = posting.document
        }
        return parts.joined(separator: ";")
    }
}
