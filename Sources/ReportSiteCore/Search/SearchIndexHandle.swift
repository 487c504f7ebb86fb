import Foundation

extension ReportSearchIndex {
    /// What the site-wide search files need of one report's index (``SearchIndexFiles/siteFiles(reports:topics:cache:)``):
    /// each term with the number of documents holding it, and the sizes `meta.js` and the
    /// build's summary report. Small next to the index: no document text.
    ///
    /// The terms are stored as the merge reads them, grouped already: by merge group
    /// (``SearchIndexFiles/mergeGroup(ofBucket:)``), then by UTF-8 bytes within a group, their
    /// text in one byte array. About 8 bytes a term instead of a `String` and an `Int` (24), and
    /// the merge needs no copy of every report's terms split by group (a quarter of a clean
    /// build's peak memory went to that copy; heaptrack).
    struct Summary: Sendable, Equatable {
        /// The terms' UTF-8 bytes, one after another.
        private(set) var termText: [UInt8]
        /// Per term, three LEB128 varints: its length in bytes, how many of the report's documents
        /// hold it (≥ 1), and its bucket (``SearchShards/shard(of:count:)`` among
        /// ``SearchShards/maximumTermShards``) less the first bucket of its group. Three bytes a
        /// term where three arrays took ten (the summaries were the largest part of a clean
        /// build's peak memory at 1,000 reports, 134 MB; heaptrack).
        private(set) var termInfo: [UInt8]
        /// Per merge group, where its terms start: in ``termText`` and in ``termInfo``
        /// (``SearchIndexFiles/mergeGroupCount`` + 1 values each).
        private(set) var groupTextStarts: [UInt32]
        private(set) var groupInfoStarts: [UInt32]
        /// Number of distinct terms.
        private(set) var termCount: Int
        /// Per merge group, a hash of its terms (bytes, document counts, buckets): what the
        /// ``TermMergeCache`` keys a group's table by.
        private(set) var groupDigests: [UInt64]
        /// Number of documents (passages and headings).
        var documentCount: Int
        /// UTF-8 bytes of the documents' text.
        var textBytes: Int
        /// Sum of the documents' lengths in tokens (the scorer's average length).
        var totalLength: Int
        /// UTF-8 bytes of the report's data in its file (``ReportSearchIndex/dataBytes``).
        var dataBytes: Int

        /// The summary of `index`.
        init(_ index: ReportSearchIndex) {
            self.init(terms: index.postings.map { (term: $0.key, documents: $0.value.count) }, documentCount: index.documents.count,
                      textBytes: index.textBytes, totalLength: index.totalLength, dataBytes: index.dataBytes)
        }

        /// A summary of `terms` (any order; each term once).
        init(terms: [(term: String, documents: Int)], documentCount: Int, textBytes: Int, totalLength: Int, dataBytes: Int) {
            let keyed = terms.map { item -> (group: Int, bucket: Int, term: String, bytes: [UInt8], documents: Int) in
                let bucket = SearchShards.shard(of: item.term, count: SearchShards.maximumTermShards)
                return (SearchIndexFiles.mergeGroup(ofBucket: bucket), bucket, item.term, Array(item.term.utf8), item.documents)
            }.sorted { $0.group != $1.group ? $0.group < $1.group : $0.bytes.lexicographicallyPrecedes($1.bytes) }
            // Every array sized exactly: summaries stay for the whole build.
            var text: [UInt8] = []
            text.reserveCapacity(keyed.reduce(0) { $0 + $1.bytes.count })
            var info = BinaryWriter(capacity: keyed.count * 3 + 8)
            var textStarts: [UInt32] = [], infoStarts: [UInt32] = []
            textStarts.reserveCapacity(SearchIndexFiles.mergeGroupCount + 1)
            infoStarts.reserveCapacity(SearchIndexFiles.mergeGroupCount + 1)
            var digests: [UInt64] = []
            digests.reserveCapacity(SearchIndexFiles.mergeGroupCount)
            var next = 0
            for group in 0..<SearchIndexFiles.mergeGroupCount {
                textStarts.append(UInt32(text.count))
                infoStarts.append(UInt32(info.bytes.count))
                var hash = ContentHash()
                while next < keyed.count, keyed[next].group == group {
                    let item = keyed[next]
                    text += item.bytes
                    info.write(UInt64(item.bytes.count))
                    info.write(UInt64(item.documents))
                    info.write(UInt64(item.bucket - SearchIndexFiles.firstBucket(ofGroup: group)))
                    hash.combine(item.term)
                    hash.combine(item.documents)
                    hash.combine(item.bucket)
                    next += 1
                }
                digests.append(hash.value)
            }
            textStarts.append(UInt32(text.count))
            infoStarts.append(UInt32(info.bytes.count))
            termText = text
            termInfo = Array(info.bytes)
            groupTextStarts = textStarts
            groupInfoStarts = infoStarts
            termCount = keyed.count
            groupDigests = digests
            self.documentCount = documentCount
            self.textBytes = textBytes
            self.totalLength = totalLength
            self.dataBytes = dataBytes
        }

