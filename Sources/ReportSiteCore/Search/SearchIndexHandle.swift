import Foundation

extension ReportSearchIndex {
    /// What the site-wide search files need of one report's index (``SearchIndexFiles/siteFiles(reports:topics:cache:)``):
    /// each term with the number of documents holding it, and the sizes `meta.js` and the
    /// build's summary report. Small next to the index: no document text.
    ///
    /// The terms are stored as the merge reads them, grouped already: by merge group
    /// (``SearchIndexFiles/mergeGroup(ofBucket:)``), then by UTF-8 bytes within a group, their
    /// text in one byte array. About 6 bytes a term instead of a `String` and an `Int` (24), and
    /// the merge needs no copy of every report's terms split by group (a quarter of a clean
    /// build's peak memory went to that copy; heaptrack).
    struct Summary: Sendable, Equatable {
        /// The terms' UTF-8 bytes, one after another.
        private(set) var termText: [UInt8]
        /// Where each term ends in ``termText`` (its start is the previous one's end).
        private(set) var termEnds: [UInt32]
        /// How many of the report's documents hold each term (≥ 1).
        private(set) var termDocuments: [UInt32]
        /// Each term's bucket (``SearchShards/shard(of:count:)`` among ``SearchShards/maximumTermShards``).
        private(set) var termBuckets: [UInt16]
        /// Where each merge group's terms start; ``SearchIndexFiles/mergeGroupCount`` + 1 values.
        private(set) var groupStarts: [UInt32]
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
            termText = []
            termEnds = []
            termDocuments = []
            termBuckets = []
            groupStarts = []
            termText.reserveCapacity(keyed.reduce(0) { $0 + $1.bytes.count })
            termEnds.reserveCapacity(keyed.count)
            termDocuments.reserveCapacity(keyed.count)
            termBuckets.reserveCapacity(keyed.count)
            groupStarts.reserveCapacity(SearchIndexFiles.mergeGroupCount + 1)
            for item in keyed {
                while groupStarts.count <= item.group { groupStarts.append(UInt32(termEnds.count)) }
                termText += item.bytes
                termEnds.append(UInt32(termText.count))
                termDocuments.append(UInt32(item.documents))
                termBuckets.append(UInt16(item.bucket))
            }
            while groupStarts.count <= SearchIndexFiles.mergeGroupCount { groupStarts.append(UInt32(termEnds.count)) }
            groupDigests = []
            groupDigests.reserveCapacity(SearchIndexFiles.mergeGroupCount)
            for group in 0..<SearchIndexFiles.mergeGroupCount {
                var hash = ContentHash()
                for item in keyed[Int(groupStarts[group])..<Int(groupStarts[group + 1])] {
                    hash.combine(item.term)
                    hash.combine(item.documents)
                    hash.combine(item.bucket)
                }
                groupDigests.append(hash.value)
            }
            self.documentCount = documentCount
            self.textBytes = textBytes
            self.totalLength = totalLength
            self.dataBytes = dataBytes
        }

        /// Number of distinct terms.
        var termCount: Int { termEnds.count }

        /// The indices of the terms of merge group `group`, in UTF-8 order.
        func terms(inGroup group: Int) -> Range<Int> { Int(groupStarts[group])..<Int(groupStarts[group + 1]) }

        /// Term `i`.
        func term(_ i: Int) -> String {
            let start = i == 0 ? 0 : Int(termEnds[i - 1])
            return termText.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<Int(termEnds[i])]), as: UTF8.self) }
        }

        /// Calls `body` with each term of merge group `group` in UTF-8 order: its bytes, its
        /// document count and its bucket. (Buffers taken once per group: the term merge calls
        /// this for every report and group, and element access retained the arrays each time.)
        func forEachTerm(inGroup group: Int, _ body: (UnsafeBufferPointer<UInt8>, Int, Int) -> Void) {
            let range = terms(inGroup: group)
            guard !range.isEmpty else { return }
            termText.withUnsafeBufferPointer { text in
                termEnds.withUnsafeBufferPointer { ends in
                    termDocuments.withUnsafeBufferPointer { documents in
                        termBuckets.withUnsafeBufferPointer { buckets in
                            var start = range.lowerBound == 0 ? 0 : Int(ends[range.lowerBound - 1])
                            for i in range {
                                let end = Int(ends[i])
                                body(UnsafeBufferPointer(rebasing: text[start..<end]), Int(documents[i]), Int(buckets[i]))
                                start = end
                            }
                        }
                    }
                }
            }
        }

        /// Every term with its document count, in merge order (for tests).
        var terms: [(term: String, documents: Int)] { (0..<termCount).map { (term($0), Int(termDocuments[$0])) } }
    }
}

