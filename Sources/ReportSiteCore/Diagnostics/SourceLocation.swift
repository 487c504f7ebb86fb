/// Where a problem is: a file, and where known a 1-based line and a 1-based column.
///
/// `path` is the path as the user gave it plus the file's path inside that folder
/// (`Content/reports/hohhot-2022.md`), so editors and terminals can jump to it. Columns count
/// Unicode scalars: one Chinese character is one column.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file, as displayed (`Content/site.yml`, `Templates/report.mustache`).
    public var path: String
    /// 1-based line, or `nil` when the problem concerns the whole file.
    public var line: Int?
    /// 1-based column in Unicode scalars, or `nil` when unknown.
    public var column: Int?

    /// Creates a location; `line` and `column` are 1-based.
    public init(path: String, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:column`, `path:line` or `path`, the form compilers use.
    public var description: String {
        switch (line, column) {
        case let (line?, column?): return "\(path):\(line):\(column)"
        case let (line?, nil): return "\(path):\(line)"
        default: return path
        }
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line ?? 0, lhs.column ?? 0) < (rhs.path, rhs.line ?? 0, rhs.column ?? 0)
    }
}
