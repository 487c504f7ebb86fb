import Foundation
import Yams

/// The level of government that delivered a report.
public enum GovernmentLevel: String, Sendable, CaseIterable, Equatable {
    case city, province, national

    /// The Chinese label shown on pages: 市级, 省级, 国家级.
    public var label: String {
        switch self {
        case .city: return "市级"
        case .province: return "省级"
        case .national: return "国家级"
        }
    }
}

/// A report's front matter: the YAML block between `---` lines at the top of
/// `Content/reports/<slug>.md`.
///
/// ```yaml
/// title: 政府工作报告          # required
/// place: 呼和浩特市            # required
/// level: city                 # required: city, province or national
/// year: 2022                  # required
/// date: 2022-02-10            # required: the day it was delivered (YYYY-MM-DD; 2022年2月10日 accepted)
/// # place, year, date, speaker, meeting: `（待填写）` (the importer's placeholder) is a warning; the page omits it
/// speaker: 贺海东              # required
/// speaker_title: 呼和浩特市人民政府市长   # optional
/// meeting: 呼和浩特市第十六届人民代表大会第一次会议   # required
/// dateline: —2022年2月10日在…上   # optional: the dateline as published, printed instead of the composed one
/// source: …                   # optional: where the text comes from
/// ```
public struct ReportMetadata: Sendable, Equatable {
    public var title: String
    public var place: String
    public var level: GovernmentLevel
    public var year: Int
    /// ISO date `YYYY-MM-DD`; `""` when not known (the front matter holds the importer's placeholder).
    public var date: String
    public var speaker: String
    public var speakerTitle: String?
    public var meeting: String
    public var source: String?
    /// The dateline as the report prints it, when it does not read `——{date}在{meeting}上`
    /// (`—2022年2月10日在…上`, or one that names the speaker); the key `dateline`.
    public var publishedDateline: String?

    public init(
        title: String, place: String, level: GovernmentLevel, year: Int, date: String, speaker: String,
        speakerTitle: String? = nil, meeting: String, source: String? = nil, publishedDateline: String? = nil
    ) {
        self.title = title
        self.place = place
        self.level = level
        self.year = year
        self.date = date
        self.speaker = speaker
        self.speakerTitle = speakerTitle
        self.meeting = meeting
        self.source = source
        self.publishedDateline = publishedDateline
    }

    /// The dateline as reports print it: the published one (`dateline`) if given, otherwise
    /// `——2022年2月10日在{meeting}上`.
    /// Without a date or meeting (a placeholder, ``placeholder``), what is known of it, or `""`.
    public var dateline: String {
        if let publishedDateline { return publishedDateline }
        return Self.composedDateline(date: date, meeting: meeting)
    }

