import Foundation

/// Sizes of the search index, for the build summary (bytes are UTF-8 bytes of the files).
public struct SearchIndexSummary: Sendable, Equatable, CustomStringConvertible {
    /// Documents indexed (passages and headings), in every report.
    public var documentCount = 0
    /// Distinct terms of the site.
    public var termCount = 0
    /// The indexed text itself (every document's text).
    public var textBytes = 0
    /// `meta.js`: reports and topics.
    public var metaBytes = 0
    /// All term shards (`terms-<n>.js`), how many there are, and the largest one.
    public var termBytes = 0
    public var termShardCount = 0
    public var largestTermShardBytes = 0
    /// All report files (`r/<slug>.js`: texts, anchors, groups, topics), how many, and the largest.
    public var reportBytes = 0
    public var reportFileCount = 0
    public var largestReportBytes = 0

    public init(documentCount: Int = 0, termCount: Int = 0, textBytes: Int = 0, metaBytes: Int = 0, termBytes: Int = 0,
                termShardCount: Int = 0, largestTermShardBytes: Int = 0, reportBytes: Int = 0, reportFileCount: Int = 0,
                largestReportBytes: Int = 0) {
        self.documentCount = documentCount
        self.termCount = termCount
        self.textBytes = textBytes
        self.metaBytes = metaBytes
        self.termBytes = termBytes
        self.termShardCount = termShardCount
        self.largestTermShardBytes = largestTermShardBytes
        self.reportBytes = reportBytes
        self.reportFileCount = reportFileCount
        self.largestReportBytes = largestReportBytes
    }

    /// Everything under `search/data/`.
    public var totalBytes: Int { metaBytes + termBytes + reportBytes }

    /// The index's size over the text's (`1.2` = the index is 1.2 times the indexed text).
    public var ratio: Double { Double(totalBytes) / Double(max(1, textBytes)) }

    /// One line for the build summary.
    public var description: String {
        String(format: "Search index: %.1f KB for %.1f KB of text (%.2f×): %d documents, %d terms; %d term shard(s), %.1f KB, %.1f KB at most; %d report file(s), %.1f KB, %.1f KB at most; meta %.1f KB.",
               Double(totalBytes) / 1024, Double(textBytes) / 1024, ratio, documentCount, termCount,
               termShardCount, Double(termBytes) / 1024, Double(largestTermShardBytes) / 1024,
               reportFileCount, Double(reportBytes) / 1024, Double(largestReportBytes) / 1024, Double(metaBytes) / 1024)
    }
}

/// The search index as the files the browser loads, under `search/data/`. Each file is a
/// classic script calling `ReportSiteSearch.add(name, data)` (JSONP style): no `fetch`, no
/// modules, so it loads from `file://` as well as over HTTP.
///
/// - `r/<slug>.js`, one per report (``reportFile(_:slug:)``), made from that report alone
///   (``reportData(_:)``): its groups and documents (anchor, text, topics). No postings: the
///   browser tokenizes the documents of a report it loads with the twin tokenizer, which gives
///   it the documents, positions and lengths the ranking needs.
/// - `terms-<n>.js` (``siteFiles(reports:topics:cache:)``): which reports hold each term, and in how
///   many of their documents; a term is in the shard its ``SearchShards/shardKey(of:)`` hashes
///   to, so a query loads only the shards of its own terms.
/// - `meta.js`: the format, file-name patterns, the reports (slug, label, URL, document count,
///   total length in positions) and the topics.
///
/// The bytes are deterministic (terms sorted, no floating point), and a report's file changes
/// only when that report (or the topic keys) does.
struct SearchIndexFiles {
    /// The global function every file calls.
    static let registerFunction = "ReportSiteSearch.add"
    /// Version of the data format; the script refuses other versions.
    static let format = 2

    let files: [OutputFile]
    let summary: SearchIndexSummary

    // MARK: - Per report

