/// The full-text index of one report, computed from that report alone: its passages and its
/// part and section headings as documents with report-local ids, tokenized with
/// ``SearchTokenizer`` (index mode), and which documents hold each term.
///
/// Made in the render stage (``make(_:topicKeys:)``), cacheable with the report
/// (``BinaryCodable``). ``SearchIndexFiles/reportFile(_:slug:)`` turns it into the report's file
/// `search/data/r/<slug>.js`; ``SearchIndexFiles/siteFiles(reports:topics:cache:)`` merges the
/// term lists of every report into the small global files. Nothing in it depends on another
/// report or on the report's place in the site.
struct ReportSearchIndex: Sendable, Equatable {
    /// Where a group of documents stands in the report.
    enum GroupKind: Int, Sendable {
        /// The passages before the first part (no heading).
        case opening = 0
        /// A part: its heading, then the passages before its first section.
        case partOpening = 1
        /// A section: its heading, then its passages.
        case section = 2
    }

    /// A run of consecutive documents: the report's opening, a part's opening, or a section.
    struct Group: Sendable, Equatable {
        var kind: GroupKind
        /// The heading path as results show it: `开篇`, the part's heading, or
        /// `part heading › section heading`.
        var label: String
        /// The anchor of the group's heading on the report page; `""` for the opening.
        var anchor: String
        /// The group's first document (its heading, unless ``kind`` is ``GroupKind/opening``)
        /// and how many documents it holds.
        var firstDocument: Int
        var documentCount: Int
    }

    /// One searchable unit: a passage, or a part or section heading.
    struct Document: Sendable, Equatable {
        /// Index into ``ReportSearchIndex/groups``.
        var group: Int
        /// The anchor of the passage or heading on its report page.
        var anchor: String
        /// The text that was indexed (a passage's plain text, or the heading as written).
        var text: String
        var isHeading: Bool
        /// Indices into the topic keys given to ``make(_:topicKeys:)``, ascending: the
        /// passage's topics; for a heading, those of every passage under it.
        var topics: [Int]
        /// Number of positions of the text (``SearchToken/position`` of the last token + 1).
        var length: Int
    }

    /// Documents in report order: the opening passages, then per part its heading and opening
    /// passages, and per section its heading and passages. Ids are indices into this array.
    var documents: [Document]
    /// The groups, in report order; each document's ``Document/group`` indexes it.
    var groups: [Group]
    /// Per term, the ids of the documents that contain it, ascending (no positions: the
    /// browser finds them again by tokenizing the documents' text).
    var postings: [String: [Int]]
    /// UTF-8 bytes of the data the report's file hands over (the JSON object of
    /// ``SearchIndexFiles/reportData(_:)``), so that the summary can count the file without
    /// building it.
    var dataBytes: Int

    /// UTF-8 bytes of the indexed text of every document.
    var textBytes: Int { documents.reduce(0) { $0 + $1.text.utf8.count } }
    /// Sum of the documents' lengths, in positions.
    var totalLength: Int { documents.reduce(0) { $0 + $1.length } }

    /// Indexes `report`. `topicKeys` are the catalog's topic keys in catalog order; a
    /// document's ``Document/topics`` index them. The result is a pure function of the two.
    static func make(_ report: Report, topicKeys: [String]) -> ReportSearchIndex {
        makeWithData(report, topicKeys: topicKeys).index
    }

