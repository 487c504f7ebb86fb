/// What a number measures: its level, a change in per cent, a change in percentage points, a
/// rank, or a multiple; `qualitative` for a target without a number (`居民收入增长与经济增长基本同步`).
public enum FigureMeasure: String, Sendable, CaseIterable, Comparable {
    case level, growth, points, rank, multiple, qualitative

    /// How the figures page names the measure.
    var label: String {
        switch self {
        case .level: return "水平"
        case .growth: return "增速"
        case .points: return "百分点变化"
        case .rank: return "位次"
        case .multiple: return "倍数"
        case .qualitative: return "定性"
        }
    }

    public static func < (lhs: FigureMeasure, rhs: FigureMeasure) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// How exact a number is, as the text says (`shared/docs/domain.md` 5.4): `以上`, `以下`, `以内`
/// include the number; `超过` excludes it (also written 突破, 超, 逾, and `多`/`余` after the
/// number: `1200余处`); `左右` and `约` are approximately, `近` slightly below.
public enum FigureModifier: String, Sendable, CaseIterable {
    case exact
    case around = "左右"
    case atLeast = "以上"
    case within = "以内"
    case below = "以下"
    case over = "超过"
    case nearly = "近"
    case about = "约"
}

/// Whether a number is a result or a promise: the section is the strongest signal (review,
/// five-year tasks, this year's plan), then `预计` (a preliminary result) and project names.
public enum FigureKind: String, Sendable, CaseIterable {
    /// A result of the period under review (实绩).
    case achievement
    /// A preliminary result (`预计…`), in the review part.
    case estimate
    /// A target for the report's year (预期目标, 工作安排).
    case target
    /// A target for the coming five years (`今后五年`).
    case fiveYearTarget = "five-year target"
    /// The capacity of a project named with it (`久泰100万吨乙二醇项目`): a fact about a project,
    /// not a regional indicator.
    case project

    var label: String {
        switch self {
        case .achievement: return "实绩"
        case .estimate: return "预计"
        case .target: return "目标"
        case .fiveYearTarget: return "五年目标"
        case .project: return "项目"
        }
    }

    /// True for the kinds that promise (targets), false for those that report.
    var isTarget: Bool { self == .target || self == .fiveYearTarget }
}

/// One figure as the extractor finds it in a passage's text, before it is placed in the site.
///
/// Values are kept as written (ASCII digits, `3121.4`) with the scale of their unit (`亿` = 10^8)
/// apart, so nothing is lost to floating point; ``scaledValue`` applies the scale exactly.
public struct ExtractedFigure: Sendable, Equatable {
    /// The subject (`地区生产总值`); for a qualitative target, the whole clause.
    public var indicator: String
    /// The number as written, full-width digits folded (`3121.4`); `nil` for a qualitative target.
    public var value: String?
    /// The upper end of a range (`3—5家` → `5`).
    public var valueHigh: String?
    /// The unit as written, scale included (`亿元`, `%`, `个百分点`, `万` when a noun follows).
    public var unit: String
    /// The unit without its scale (`元`); empty when the unit is only a scale.
    public var baseUnit: String
    /// The power of ten of the scale: 4 for 万, 8 for 亿, 12 for 万亿, 0 without a scale.
    public var scaleExponent: Int
    public var measure: FigureMeasure
    /// The verb of change as written (`增长`, `下降`, `提升`, `新增`), or empty.
    public var direction: String
    public var modifier: FigureModifier
    public var kind: FigureKind
    /// The year (`2021`), a span of years (`2018—2021`) or `今后五年`.
    public var period: String
    /// The figure as written in the text (`3121.4亿元`, `7%左右`, `近50亿元`, `第2位`).
    public var display: String
    /// The clause it stands in, as written.
    public var sourceText: String
    /// True for the report's main expected targets (`主要预期目标是：…`).
    public var isMainTarget: Bool
    /// Offsets of ``display`` in the passage text, in Unicode scalars.
    public var range: Range<Int>

    /// The value with its scale applied (`312140000000`), exact, as decimal text.
    public var scaledValue: String? { value.map { DecimalText.shift($0, by: scaleExponent) } }
    /// The upper value with its scale applied.
    public var scaledValueHigh: String? { valueHigh.map { DecimalText.shift($0, by: scaleExponent) } }
}

/// Exact decimal text: scaling by powers of ten by moving the point, and reading as `Double`
/// only to draw.
enum DecimalText {
    /// `text` (ASCII digits with at most one `.`) times 10^`exponent`, without trailing zeros after
    /// the point and without leading zeros: `shift("3121.4", by: 8)` is `312140000000`,
    /// `shift("0.5", by: 0)` is `0.5`.
    static func shift(_ text: String, by exponent: Int) -> String {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var integer = String(parts.first ?? "")
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        if exponent > 0 {
            let moved = fraction.prefix(exponent)
            integer += moved + String(repeating: "0", count: exponent - moved.count)
            fraction = String(fraction.dropFirst(exponent))
        }
        while integer.count > 1, integer.hasPrefix("0") { integer.removeFirst() }
        if integer.isEmpty { integer = "0" }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? integer : integer + "." + fraction
    }

    /// The value as a `Double`, for drawing bars (never for the data files).
    static func double(_ text: String, exponent: Int = 0) -> Double {
        Double(shift(text, by: exponent)) ?? 0
    }
}
