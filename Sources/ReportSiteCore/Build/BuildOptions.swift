import Foundation

/// Where a build reads and writes. Each folder is given as the user typed it (used in
/// diagnostics, e.g. `Content/reports/x.md:7:3`) and resolved against the working directory.
public struct BuildOptions: Sendable {
    public var contentPath: String
    public var templatesPath: String
    public var outputPath: String
    /// When true, the build renders but writes nothing (used by checks and tests).
    public var dryRun: Bool

    /// Creates options; the defaults are the repository layout: `Content`, `Templates`, `Output`.
    public init(content: String = "Content", templates: String = "Templates", output: String = "Output", dryRun: Bool = false) {
        contentPath = content
        templatesPath = templates
        outputPath = output
        self.dryRun = dryRun
    }

    static func url(_ path: String) -> URL {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
            .standardizedFileURL
    }

    /// `Content/` without a trailing slash, for display.
    static func display(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }
}

/// What a successful build did, with the time of each stage.
public struct BuildSummary: Sendable {
    /// Stage and its wall-clock time in milliseconds, in pipeline order.
    public var stageTimes: [(stage: BuildStage, milliseconds: Double)] = []
    public var reportCount = 0
    public var passageCount = 0
    /// Figures (indicator mentions) found in the passages.
    public var figureCount = 0
    /// Pages (HTML files) produced.
    public var pageCount = 0
    /// All files produced, assets included, with their total size in bytes.
    public var files: [OutputFile] = []
    /// Sizes of the search index (under `search/data/`) and of the text it indexes.
    public var search = SearchIndexSummary()
    public var write = WriteSummary()
    /// Warnings found on the way (a build with errors throws ``BuildFailure`` instead).
    public var warnings: [Diagnostic] = []

    public var totalBytes: Int { files.reduce(0) { $0 + $1.data.count } }
}
