import Foundation

/// Recognises the header of a report (`shared/docs/domain.md` 1.2): the lines before the
/// salutation `各位代表：`, and from them the front-matter fields.
///
/// | line | example | fields |
/// | --- | --- | --- |
/// | title | `政府工作报告`, `2025年安徽省政府工作报告` | `title` (as published) |
/// | republication | `来源：北京日报`, `来源 : 南方日报` | `source` (without the label); run on into the dateline (`来源：…人民政府2025年1月17日在…会议上省长…作政府工作报告。`) it is split there (``splittingMergedSource(_:header:)``) |
/// | dateline | `—2022年2月10日在呼和浩特市第十六届人民代表大会第一次会议上` | `date`, `year`, `meeting`, `place`, `level`; `dateline` when the site's composed one would differ |
/// | speaker | `呼和浩特市人民政府市长 贺海东`, `国务院总理　李克强` | `speaker_title`, `speaker` |
///
/// The speaker may also stand in the dateline (`…会议上省长许昆林作政府工作报告。`,
/// `——2025年1月14日自治区人民政府主席王莉霞在…`, `----2025年1月15日龚正市长在…`).
/// Lines before the salutation that fit no role stay in the body.
enum HeaderRecognizer {
    /// Office titles that end a speaker's title (`代省长` included through the prefix).
    static let offices = ["总理", "省长", "市长", "主席", "州长", "县长", "区长", "盟长", "旗长"]
    /// Municipalities directly under the central government: province level.
    static let municipalities = ["北京市", "天津市", "上海市", "重庆市"]

    /// Finds the header in the first paragraphs of `paragraphs`.
    /// - Returns: the header, and the paragraphs of the body (everything else, in order).
    static func recognize(_ paragraphs: [SourceParagraph]) -> (header: ImportedHeader, body: [SourceParagraph]) {
        var header = ImportedHeader()
        let limit = min(paragraphs.count, 10)
        guard let salutation = paragraphs[..<limit].firstIndex(where: { isSalutation($0.text) }) else {
            // No salutation: only a first line that names the report is taken as its title.
            if let first = paragraphs.first, first.tableRows == nil, first.text.count <= 40, first.text.hasSuffix("报告") {
                header.title = first.text
                header.lines = [(.title, first)]
                header.sourceParagraphs = [first]
                return (header, Array(paragraphs.dropFirst()))
            }
            return (header, paragraphs)
        }
        var body: [SourceParagraph] = []
        for whole in paragraphs[..<salutation] {
            // A Word table is never a header line: it stays a table of the body.
            if whole.tableRows != nil {
                body.append(whole)
                continue
            }
            for paragraph in splittingMergedSource(whole, header: header) {
                if let role = read(paragraph.text, into: &header) {
                    header.lines.append((role, paragraph))
                    if header.sourceParagraphs.last != whole { header.sourceParagraphs.append(whole) }
                } else {
                    body.append(paragraph)
                }
            }
        }
        if header.place == nil, let title = header.title, let place = placeFromTitle(title) {
            header.place = place
            header.level = level(place: place, meeting: header.meeting)
        }
        if header.year == nil, let title = header.title, let year = firstMatch(#"(\d{4})年"#, in: title).flatMap({ Int($0[1]) }) {
            header.year = year
        }
        return (header, body + paragraphs[salutation...])
    }

