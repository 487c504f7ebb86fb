import Foundation

extension ReportSearchIndex {
    /// What the site-wide search files need of one report's index (``SearchIndexFiles/siteFiles(reports:topics:)``):
    /// each term with the number of documents holding it, and the sizes `meta.js` and the
    /// build's summary report. Small next to the index: no document text.
    struct Summary: Sendable, Equatable {
        /// Every term of the report with how many of its documents hold it, sorted by the
        /// term's UTF-8 bytes.
        var terms: [(term: String, documents: Int)]
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
            terms = index.postings.map { (term: $0.key, documents: $0.value.count) }
                .sorted { $0.term.utf8.lexicographicallyPrecedes($1.term.utf8) }
            documentCount = index.documents.count
            textBytes = index.textBytes
            totalLength = index.totalLength
            dataBytes = index.dataBytes
        }

        init(terms: [(term: String, documents: Int)], documentCount: Int, textBytes: Int, totalLength: Int, dataBytes: Int) {
            self.terms = terms
            self.documentCount = documentCount
            self.textBytes = textBytes
            self.totalLength = totalLength
            self.dataBytes = dataBytes
        }

        static func == (lhs: Summary, rhs: Summary) -> Bool {
            lhs.documentCount == rhs.documentCount && lhs.textBytes == rhs.textBytes && lhs.totalLength == rhs.totalLength
                && lhs.dataBytes == rhs.dataBytes && lhs.terms.elementsEqual(rhs.terms) { $0.term == $1.term && $0.documents == $1.documents }
        }
    }
}

/// A report's search index as a build holds it: its ``ReportSearchIndex/Summary`` (what the
/// global files merge) decoded, the whole index (what the report's own file is written from)
/// encoded, and decoded only by the job that writes that file. A build after one edit so decodes
/// the documents of the one report whose file it writes, not of every report (decoding them all
/// was a fifth of such a build at 1,000 reports; perf), and a clean build does not hold every
/// report's documents and postings decoded until the end. Immutable, so thread-safe.
final class SearchIndexHandle: Sendable {
    let summary: ReportSearchIndex.Summary
    /// The index as ``ReportSearchIndex/encode(to:)`` writes it (also what the cache stores).
    private let encoded: [UInt8]

    /// A handle on an index made by this build.
    convenience init(_ index: ReportSearchIndex) {
        var writer = BinaryWriter()
        index.encode(to: &writer)
        self.init(summary: ReportSearchIndex.Summary(index), encoded: writer.bytes)
    }

    /// A handle on an index read from the cache: its summary, and its encoding.
    init(summary: ReportSearchIndex.Summary, encoded: [UInt8]) {
        self.summary = summary
        self.encoded = encoded
    }

    /// The whole index, decoded (each call decodes again: one job asks, once); when the bytes
    /// turn out damaged, made again by `rebuild` (the report's ``ReportSearchIndex/make(_:topicKeys:)``).
    func index(rebuild: () -> ReportSearchIndex) -> ReportSearchIndex {
        var reader = BinaryReader(Data(encoded))
        guard let index = try? reader.read(ReportSearchIndex.self), reader.isAtEnd else { return rebuild() }
        return index
    }
}

// MARK: - Cache coding

extension SearchIndexHandle: BinaryCodable {
    /// The summary, then the whole index as a byte string (so a reader can skip it).
    func encode(to writer: inout BinaryWriter) {
        writer.write(summary)
        writer.write(bytes: encoded)
    }

    convenience init(from reader: inout BinaryReader) throws {
        let summary: ReportSearchIndex.Summary = try reader.read()
        self.init(summary: summary, encoded: try reader.readBytes())
    }
}

extension ReportSearchIndex.Summary: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(UInt64(terms.count))
        for item in terms {
            writer.write(item.term)
            writer.write(item.documents)
        }
        writer.write(documentCount)
        writer.write(textBytes)
        writer.write(totalLength)
        writer.write(dataBytes)
    }

    init(from reader: inout BinaryReader) throws {
        let count = try reader.readCount()
        var terms: [(term: String, documents: Int)] = []
        terms.reserveCapacity(count)
        for _ in 0..<count { terms.append((try reader.readString(), try reader.readInt())) }
        self.init(terms: terms, documentCount: try reader.readInt(), textBytes: try reader.readInt(),
                  totalLength: try reader.readInt(), dataBytes: try reader.readInt())
    }
}