        /// Calls `body` with each term of merge group `group` in UTF-8 order: its bytes, its
        /// document count and its bucket. (Buffers taken once per group: the term merge calls
        /// this for every report and group.)
        func forEachTerm(inGroup group: Int, _ body: (UnsafeBufferPointer<UInt8>, Int, Int) -> Void) {
            let infoEnd = Int(groupInfoStarts[group + 1])
            var position = Int(groupInfoStarts[group])
            guard position < infoEnd else { return }
            var start = Int(groupTextStarts[group])
            let firstBucket = SearchIndexFiles.firstBucket(ofGroup: group)
            termText.withUnsafeBufferPointer { text in
                termInfo.withUnsafeBufferPointer { info in
                    func varint() -> Int {
                        var value = 0, shift = 0
                        while true {
                            let byte = info[position]
                            position += 1
                            value |= Int(byte & 0x7F) << shift
                            if byte < 0x80 { return value }
                            shift += 7
                        }
                    }
                    while position < infoEnd {
                        let length = varint(), documents = varint(), bucket = firstBucket + varint()
                        body(UnsafeBufferPointer(rebasing: text[start..<(start + length)]), documents, bucket)
                        start += length
                    }
                }
            }
        }

        /// Every term with its document count, in merge order (for tests).
        var terms: [(term: String, documents: Int)] {
            var out: [(term: String, documents: Int)] = []
            for group in 0..<SearchIndexFiles.mergeGroupCount {
                forEachTerm(inGroup: group) { bytes, documents, _ in out.append((String(decoding: bytes, as: UTF8.self), documents)) }
            }
            return out
        }

        /// True when the group starts and the term info agree with each other and the text (a
        /// decoded summary is checked once, so the merge can read it without bounds checks of
        /// its own beyond the arrays').
        fileprivate var isConsistent: Bool {
            guard groupTextStarts.count == SearchIndexFiles.mergeGroupCount + 1, groupInfoStarts.count == groupTextStarts.count,
                  groupDigests.count == SearchIndexFiles.mergeGroupCount,
                  groupTextStarts.last == UInt32(termText.count), groupInfoStarts.last == UInt32(termInfo.count),
                  groupTextStarts.first == 0, groupInfoStarts.first == 0 else { return false }
            // The varints walked in place (a reader over a copy of the info doubled the bytes
            // each cached summary's decoding touched).
            var position = 0
            func varint() -> Int? {
                var value = 0, shift = 0
                while position < termInfo.count, shift < 63 {
                    let byte = termInfo[position]
                    position += 1
                    value |= Int(byte & 0x7F) << shift
                    if byte < 0x80 { return value }
                    shift += 7
                }
                return nil
            }
            var terms = 0
            for group in 0..<SearchIndexFiles.mergeGroupCount {
                guard groupTextStarts[group] <= groupTextStarts[group + 1], groupInfoStarts[group] <= groupInfoStarts[group + 1] else { return false }
                var length = 0
                while position < Int(groupInfoStarts[group + 1]) {
                    guard let l = varint(), let d = varint(), let b = varint(),
                          d >= 1, b < SearchShards.maximumTermShards / SearchIndexFiles.mergeGroupCount else { return false }
                    length += l
                    terms += 1
                }
                guard position == Int(groupInfoStarts[group + 1]), length == Int(groupTextStarts[group + 1] - groupTextStarts[group]) else { return false }
            }
            return terms == termCount
        }
    }
}