    /// True for the salutation `各位代表：` (also with `:`, `！`, `!` or `，`).
    static func isSalutation(_ text: String) -> Bool {
        text.range(of: #"^各位代表[：:！!，,]?$"#, options: .regularExpression) != nil
    }

    /// The dateline the site composes from the fields: `——2022年2月10日在{meeting}上`.
    static func composedDateline(date: String, meeting: String) -> String {
        ReportMetadata(title: "", place: "", level: .city, year: 0, date: date, speaker: "", meeting: meeting).dateline
    }

    /// A republication line that runs on into the dateline, as two lines of the same input line:
    /// `来源：江西省人民政府2025年1月17日在江西省第十四届人民代表大会第三次会议上省长叶建春作政府工作报告。`
    /// is the source `来源：江西省人民政府` and the dateline `2025年1月17日在…作政府工作报告。` (a dash
    /// before the date goes with the dateline). Any other paragraph, and a merged line while
    /// `header` already has a source or a date, is returned alone.
    static func splittingMergedSource(_ paragraph: SourceParagraph, header: ImportedHeader) -> [SourceParagraph] {
        guard header.source == nil, header.date == nil,
              let match = firstMatch(#"^(来源\s*[：:]\s*\S.*?)([—\-－]*\d{4}年\d{1,2}月\d{1,2}日.*)$"#, in: paragraph.text),
              match[2].contains("会议") || match[2].contains("人民代表大会")
        else { return [paragraph] }
        var source = paragraph, dateline = paragraph
        source.text = match[1].trimmingWhitespace()
        dateline.text = match[2]
        source.boldPrefix = nil
        dateline.boldPrefix = nil
        return [source, dateline]
    }

    // MARK: - Private

    /// Reads one header line into `header`; returns its role, or `nil` if it has none.
    private static func read(_ text: String, into header: inout ImportedHeader) -> ImportedHeader.Role? {
        if header.source == nil, let match = firstMatch(#"^来源\s*[：:]\s*(.+)$"#, in: text) {
            header.source = match[1]
            return .source
        }
        if header.date == nil, let match = firstMatch(#"(\d{4})年(\d{1,2})月(\d{1,2})日"#, in: text),
           let year = Int(match[1]), let month = Int(match[2]), let day = Int(match[3]),
           text.contains("会议") || text.contains("人民代表大会") {
            header.date = String(format: "%04d-%02d-%02d", year, month, day)
            header.year = year
            readDateline(text, into: &header)
            return .dateline
        }
        if header.speaker == nil, text.count <= 30, let (title, name) = speaker(in: text) {
            header.speakerTitle = title
            header.speaker = name
            return .speaker
        }
        if header.title == nil, text.count <= 40, text.contains("报告") || header.lines.isEmpty, !WebPageChrome.isChrome(text) {
            header.title = text
            return .title
        }
        return nil
    }

    /// The meeting, place, level and speaker a dateline names, and the verbatim dateline when
    /// the composed one would differ.
    private static func readDateline(_ text: String, into header: inout ImportedHeader) {
        let numeral = "[一二三四五六七八九十]+"
        if let match = firstMatch("在(.*?第\(numeral)届.*?人民代表大会第\(numeral)次(?:全体)?会议)", in: text) {
            header.meeting = match[1]
            let place = firstMatch("^(.*?)第\(numeral)届", in: match[1]).map { $0[1] } ?? ""
            header.place = place.isEmpty ? (match[1].contains("全国人民代表大会") ? "中国" : nil) : place
            if let place = header.place { header.level = level(place: place, meeting: match[1]) }
        }
        // The speaker: after the meeting (`…会议上省长许昆林作…`) or between the date and `在`.
        let afterDate = text.replacingOccurrences(of: #"^[—\-－\s]*\d{4}年\d{1,2}月\d{1,2}日"#, with: "", options: .regularExpression)
        var candidates: [String] = []
        if let before = afterDate.range(of: "在").map({ String(afterDate[..<$0.lowerBound]) }), !before.isEmpty {
            candidates.append(before)
        }
        if let meeting = header.meeting, let range = text.range(of: meeting) {
            let after = String(text[range.upperBound...])
                .replacingOccurrences(of: #"^(上的讲话|上|的)"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: #"(同志)?(作)?(政府工作)?(报告|讲话)?[。.]?$"#, with: "", options: .regularExpression)
            if !after.isEmpty { candidates.append(after) }
        }
        for candidate in candidates {
            if let (title, name) = speaker(in: candidate.trimmingWhitespace()) {
                header.speakerTitle = title
                header.speaker = name
                break
            }
        }
        if let date = header.date, let meeting = header.meeting {
            let composed = composedDateline(date: date, meeting: meeting)
            if composed.filter({ !$0.isWhitespace }) != text.filter({ !$0.isWhitespace }) {
                header.dateline = text
            }
        } else {
            header.dateline = text
        }
    }

    /// `(title, name)` from `呼和浩特市人民政府市长 贺海东`, `省长许昆林`, `龚正市长`, or `nil`.
    private static func speaker(in text: String) -> (String, String)? {
        let office = offices.joined(separator: "|")
        let space = #"[\s\u3000\u00a0]"#
        if let match = firstMatch("^(\\p{Han}{0,16}?(?:\(office)))\(space)*(\\p{Han}{2,4}?)(?:同志)?$", in: text) {
            return (match[1], match[2])
        }
        if let match = firstMatch("^(\\p{Han}{2,3}?)(\(office))$", in: text) {
            return (match[2], match[1])
        }
        return nil
    }

    /// `安徽省` from `2025年安徽省政府工作报告`.
    private static func placeFromTitle(_ title: String) -> String? {
        firstMatch(#"^\d{4}年(\p{Han}+?)(?:人民)?政府工作报告$"#, in: title).map { $0[1] }
    }

    private static func level(place: String, meeting: String?) -> GovernmentLevel {
        if meeting?.contains("全国人民代表大会") == true || place == "中国" { return .national }
        if place.hasSuffix("省") || place.hasSuffix("自治区") || place.hasSuffix("特别行政区") || municipalities.contains(place) {
            return .province
        }
        return .city
    }

    /// The capture groups (0 = whole match) of the first match of `pattern`, or `nil`.
    static func firstMatch(_ pattern: String, in text: String) -> [String]? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        else { return nil }
        return (0..<match.numberOfRanges).map { index in
            Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
        }
    }
}