    /// The registry name of a report's file: `r/<slug>`.
    static func reportName(slug: String) -> String { "r/" + slug }

    /// The file of one report: `search/data/r/<slug>.js`, handing ``reportData(_:)`` to
    /// `ReportSiteSearch.add("r/<slug>", …)`.
    static func reportFile(_ shard: ReportSearchIndex, slug: String) -> OutputFile {
        file(reportName(slug: slug), reportData(shard))
    }

    /// The data of a report's file, a JSON object:
    ///
    /// - `groups`: per group, its kind (0 opening, 1 part, 2 section) and its number of
    ///   documents, flattened: `[0,3,1,2,2,5]`. A part's or a section's first document is its
    ///   heading; the browser composes labels (`开篇`, part, `part › section`), anchors and a
    ///   heading's topics (those of the passages under it) from them;
    /// - `docs`: per document, `[anchor, text, topic…]` (topic indices into `meta.js`'s topics;
    ///   none for a heading). The anchor is written as a number when ``anchorCode(_:text:)``
    ///   can derive it from the text (most are: `现在-我代表市人民政府向大` from
    ///   `现在，我代表市人民政府向大会…` is `12`), else as a string.
    ///
    /// `{"groups":[1,2],"docs":[[210,"一、总结"],["p1-2","……",3]]}`
    static func reportData(_ shard: ReportSearchIndex) -> String {
        var out = "{\"groups\":["
        out += shard.groups.map { "\($0.kind.rawValue),\($0.documentCount)" }.joined(separator: ",")
        out += "],\n\"docs\":[\n"
        var first = true
        for document in shard.documents {
            if !first { out += ",\n" }
            first = false
            out += "[" + (anchorCode(document.anchor, text: document.text).map(String.init) ?? jsonStringLiteral(document.anchor))
            out += "," + jsonStringLiteral(document.text)
            if !document.isHeading { for topic in document.topics { out += "," + String(topic) } }
            out += "]"
        }
        out += "]}"
        return out
    }

    /// The anchor of a document as a number, when the browser can derive it from the text:
    /// `kept + 100 · skipped`, meaning: fold the text's scalars as ``SearchTokenizer`` does,
    /// skip the first `skipped` (at most 8: a heading's ordinal, `一、`), then keep Han
    /// characters, ASCII digits and letters, every run of anything else between two kept ones
    /// becoming one `-`, and stop after `kept` (at most 99) kept ones. `nil` when no such
    /// number gives `anchor` exactly (a `-2` suffix, an explicit anchor, other letters).
    /// Mirrored by `deriveAnchor` in `search-engine.js`.
    static func anchorCode(_ anchor: String, text: String) -> Int? {
        let kept = anchor.unicodeScalars.filter { $0 != "-" }.count
        guard kept > 0, kept < 100 else { return nil }
        let scalars = Array(text.unicodeScalars)
        for skipped in 0...min(8, scalars.count) where derivedAnchor(scalars, skipping: skipped, keeping: kept) == anchor {
            return kept + 100 * skipped
        }
        return nil
    }