/// A report's search index as a build holds it: its ``ReportSearchIndex/Summary`` (what the
/// global files merge), and, for an index made by this build, the data of the report's own
/// file (``SearchIndexFiles/reportData(_:)``), made at once so that neither the documents nor
/// the postings are kept. The build cache stores the summary alone: a report read from the
/// cache has its file made again from the report (``reportFile(slug:rebuild:)``) only when that
/// file must be written again, which its render key makes rare (the report is unchanged). The
/// whole index in every cache entry was 40 % of the entry's bytes, read and copied for every
/// report by each build after one edit (perf, 1,000 reports). Immutable, so thread-safe.
final class SearchIndexHandle: Sendable {
    let summary: ReportSearchIndex.Summary
    /// The JSON data of the report's file, when the index was made by this build.
    private let data: String?

    /// A handle on an index made by this build.
    convenience init(_ index: ReportSearchIndex) {
        self.init(summary: ReportSearchIndex.Summary(index), data: SearchIndexFiles.reportData(index))
    }

    /// A handle on a summary (read from the cache: `data` is `nil`).
    init(summary: ReportSearchIndex.Summary, data: String? = nil) {
        self.summary = summary
        self.data = data
    }

    /// The report's file, `search/data/r/<slug>.js`: from the data made by this build, else
    /// from the index `rebuild` makes (the report's ``ReportSearchIndex/make(_:topicKeys:)``).
    func reportFile(slug: String, rebuild: () -> ReportSearchIndex) -> OutputFile {
        if let data { return SearchIndexFiles.file(SearchIndexFiles.reportName(slug: slug), data) }
        return SearchIndexFiles.reportFile(rebuild(), slug: slug)
    }
}

// MARK: - Cache coding

extension SearchIndexHandle: BinaryCodable {
    /// The summary alone (see the type's documentation).
    func encode(to writer: inout BinaryWriter) {
        writer.write(summary)
    }

    convenience init(from reader: inout BinaryReader) throws {
        self.init(summary: try reader.read())
    }
}

extension ReportSearchIndex.Summary: BinaryCodable {
    /// The term text as a byte string, then per term its length, document count and bucket, the
    /// group starts, then the sizes.
    func encode(to writer: inout BinaryWriter) {
        writer.write(bytes: termText)
        writer.write(UInt64(termCount))
        var start: UInt32 = 0
        for i in 0..<termCount {
            writer.write(UInt64(termEnds[i] - start))
            writer.write(UInt64(termDocuments[i]))
            writer.write(UInt64(termBuckets[i]))
            start = termEnds[i]
        }
        for start in groupStarts { writer.write(UInt64(start)) }
        for digest in groupDigests { writer.write(digest) }
        writer.write(documentCount)
        writer.write(textBytes)
        writer.write(totalLength)
        writer.write(dataBytes)
    }

    init(from reader: inout BinaryReader) throws {
        termText = try reader.readBytes()
        let count = try reader.readCount()
        termEnds = []
        termDocuments = []
        termBuckets = []
        termEnds.reserveCapacity(count)
        termDocuments.reserveCapacity(count)
        termBuckets.reserveCapacity(count)
        var end: UInt64 = 0
        for _ in 0..<count {
            end += try reader.readUInt64()
            let documents = try reader.readUInt64(), bucket = try reader.readUInt64()
            guard end <= UInt64(termText.count), documents <= UInt64(UInt32.max), bucket < UInt64(SearchShards.maximumTermShards) else { throw BinaryReader.Malformed() }
            termEnds.append(UInt32(end))
            termDocuments.append(UInt32(documents))
            termBuckets.append(UInt16(bucket))
        }
        groupStarts = []
        for _ in 0...SearchIndexFiles.mergeGroupCount {
            let start = try reader.readUInt64()
            guard start <= UInt64(count), start >= UInt64(groupStarts.last ?? 0) else { throw BinaryReader.Malformed() }
            groupStarts.append(UInt32(start))
        }
        guard groupStarts.last == UInt32(count) else { throw BinaryReader.Malformed() }
        groupDigests = []
        for _ in 0..<SearchIndexFiles.mergeGroupCount { groupDigests.append(try reader.readUInt64()) }
        documentCount = try reader.readInt()
        textBytes = try reader.readInt()
        totalLength = try reader.readInt()
        dataBytes = try reader.readInt()
    }
}
