import Foundation

/// Where a build reads and writes. Each folder is given as the user typed it (used in
/// diagnostics, e.g. `Content/reports/x.md:7:3`) and resolved against the working directory.
public struct BuildOptions: Sendable {
    public var contentPath: String
    /// The site's templates folder, which overrides the built-in theme (``BuiltinTheme``) file
    /// by file; when it does not exist, the built-in theme alone is used, unless
    /// ``templatesRequired``.
    public var templatesPath: String
    /// When true, a missing templates folder is an error (`--templates DIR` given: a folder
    /// named on purpose that is not there is a typo, not a request for the built-in theme).
    public var templatesRequired = false
    public var outputPath: String
    /// When true, the build renders every page and checks everything but writes nothing
    /// (`reportsite check`, `reportsite pack`, tests): the output directory's policy and foreign
    /// files are not checked; the cache is read but not taken as the up-to-date shortcut, so
    /// ``BuildSummary/files`` holds the whole site.
    public var dryRun: Bool
    /// When true, warnings fail the build like errors (`--strict`).
    public var strict: Bool
    /// The published site's address, overriding `base_url` of `site.yml` (`--base-url`); must
    /// be an absolute http(s) URL (``SiteConfig/normalizedBaseURL(_:)``).
    public var baseURL: String?
    /// When false, the cache (``cachePath``) is not read: every report is parsed and every page
    /// rendered, as in a first build. The cache is still written for the next build.
    public var useCache: Bool
    /// The build cache folder; `nil` for `.reportsite-cache` inside the output directory.
    public var cachePath: String?
    /// Seconds a build waits for another build writing the same output folder to finish before
    /// it fails with "another build is writing …" (``OutputLock``); 10 by default.
    public var lockWait: Double = 10
    /// Also return every rendered file in ``BuildSummary/files`` (tests, tools). A build
    /// otherwise keeps only each file's record, never the site; a dry run always returns them.
    public var keepsFiles = false
    /// The tool version the cache and the render keys are keyed by: the semantic version and
    /// the executable's identity (``ReportSiteVersion/executable``). Tests change it to see the
    /// cache invalidated.
    var toolVersion = ReportSiteVersion.current + "+" + ReportSiteVersion.executable
    /// The theme that the templates folder overrides file by file: ``BuiltinTheme/files``; tests
    /// give another, or none to build from the templates folder alone.
    var builtinTheme = BuiltinTheme.files
    /// For tests: the write stage stops, as if the process were killed, after this many file
    /// operations (temporary files written and renamed), leaving everything as it is.
    var interruptAfterFileOperations: Int?

    /// Creates options; the defaults are the repository layout: `Content`, `Templates`, `Output`.
    public init(
        content: String = "Content", templates: String = "Templates", output: String = "Output", dryRun: Bool = false,
        strict: Bool = false, baseURL: String? = nil, useCache: Bool = true, cachePath: String? = nil
    ) {
        contentPath = content
        templatesPath = templates
        outputPath = output
        self.dryRun = dryRun
        self.strict = strict
        self.baseURL = baseURL
        self.useCache = useCache
        self.cachePath = cachePath
    }

    /// The cache folder on disk.
    var cacheURL: URL {
        cachePath.map(Self.url) ?? Self.url(outputPath).appendingPathComponent(BuildCache.folderName)
    }

    /// `path` resolved against the working directory, as an absolute file URL.
    public static func url(_ path: String) -> URL {
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
    /// Pages (HTML files) of the site.
    public var pageCount = 0
    /// Files of the site, assets included, and their total size in bytes.
    public var fileCount = 0
    public var totalBytes = 0
    /// The files rendered by this build, sorted by path: the whole site in a dry run or a build
    /// without cache; an incremental build leaves out the pages it did not need to render again
    /// (``pagesReused``), and a build that found nothing changed (``upToDate``) renders none.
    /// The rendered files, for a dry run or with ``BuildOptions/keepsFiles`` (else empty).
    public var files: [OutputFile] = []
    /// The largest HTML page rendered by this build: its path and size in bytes.
    public var largestPage: (path: String, bytes: Int) = ("", 0)
    /// Sizes of the search index (under `search/data/`) and of the text it indexes.
    public var search = SearchIndexSummary()
    public var write = WriteSummary()
    /// Warnings found on the way (a build with errors throws ``BuildFailure`` instead).
    public var warnings: [Diagnostic] = []

    /// Reports parsed, structured and classified by this build, and reports taken from the cache.
    public var reportsParsed = 0
    public var reportsFromCache = 0
    /// Pages rendered, and report pages not rendered because their inputs and their file on disk
    /// are as the previous build left them.
    public var pagesRendered = 0
    public var pagesReused = 0
    /// True when no input had changed and the output was intact: nothing was read or written.
    public var upToDate = false
}