    /// `{speaker_title} {speaker}`, or the one of them that is known, or `""`.
    public var speakerLine: String {
        [speakerTitle ?? "", speaker].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The title with place and year, for lists and the browser tab: the title itself when it
    /// names both (`2025年安徽省政府工作报告`, `2025年广西政府工作报告`), otherwise what it
    /// leaves out before it: `{place}{year}年{title}` (`呼和浩特市2022年政府工作报告`),
    /// `{place}{title}` (`江苏省` + `2025年政府工作报告`), `{year}年{title}`. Two reports of one
    /// year titled `2025年政府工作报告` so keep their places apart in every list.
    /// A year or place that is not known (`0`, `""`) is left out.
    public var fullTitle: String {
        let namesYear = year <= 0 || title.contains("\(year)年")
        let prefix = (titleNamesPlace ? "" : place) + (namesYear ? "" : "\(year)年")
        return prefix + title
    }

    /// True when the title names the place: it holds the place's first two characters, the
    /// short name reports use (`广西` for 广西壮族自治区, `内蒙` of 内蒙古), or all of a shorter
    /// place; true when the place is not known.
    private var titleNamesPlace: Bool {
        guard !place.isEmpty else { return true }
        return title.contains(String(place.prefix(2)))
    }

    /// `呼和浩特市 2022`: what is known of place and year, for short labels (``ReportLabels``);
    /// the title when neither is known.
    public var placeAndYear: String {
        let known = [place, year > 0 ? String(year) : ""].filter { !$0.isEmpty }
        return known.isEmpty ? title : known.joined(separator: " ")
    }

    /// The year for a table cell: `2022`, or `—` when it is not known (`0`).
    public var yearText: String { year > 0 ? String(year) : "—" }

    /// The year as a heading of a group of reports: `2022年`, or `年份未知` when it is not known.
    public static func yearHeading(_ year: Int) -> String { year > 0 ? "\(year)年" : "年份未知" }

    /// `呼和浩特市 · 2022 年 · 市级`, what is known of place, year and level.
    public var placeLine: String {
        [place, year > 0 ? "\(year) 年" : "", level.label].filter { !$0.isEmpty }.joined(separator: " · ")
    }

    /// True when the page should print ``speakerLine`` under the dateline: unless the published
    /// dateline already names the speaker (`…会议上省长许昆林作政府工作报告`).
    /// False when nothing of the speaker is known.
    public var showsSpeakerLine: Bool {
        guard !speakerLine.isEmpty else { return false }
        guard !speaker.isEmpty else { return true }
        return !(publishedDateline?.contains(speaker) ?? false)
    }

    static let knownKeys = ["title", "place", "level", "year", "date", "speaker", "speaker_title", "meeting", "dateline", "source"]
}

extension ReportMetadata {
    /// Reads front matter YAML; every problem goes to `log`. Returns `nil` when any error was found.
    /// A field holding the importer's ``placeholder`` is a warning and is read as not known
    /// (`ReportMetadata+Placeholders.swift`).
    static func parse(_ source: YAMLSource, log: inout DiagnosticLog) -> ReportMetadata? {
        let errorsBefore = log.errors.count
        guard let fields = YAMLFields(parsing: source, what: "front matter", log: &log) else {
            return nil
        }
        fields.warnAboutUnknownKeys(known: knownKeys, log: &log)
        let title = fields.string("title", required: true, log: &log)
        let place = isPlaceholder("place", in: fields, log: &log) ? "" : fields.string("place", required: true, log: &log)
        var level: GovernmentLevel?
        if let text = fields.string("level", required: true, log: &log) {
            level = GovernmentLevel(rawValue: text)
            if level == nil {
                log.report(source.diagnostic(
                    .error, at: fields.value("level"), "`level` must be city, province or national, found \"\(text)\"",
                    hint: "write one of the three, in lower case: `level: city`, `level: province` or `level: national`"))
            }
        }
        let yearIsPlaceholder = isPlaceholder("year", in: fields, log: &log)
        let year = yearIsPlaceholder ? 0 : fields.int("year", required: true, log: &log)
        if let year, !yearIsPlaceholder, !(1949...2999).contains(year) {
            log.report(source.diagnostic(.error, at: fields.value("year"), "`year` \(year) is not a plausible report year"))
        }
        var date: String?
        if isPlaceholder("date", in: fields, log: &log) {
            date = ""
        } else if let text = fields.string("date", required: true, log: &log) {
            date = normalizedDate(text)
            if date == nil {
                let wellFormed = text.range(of: #"^\d{4}-\d{1,2}-\d{1,2}$|^\d{4}年\d{1,2}月\d{1,2}日$"#, options: .regularExpression) != nil
                log.report(source.diagnostic(
                    .error, at: fields.value("date"),
                    wellFormed ? "`date` \"\(text)\" is not a day of the calendar" : "`date` \"\(text)\" is not a date in the form YYYY-MM-DD",
                    hint: "write the day the report was delivered as `2022-02-10` (2022年2月10日 is accepted too)"))
            } else if let date, let year, year > 0, !date.hasPrefix(String(format: "%04d", year)) {
                log.report(source.diagnostic(
                    .warning, at: fields.value("date"), "`date` \(date) is not in `year` \(year)",
                    hint: "a report is delivered early in the year it is for; check both values"))
            }
        }
        let speaker = isPlaceholder("speaker", in: fields, log: &log) ? "" : fields.string("speaker", required: true, log: &log)
        let speakerTitle = fields.string("speaker_title", required: false, log: &log)
        let meeting = isPlaceholder("meeting", in: fields, log: &log) ? "" : fields.string("meeting", required: true, log: &log)
        let sourceText = fields.string("source", required: false, log: &log)
        let publishedDateline = fields.string("dateline", required: false, log: &log)
        guard log.errors.count == errorsBefore, let title, let place, let level, let year, let date, let speaker,
              let meeting
        else { return nil }
        return ReportMetadata(
            title: title, place: place, level: level, year: year, date: date, speaker: speaker,
            speakerTitle: speakerTitle, meeting: meeting, source: sourceText, publishedDateline: publishedDateline)
    }

    /// `YYYY-MM-DD` (or `YYYY-M-D`, or `YYYY年M月D日`) as `YYYY-MM-DD`, or `nil` if the text is
    /// not such a date or not a real day. `03-01-2025` is rejected: day and month order is ambiguous.
    static func normalizedDate(_ text: String) -> String? {
        let numbers = text.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).compactMap { Int($0) }
        let isISO = text.range(of: #"^\d{4}-\d{1,2}-\d{1,2}$"#, options: .regularExpression) != nil
        let isChinese = text.range(of: #"^\d{4}年\d{1,2}月\d{1,2}日$"#, options: .regularExpression) != nil
        guard isISO || isChinese, numbers.count == 3 else { return nil }
        let (y, m, d) = (numbers[0], numbers[1], numbers[2])
        let daysInMonth = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(m), (1...daysInMonth[m - 1]).contains(d) else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }
}