    /// ``make(_:topicKeys:)``, and the UTF-8 bytes of the data of the report's file
    /// (``SearchIndexFiles/reportData(_:)``), which the index's ``dataBytes`` counts: made once.
    static func makeWithData(_ report: Report, topicKeys: [String]) -> (index: ReportSearchIndex, data: [UInt8]) {
        func topicIndices(_ passages: [Passage]) -> [Int] {
            topicKeys.indices.filter { k in passages.contains { $0.topics.contains(topicKeys[k]) } }
        }
        var documents: [Document] = []
        var groups: [Group] = []
        func startGroup(_ kind: GroupKind, label: String, anchor: String) {
            groups.append(Group(kind: kind, label: label, anchor: anchor, firstDocument: documents.count, documentCount: 0))
        }
        func add(_ text: String, anchor: String, heading: Bool, topics: [Int]) {
            documents.append(Document(group: groups.count - 1, anchor: anchor, text: text, isHeading: heading, topics: topics, length: 0))
            groups[groups.count - 1].documentCount += 1
        }
        func addPassages(_ passages: [Passage]) {
            for passage in passages { add(passage.text, anchor: passage.anchor, heading: false, topics: topicIndices([passage])) }
        }
        if !report.intro.isEmpty {
            startGroup(.opening, label: "开篇", anchor: "")
            addPassages(report.intro)
        }
        for part in report.parts {
            startGroup(.partOpening, label: part.heading.text, anchor: part.heading.anchor)
            add(part.heading.text, anchor: part.heading.anchor, heading: true, topics: topicIndices(part.intro + part.sections.flatMap(\.passages)))
            addPassages(part.intro)
            for section in part.sections {
                startGroup(.section, label: part.heading.text + " › " + section.heading.text, anchor: section.heading.anchor)
                add(section.heading.text, anchor: section.heading.anchor, heading: true, topics: topicIndices(section.passages))
                addPassages(section.passages)
            }
        }
        var postings: [String: [Int]] = [:]
        /// Documents are indexed in order, so a term already seen in document `d` ends its list
        /// with `d`: one dictionary access per token (a set of the document's terms cost a
        /// second hash of every token, 5 % of a clean build's CPU).
        func note(_ d: Int, in list: inout [Int]) {
            if list.last != d { list.append(d) }
        }
        for d in documents.indices {
            let tokens = SearchTokenizer.tokenize(documents[d].text, mode: .index)
            documents[d].length = (tokens.last?.position ?? -1) + 1
            for token in tokens { note(d, in: &postings[token.term, default: []]) }
        }
        var index = ReportSearchIndex(documents: documents, groups: groups, postings: postings, dataBytes: 0)
        let data = Array(SearchIndexFiles.reportData(index).utf8)
        index.dataBytes = data.count
        return (index, data)
    }
}

// MARK: - Cache coding

extension ReportSearchIndex: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(UInt64(groups.count))
        for group in groups {
            writer.write(group.kind.rawValue)
            writer.write(group.label)
            writer.write(group.anchor)
            writer.write(group.firstDocument)
            writer.write(group.documentCount)
        }
        writer.write(UInt64(documents.count))
        for document in documents {
            writer.write(document.group)
            writer.write(document.anchor)
            writer.write(document.text)
            writer.write(document.isHeading)
            writer.write(UInt64(document.topics.count))
            for topic in document.topics { writer.write(topic) }
            writer.write(document.length)
        }
        // Terms sorted, so the bytes are deterministic; documents as differences.
        let terms = postings.keys.sorted()
        writer.write(UInt64(terms.count))
        for term in terms {
            let list = postings[term] ?? []
            writer.write(term)
            writer.write(UInt64(list.count))
            var previous = 0
            for d in list {
                writer.write(UInt64(d - previous))
                previous = d
            }
        }
        writer.write(dataBytes)
    }

    init(from reader: inout BinaryReader) throws {
        var groups: [Group] = []
        for _ in 0..<(try reader.readCount()) {
            guard let kind = GroupKind(rawValue: try reader.readInt()) else { throw BinaryReader.Malformed() }
            groups.append(Group(kind: kind, label: try reader.readString(), anchor: try reader.readString(),
                                firstDocument: try reader.readInt(), documentCount: try reader.readInt()))
        }
        var documents: [Document] = []
        for _ in 0..<(try reader.readCount()) {
            let group = try reader.readInt()
            let anchor = try reader.readString()
            let text = try reader.readString()
            let isHeading = try reader.readBool()
            let topics = try (0..<(try reader.readCount())).map { _ in try reader.readInt() }
            documents.append(Document(group: group, anchor: anchor, text: text, isHeading: isHeading, topics: topics, length: try reader.readInt()))
        }
        var postings: [String: [Int]] = [:]
        let termCount = try reader.readCount()
        postings.reserveCapacity(termCount)
        for _ in 0..<termCount {
            let term = try reader.readString()
            var previous = 0
            postings[term] = try (0..<(try reader.readCount())).map { _ in
                previous += Int(try reader.readUInt64())
                return previous
            }
        }
        self.init(documents: documents, groups: groups, postings: postings, dataBytes: try reader.readInt())
    }
}