/// A report's search index as a build holds it: its ``ReportSearchIndex/Summary`` (what the
/// global files merge), and the data of the report's own file (``SearchIndexFiles/reportData(_:)``),
/// made at once so that neither the documents nor the postings are kept.
///
/// The build cache stores both, the data as rarely read bytes (``SpillableBytes``): a build
/// that decodes the entry reads the summary, and leaves the data in the entry's file until the
/// report's search file must be written again, which its render key makes rare (the report is
/// unchanged). (Decoding the whole index from every entry was 40 % of the bytes each build after
/// one edit read and copied; perf, 1,000 reports.) A cache that keeps its entries in memory
/// (`watch`, `serve`) skips the data; the file is then made again from the report. Immutable,
/// so thread-safe.
final class SearchIndexHandle: Sendable {
    let summary: ReportSearchIndex.Summary
    /// The JSON data of the report's file (UTF-8): bytes of exactly its size, where the `String`
    /// it was built in had a third more room (heaptrack); `nil` when not kept.
    private let data: SpillableBytes?

    /// A handle on the index of `report` (``ReportSearchIndex/make(_:topicKeys:)``), its file's
    /// data made once.
    convenience init(indexing report: Report, topicKeys: [String]) {
        let made = ReportSearchIndex.makeWithData(report, topicKeys: topicKeys)
        self.init(summary: ReportSearchIndex.Summary(made.index), data: SpillableBytes(made.data))
    }

    /// A handle on a summary, and the data of the report's file if kept.
    init(summary: ReportSearchIndex.Summary, data: SpillableBytes? = nil) {
        self.summary = summary
        self.data = data
    }

    /// The report's file, `search/data/r/<slug>.js`: from the data kept, else (none kept, or
    /// its cache file no longer readable) from the data `rebuild` makes again (the report's
    /// ``ReportSearchIndex/makeWithData(_:topicKeys:)``).
    func reportFile(slug: String, rebuild: () -> [UInt8]) -> OutputFile {
        let kept = data?.read() ?? []
        return SearchIndexFiles.file(SearchIndexFiles.reportName(slug: slug), utf8: kept.isEmpty ? rebuild() : kept)
    }
}

// MARK: - Cache coding

extension SearchIndexHandle: BinaryCodable {
    /// The summary, then the file's data (see the type's documentation).
    func encode(to writer: inout BinaryWriter) {
        writer.write(summary)
        writer.write(spillable: data)
    }

    convenience init(from reader: inout BinaryReader) throws {
        let summary: ReportSearchIndex.Summary = try reader.read()
        if reader.spillPath == nil {
            try reader.skipBytes()
            self.init(summary: summary)
        } else {
            self.init(summary: summary, data: try reader.readSpillable())
        }
    }
}

extension ReportSearchIndex.Summary: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(bytes: termText)
        writer.write(bytes: termInfo)
        writer.write(UInt64(termCount))
        for start in groupTextStarts { writer.write(UInt64(start)) }
        for start in groupInfoStarts { writer.write(UInt64(start)) }
        for digest in groupDigests { writer.write(digest) }
        writer.write(documentCount)
        writer.write(textBytes)
        writer.write(totalLength)
        writer.write(dataBytes)
    }

    init(from reader: inout BinaryReader) throws {
        termText = try reader.readBytes()
        termInfo = try reader.readBytes()
        // Not `readCount()`: the terms are in the bytes already read (isConsistent checks it).
        let count = try reader.readUInt64()
        guard count <= UInt64(termInfo.count) else { throw BinaryReader.Malformed() }
        termCount = Int(count)
        func starts() throws -> [UInt32] {
            try (0...SearchIndexFiles.mergeGroupCount).map { _ in
                let value = try reader.readUInt64()
                guard value <= UInt64(UInt32.max) else { throw BinaryReader.Malformed() }
                return UInt32(value)
            }
        }
        groupTextStarts = try starts()
        groupInfoStarts = try starts()
        groupDigests = try (0..<SearchIndexFiles.mergeGroupCount).map { _ in try reader.readUInt64() }
        documentCount = try reader.readInt()
        textBytes = try reader.readInt()
        totalLength = try reader.readInt()
        dataBytes = try reader.readInt()
        guard isConsistent else { throw BinaryReader.Malformed() }
    }
}
