/// Front-matter fields the importer could not fill: `reportsite import` writes the placeholder
/// ``ReportMetadata/placeholder`` (`（待填写）`, "to be filled in") for a `place`, `year`,
/// `date`, `speaker` or `meeting` that the report's text does not give, so that the file builds
/// and the user sees what to fill in. The build never shows a placeholder as a fact: it warns
/// at the value (`Content/reports/x.md:6:7: warning: …`; an error with `--strict`) and the
/// value is left empty, so pages print nothing for it (no `（待填写）`, no invented date).
///
/// An empty value means "not known": `place`, `date`, `speaker`, `meeting` are `""`, `year` is
/// `0` (such a report sorts before every dated one).
extension ReportMetadata {
    /// What the importer writes for a field it could not fill.
    public static let placeholder = "（待填写）"

    /// The keys that may hold the placeholder, each with how to fill it in.
    static let placeholderHints: [String: String] = [
        "place": "write the place as the dateline names it (`江西省`, `呼和浩特市`)",
        "year": "write the year the report is for (`year: 2025`)",
        "date": "write the day the report was delivered (`date: 2025-01-17`), as its dateline gives it",
        "speaker": "write the name of the person who delivered the report (`speaker: 叶建春`)",
        "meeting": "write the meeting as the dateline names it (`江西省第十四届人民代表大会第三次会议`)",
    ]

    /// True when `key` holds the placeholder in `fields`; then reports the warning at its value.
    static func isPlaceholder(_ key: String, in fields: YAMLFields, log: inout DiagnosticLog) -> Bool {
        guard let node = fields.value(key), node.scalarText?.trimmingWhitespace() == placeholder else { return false }
        log.report(fields.source.diagnostic(
            .warning, at: node, "`\(key)` is still the importer's placeholder `\(placeholder)`: the page shows nothing for it",
            hint: placeholderHints[key] ?? "fill it in"))
        return true
    }

    /// The `——{date}在{meeting}上` dateline from what is known: `——2025年1月17日` without a meeting,
    /// `——在{meeting}上` without a (valid) date, `""` without either.
    static func composedDateline(date: String, meeting: String) -> String {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        let day = parts.count == 3 ? "\(parts[0])年\(parts[1])月\(parts[2])日" : ""
        if meeting.isEmpty { return day.isEmpty ? "" : "——" + day }
        return "——\(day)在\(meeting)上"
    }
}