    /// The anchor ``anchorCode(_:text:)`` describes.
    static func derivedAnchor(_ scalars: [Unicode.Scalar], skipping skipped: Int, keeping count: Int) -> String {
        var out = String.UnicodeScalarView()
        var kept = 0
        var pending = false
        for raw in scalars.dropFirst(skipped) {
            let scalar = TextFolding.fold(raw)
            if SearchTokenizer.isHan(scalar) || ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) {
                if kept == count { break }
                if pending && !out.isEmpty { out.append("-") }
                pending = false
                out.append(scalar)
                kept += 1
            } else {
                pending = true
            }
        }
        return kept == count ? String(out) : ""
    }

    /// Bytes of a report's file, from ``ReportSearchIndex/dataBytes``, without building it.
    static func reportFileBytes(_ summary: ReportSearchIndex.Summary, slug: String) -> Int {
        scriptOverheadBytes(name: reportName(slug: slug)) + summary.dataBytes
    }

    // MARK: - Global

    /// The small global files, `meta.js` and the term shards, from every report's index in
    /// site order (a report's id is its place in `reports`), and the summary of the whole
    /// index, report files included (counted from ``ReportSearchIndex/dataBytes``, not built).
    /// - Parameters:
    ///   - reports: per report, its slug, the label results show (`呼和浩特市 2022 政府工作报告`)
    ///     and its index's summary (terms and document counts, sizes).
    ///   - topics: the catalog's topics, in the order of the topic keys the indices were made with.
    ///   - cache: the group tables of the last build, and where this build's are kept; `nil`
    ///     to merge every group.
    static func siteFiles(reports: [(slug: String, label: String, summary: ReportSearchIndex.Summary)], topics: [(key: String, name: String)],
                          cache: TermMergeCache? = nil) -> (files: [OutputFile], summary: SearchIndexSummary) {
        var summary = SearchIndexSummary()
        for report in reports {
            summary.documentCount += report.summary.documentCount
            summary.textBytes += report.summary.textBytes
            let bytes = reportFileBytes(report.summary, slug: report.slug)
            summary.reportBytes += bytes
            summary.largestReportBytes = max(summary.largestReportBytes, bytes)
        }
        summary.reportFileCount = reports.count

        // Per term: the reports holding it, encoded as they are appended. The merge runs on
        // every core, one group of buckets at a time over every report in site order (each
        // report's summary holds its terms grouped so already); a group whose key (the report
        // count and each report's digest of its terms in the group) is in the cache is not
        // merged again. A shard of any smaller count (a power of two) is a union of buckets.
        let merged = Parallel.map(Array(0..<mergeGroupCount)) { group -> [TermMergeCache.Term] in
            var key = ContentHash()
            key.combine(TermMergeCache.magic)
            key.combine(group)
            key.combine(reports.count)
            for r in reports.indices { key.combine(reports[r].summary.groupDigests[group]) }
            if let cached = cache?.table(for: key.value) { return cached }
            var table: [ByteKey: (bucket: Int, entry: TermEntry)] = [:]
            for r in reports.indices {
                reports[r].summary.forEachTerm(inGroup: group) { bytes, documents, bucket in
                    table[ByteKey(String(decoding: bytes, as: UTF8.self)), default: (bucket, TermEntry())].entry.append(report: r, count: documents)
                }
            }
            // In UTF-8 order, so the cache file's bytes are deterministic.
            let terms = table.map { (term: $0.key.string, bucket: $0.value.bucket, codes: $0.value.entry.codes) }
                .sorted { $0.term.utf8.lexicographicallyPrecedes($1.term.utf8) }
            cache?.store(terms, for: key.value)
            return terms
        }
        summary.termCount = merged.reduce(0) { $0 + $1.count }

        // Term shards.
        var files: [OutputFile] = []
        let tableBytes = merged.reduce(0) { total, table in table.reduce(total) { $0 + $1.term.utf8.count + $1.codes.count + 1 } }
        let shardCount = SearchShards.termShardCount(forBytes: tableBytes)
        let byShard = Parallel.map(merged) { table -> [Int: [(term: String, codes: [UInt8])]] in
            var shards: [Int: [(term: String, codes: [UInt8])]] = [:]
            for item in table { shards[item.bucket % shardCount, default: []].append((item.term, item.codes)) }
            return shards
        }
        let shards = Parallel.map(Array(0..<shardCount)) { n in
            file("terms-\(n)", termShardData(byShard.flatMap { $0[n] ?? [] }))
        }
        for shard in shards {
            summary.termBytes += shard.data.count
            summary.largestTermShardBytes = max(summary.largestTermShardBytes, shard.data.count)
        }
        files += shards
        summary.termShardCount = shardCount

        // Meta.
        let reportList = reports.map { report in
            "{\"slug\":\(jsonStringLiteral(report.slug)),\"label\":\(jsonStringLiteral(report.label)),"
                + "\"url\":\(jsonStringLiteral(SitePage.report(slug: report.slug).outputPath)),"
                + "\"docs\":\(report.summary.documentCount),\"length\":\(report.summary.totalLength)}"
        }
        let topicList = topics.map { "{\"key\":\(jsonStringLiteral($0.key)),\"name\":\(jsonStringLiteral($0.name))}" }
        let meta = """
            {"format":\(format),
            "termShards":\(shardCount),
            "termFile":\(jsonStringLiteral(SitePage.searchData(name: "terms-{n}.js").outputPath)),
            "reportFile":\(jsonStringLiteral(SitePage.searchData(name: "r/{slug}.js").outputPath)),
            "reports":[\(reportList.joined(separator: ",\n"))],
            "topics":[\(topicList.joined(separator: ",\n"))]}
            """
        let metaFile = file("meta", meta)
        summary.metaBytes = metaFile.data.count
        files.append(metaFile)
        return (files.sorted { $0.path < $1.path }, summary)
    }

    /// Composes ``siteFiles(reports:topics:cache:)`` and every ``reportFile(_:slug:)``: all the files
    /// of the index, sorted by path, and its summary.
    init(reports: [(slug: String, label: String, shard: ReportSearchIndex)], topics: [(key: String, name: String)]) {
        let site = Self.siteFiles(reports: reports.map { (slug: $0.slug, label: $0.label, summary: ReportSearchIndex.Summary($0.shard)) }, topics: topics)
        let reportFiles = Parallel.map(reports) { Self.reportFile($0.shard, slug: $0.slug) }
        files = (site.files + reportFiles).sorted { $0.path < $1.path }
        summary = site.summary
    }

    // MARK: - Term shards

    /// How many groups of buckets the term merge runs in (one job each).
    static let mergeGroupCount = 256

    /// The merge group of a bucket (``SearchShards/maximumTermShards`` buckets in
    /// ``mergeGroupCount`` runs of equal length).
    static func mergeGroup(ofBucket bucket: Int) -> Int { bucket / (SearchShards.maximumTermShards / mergeGroupCount) }

    /// The first bucket of merge group `group`.
    static func firstBucket(ofGroup group: Int) -> Int { group * (SearchShards.maximumTermShards / mergeGroupCount) }

    /// The reports holding one term: how many documents in all (``documentFrequency``), and
    /// the list encoded (see ``termShardData(_:)``).
    struct TermEntry {
        var lastReport = -1
        var documentFrequency = 0
        var codes: [UInt8] = []

        /// Adds report `report` (after every report added before) with `count` documents.
        mutating func append(report: Int, count: Int) {
            let gap = report - lastReport - 1
            SearchIndexFiles.appendNumber(gap << 1 | (count > 1 ? 1 : 0), to: &codes)
            if count > 1 { SearchIndexFiles.appendNumber(count - 2, to: &codes) }
            lastReport = report
            documentFrequency += count
        }
    }

    /// The 64 characters numbers are written with: the first 32 end a number, the last 32
    /// are its leading digits (base 32, most significant first). 5 → `5`, 40 → `x8`
    /// (`x` = 32 + 1, then 8): `1·32 + 8`.
    static let digits = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_".utf8)

    /// Appends `value` (≥ 0) in ``digits``.
    static func appendNumber(_ value: Int, to codes: inout [UInt8]) {
        // Leading digits first: count them, then write from the last (no buffer allocated).
        var length = 1
        var rest = value >> 5
        while rest > 0 { length += 1; rest >>= 5 }
        let start = codes.count
        codes.append(contentsOf: repeatElement(0, count: length))
        codes[start + length - 1] = digits[value & 31]
        rest = value >> 5
        var position = start + length - 2
        while rest > 0 {
            codes[position] = digits[32 + (rest & 31)]
            rest >>= 5
            position -= 1
        }
    }

    /// `value` in ``digits``, as a string (for tests and documentation).
    static func number(_ value: Int) -> String {
        var codes: [UInt8] = []
        appendNumber(value, to: &codes)
        return String(decoding: codes, as: UTF8.self)
    }

    /// A term's report list as a string: per report, ascending, one number
    /// `gap · 2 + (count > 1)` (gap = reports skipped since the previous one), then
    /// `count − 2` when count > 1; count being the number of the report's documents with the
    /// term. Reports 0 (1 document) and 3 (5 documents) → `0` `5` `3` → `"053"`.
    static func encodeReports(_ reports: [(report: Int, count: Int)]) -> String {
        var entry = TermEntry()
        for item in reports { entry.append(report: item.report, count: item.count) }
        return String(decoding: entry.codes, as: UTF8.self)
    }

    /// The data of one term shard, a JSON object of two strings:
    ///
    /// - `han`: the Han terms (one character, or a pair), by first character: per first
    ///   character `|`, the character, its own report list, then per pair starting with it the
    ///   second character and the pair's report list (`|生0x1态05`). Report lists are ASCII,
    ///   so the next Han character or `|` ends one;
    /// - `words`: the other terms (`gdp`, `6.5%`), `term=list` separated by spaces.
    ///
    /// Sorted by term, so the bytes are deterministic.
    static func termShardData(_ terms: [(term: String, codes: [UInt8])]) -> String {
        // Terms compare by their UTF-8 bytes (Unicode scalar order): as deterministic as
        // `String`'s order and without its normalisation, a third of this function's time.
        func less(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
        var han: [ByteKey: [(term: String, codes: [UInt8])]] = [:]
        var words: [(term: String, codes: [UInt8])] = []
        for item in terms {
            if SearchShards.isHanTerm(item.term) { han[ByteKey(String(item.term.unicodeScalars.first!)), default: []].append(item) } else { words.append(item) }
        }
        var hanText: [UInt8] = []
        for first in han.keys.map(\.string).sorted(by: less) {
            let group = (han[ByteKey(first)] ?? []).sorted { less($0.term, $1.term) }
            hanText += Array("|".utf8) + Array(first.utf8) + (group.first { $0.term == first }?.codes ?? [])
            for item in group where item.term != first {
                hanText += Array(String(item.term.unicodeScalars.dropFirst()).utf8) + item.codes
            }
        }
        var wordText: [UInt8] = []
        for item in words.sorted(by: { less($0.term, $1.term) }) {
            if !wordText.isEmpty { wordText.append(UInt8(ascii: " ")) }
            wordText += Array(item.term.utf8) + [UInt8(ascii: "=")] + item.codes
        }
        return "{\"han\":\(jsonStringLiteral(String(decoding: hanText, as: UTF8.self))),\"words\":\(jsonStringLiteral(String(decoding: wordText, as: UTF8.self)))}"
    }

    // MARK: - Scripts

    /// ``file(_:utf8:)`` of JSON in a string.
    static func file(_ name: String, _ json: String) -> OutputFile {
        file(name, utf8: Array(json.utf8))
    }

    /// A script handing `json` (UTF-8 bytes) to `ReportSiteSearch.add(name, …)`, at
    /// `search/data/<name>.js`.
    static func file(_ name: String, utf8 json: [UInt8]) -> OutputFile {
        var data = Data("\(registerFunction)(\(jsonStringLiteral(name)), ".utf8)
        data.reserveCapacity(data.count + json.count + 3)
        data.append(contentsOf: json)
        data.append(contentsOf: Array(");\n".utf8))
        return OutputFile(path: SitePage.searchData(name: name + ".js").outputPath, data: data)
    }

    /// Bytes ``file(_:utf8:)`` adds around the data.
    static func scriptOverheadBytes(name: String) -> Int {
        registerFunction.utf8.count + jsonStringLiteral(name).utf8.count + 6
    }
}
