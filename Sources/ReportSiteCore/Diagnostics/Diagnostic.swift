/// The named stages of a build, in order; every diagnostic says which one found it.
///
/// `importing` is not a build stage: it tags diagnostics of `reportsite import`, which turns a
/// published report into `Content/reports/<slug>.md` (see `Import/`); it sorts before `load`.
public enum BuildStage: String, Sendable, CaseIterable, Comparable {
    case importing = "import"
    case load, structure, classify, link, figures, search, render, write

    /// Position in the pipeline, 0 for `load`.
    public var order: Int {
        switch self {
        case .importing: return -1
        case .load: return 0
        case .structure: return 1
        case .classify: return 2
        case .link: return 3
        case .figures: return 4
        case .search: return 5
        case .render: return 6
        case .write: return 7
        }
    }

    public static func < (lhs: BuildStage, rhs: BuildStage) -> Bool { lhs.order < rhs.order }
}

/// How bad a problem is: errors stop the build before anything is written; warnings do not.
public enum Severity: String, Sendable, Comparable {
    case warning, error

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
}

/// One problem found in the input, layered as what (``message``), where (``location``),
/// which stage (``stage``) and how to fix it (``hint``).
///
/// Printed by ``description`` as `path:line:column: error: message`, the compiler form that
/// editors recognise, with the hint on an indented second line.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    public var location: SourceLocation
    /// What is wrong, in one sentence.
    public var message: String
    /// How to fix it, or `nil`.
    public var hint: String?
    /// The stage that found it.
    public var stage: BuildStage
    /// The text of the offending source line, when the diagnostic has a line; printed under it.
    public var sourceLine: String?

    /// Creates a diagnostic. See the type's documentation for the meaning of each part.
    public init(
        _ severity: Severity, at location: SourceLocation, _ message: String, hint: String? = nil,
        stage: BuildStage, sourceLine: String? = nil
    ) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
        self.stage = stage
        self.sourceLine = sourceLine
    }

    /// `path:line:column: error: message`: the first line only, as tests compare it.
    public var summary: String { "\(location): \(severity.rawValue): \(message)" }

    /// The summary, then the hint (if any) on a second line.
    public var description: String {
        guard let hint else { return summary }
        return summary + "\n    hint: " + hint
    }

    /// The full report for a terminal: summary, the source line with a caret under the
    /// column, then the hint.
    public var rendered: String {
        var lines = [summary]
        if let fullLine = sourceLine, let fullColumn = location.column {
            // Long lines (a Chinese paragraph is one line) are cut to a window around the column.
            let scalars = Array(fullLine.unicodeScalars)
            let window = 60
            let start = max(0, min(fullColumn - 1 - window / 2, scalars.count - window))
            let end = min(scalars.count, start + window)
            let prefix = start > 0 ? "…" : ""
            let suffix = end < scalars.count ? "…" : ""
            var sourceLine = prefix
            sourceLine.unicodeScalars.append(contentsOf: scalars[start..<end])
            sourceLine += suffix
            let column = fullColumn - start + prefix.unicodeScalars.count
            lines.append("    " + sourceLine)
            let pad = sourceLine.unicodeScalars.prefix(max(column - 1, 0)).map { scalar -> String in
                if scalar == "\t" { return "\t" }
                return scalar.properties.isIdeographic || scalar.value >= 0x3000 && scalar.value <= 0xFFEF ? "  " : " "
            }.joined()
            lines.append("    " + pad + "^")
        }
        if let hint { lines.append("    hint: " + hint) }
        return lines.joined(separator: "\n")
    }
}

/// Collects diagnostics across a whole run so that one run reports every problem.
public struct DiagnosticLog: Sendable {
    /// Every diagnostic so far, in the order reported.
    public private(set) var all: [Diagnostic] = []

    public init() {}

    /// True when at least one error (not warning) was reported.
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// The errors only.
    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }

    /// The warnings only.
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }

    /// Records one diagnostic.
    public mutating func report(_ diagnostic: Diagnostic) { all.append(diagnostic) }

    /// Records several diagnostics.
    public mutating func report<S: Sequence>(contentsOf diagnostics: S) where S.Element == Diagnostic {
        all.append(contentsOf: diagnostics)
    }

    /// Makes every warning an error (`--strict`): the build then fails on them.
    public mutating func promoteWarningsToErrors() {
        for index in all.indices where all[index].severity == .warning { all[index].severity = .error }
    }

    /// The diagnostics sorted by file, line and column (stable for equal locations).
    public var sorted: [Diagnostic] {
        all.enumerated().sorted { a, b in
            a.element.location == b.element.location ? a.offset < b.offset : a.element.location < b.element.location
        }.map(\.element)
    }
}

/// Thrown by a build that found errors: every diagnostic of the run, errors and warnings.
public struct BuildFailure: Error, CustomStringConvertible, Sendable {
    /// The hint of the write stage's error when the write failed after part of the site was
    /// renamed into place (the next build completes it).
    public static let partlyWrittenHint = "the site is partly written: correct this and build again, which completes it"

    /// True when the write failed after part of the site was renamed into place (its error has
    /// ``partlyWrittenHint``); otherwise a failed build wrote nothing.
    public var sitePartlyWritten: Bool {
        diagnostics.contains { $0.stage == .write && $0.hint == Self.partlyWrittenHint }
    }

    /// All diagnostics, sorted by location.
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
