/// Where a passage stands in its report, as far as figures care: the review of past work, the
/// tasks of the coming five years, this year's plan, or a glossary (no figures).
public enum ReportPhase: String, Sendable, Equatable {
    case review, fiveYear, plan, glossary

    /// The phase of each part of a report, from its heading (`shared/docs/domain.md` 1.3, 5.3):
    /// `回顾`/`过去` review; `今后五年`/`未来五年` five-year tasks; `工作安排`, `目标任务`, `重点工作`,
    /// `总体要求`, `主要任务`, `政策取向`, `建议` or the report's own year plan; `名词解释` glossary.
    /// A part with none of these (`四、全面提升政府治理能力水平`) continues the phase before it.
    static func phases(ofParts headings: [String], year: Int) -> [ReportPhase] {
        var result: [ReportPhase] = []
        for heading in headings {
            let previous = result.last
            result.append(phase(ofHeading: heading, year: year) ?? (previous == .glossary ? .plan : previous ?? .review))
        }
        return result
    }

    /// The phase a heading names, or `nil` when it names none.
    static func phase(ofHeading heading: String, year: Int) -> ReportPhase? {
        if heading.contains("名词解释") || heading.contains("名词注释") { return .glossary }
        if heading.contains("回顾") || heading.contains("过去") { return .review }
        if heading.contains("今后五年") || heading.contains("未来五年") || heading.contains("五年主要任务") { return .fiveYear }
        for word in ["工作安排", "目标任务", "重点工作", "总体要求", "主要任务", "政策取向", "工作任务", "建议", "\(year)年"] where heading.contains(word) {
            return .plan
        }
        return nil
    }
}

/// What the extractor needs to know about a passage besides its text.
public struct FigureContext: Sendable, Equatable {
    public var phase: ReportPhase
    /// The report's year (`2022`): targets are for it, results for the year before.
    public var reportYear: Int

    public init(phase: ReportPhase, reportYear: Int) {
        self.phase = phase
        self.reportYear = reportYear
    }

    /// The kind of a figure from the phase and its sentence: `预计` before it in the review makes
    /// an estimate; a plan sentence opening with last year (`去年`, `过去一年`, `2021年`) reports
    /// a result.
    func kind(sentenceBefore: String, sentence: String, isMainTarget: Bool) -> FigureKind {
        if isMainTarget { return .target }
        switch phase {
        case .review, .glossary:
            return sentenceBefore.contains("预计") ? .estimate : .achievement
        case .fiveYear:
            return .fiveYearTarget
        case .plan:
            for opening in ["去年", "过去一年", "上年", "\(reportYear - 1)年"] where sentence.hasPrefix(opening) { return .achievement }
            return .target
        }
    }

    /// The period of a figure of `kind`: the report's year for targets, `今后五年` for five-year
    /// targets, the year before for results, or the years a passage opening `四年来`/`过去五年`
    /// looks back on (`2018—2021`).
    func period(of kind: FigureKind, passage: String) -> String {
        // A report whose year is not known (`0`, a placeholder) gives no year-relative period:
        // never `0` for this year or `-1` for the last.
        if reportYear <= 0 && kind != .fiveYearTarget && phase != .fiveYear { return "" }
        switch kind {
        case .target: return String(reportYear)
        case .fiveYearTarget: return "今后五年"
        case .achievement, .estimate, .project:
            if phase == .fiveYear { return "今后五年" }
            if phase == .plan && kind == .project { return String(reportYear) }
            let last = reportYear - 1
            if let years = Self.yearsLookedBack(passage), years > 1 { return "\(last - years + 1)—\(last)" }
            return String(last)
        }
    }

    /// `四年来`, `五年来`, `过去五年`, `本届政府…五年` at the start of a passage: how many years.
    static func yearsLookedBack(_ passage: String) -> Int? {
        let numerals: [Character: Int] = ["一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10]
        let opening = Array(passage.prefix(6))
        if opening.count >= 3, let n = numerals[opening[0]], opening[1] == "年", opening[2] == "来" { return n }
        if opening.count >= 4, opening[0] == "过", opening[1] == "去", let n = numerals[opening[2]], opening[3] == "年" { return n }
        return nil
    }
}
