import ArgumentParser
import Foundation
import ReportSiteCore

/// `reportsite`: the command line over ReportSiteCore. Parsing arguments, printing, exit codes;
/// nothing else.
@main
struct ReportSiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reportsite",
        abstract: "Build cross-linked static sites from government work reports (政府工作报告).",
        version: ReportSiteVersion.current,
        subcommands: [Init.self, Build.self, Check.self, Pack.self, Watch.self, Serve.self, Import.self],
        defaultSubcommand: Build.self)
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site from the content and templates into the output directory.",
        discussion: """
            Reads site.yml, topics.yml and reports/*.md from the content directory and the Mustache \
            templates, and writes the site. On any error every diagnostic is printed as \
            path:line:column: error: message, nothing is written, and the exit status is 1.
            """)

    @OptionGroup var folders: SiteFolders

    @Option(help: "The published site's address (https://…/), overriding base_url of site.yml: adds canonical links, Open Graph metadata and sitemap.xml.")
    var baseURL: String?

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print only warnings and errors.")
    var quiet = false

    @Flag(help: "Ignore the build cache: parse every report and render every page (the site is the same).")
    var clean = false

    func validate() throws { try validateBaseURL(baseURL) }

    func run() throws {
        let output = folders.output
        let options = folders.sources.options(output: output, strict: strict, baseURL: baseURL, useCache: !clean)
        let progress = BuildProgress()
        let line = ProgressLine(progress: progress, enabled: !quiet)
        defer { line.stop() }
        // The process ends after this one build: the cache's decoded reports are handed back to
        // the system at exit rather than freed one object at a time (6 % of the CPU time of a
        // build after one edit of a 1,000-report site; perf).
        // The cache lives for this one build: its entries leave rarely read bytes in their files.
        let cache = BuildCache(spillsToDisk: true)
        _ = Unmanaged.passRetained(cache)
        var builder = SiteBuilder(options: options, progress: progress, cache: cache)
        builder.leavesMemoryToExit = true
        // Ctrl-C or SIGTERM: what a failed build removes is removed, then the process ends.
        BuildInterruption.shared.installSignalHandlers()
        do {
            let summary = try builder.build()
            line.stop()
            BuildReport.print(summary, output: output, quiet: quiet)
        } catch let failure as BuildFailure {
            line.stop()
            BuildReport.print(failure)
            throw ExitCode.failure
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the site without writing it: broken links and anchors, structure, topics, templates.",
        discussion: """
            Builds the site in memory, exactly as `build` does, and prints every problem as \
            path:line:column: severity: message: links and anchors written in the Markdown that lead \
            nowhere, duplicate anchors, unknown topics, empty parts and sections, reports with no \
            topic, invalid files. Exit status 0 when there is no error (and, with --strict, no \
            warning), 1 otherwise: fit for CI. The output directory is not read or written.
            """)

    @OptionGroup var sources: SourceFolders

    @Option(help: "The published site's address, overriding base_url of site.yml.")
    var baseURL: String?

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    func validate() throws { try validateBaseURL(baseURL) }

    func run() throws {
        let builder = SiteBuilder(options: sources.options(dryRun: true, strict: strict, baseURL: baseURL))
        do {
            let summary = try builder.build()
            for warning in summary.warnings { printError(warning.rendered) }
            print("Checked \(summary.reportCount) report(s), \(summary.passageCount) passages, \(summary.pageCount) pages: no error, \(summary.warnings.count) warning(s).")
        } catch let failure as BuildFailure {
            for diagnostic in failure.diagnostics { printError(diagnostic.rendered) }
            let errors = failure.diagnostics.filter { $0.severity == .error }.count
            let warnings = failure.diagnostics.count - errors
            printError("error: check failed: \(errors) error(s), \(warnings) warning(s)\(strict ? " (warnings count as errors with --strict)" : "").")
            throw ExitCode.failure
        }
    }
}

struct Pack: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site and write it as one zip file that opens offline wherever it is unzipped.",
        discussion: """
            Builds in memory, as `build` does (and fails the same way, writing nothing), then writes \
            the site into a zip holding one folder named after it (site.zip → site/). The output \
            directory is not touched. An existing zip is replaced only with --force.
            """)

    @OptionGroup var sources: SourceFolders

    @Option(help: "The published site's address, overriding base_url of site.yml.")
    var baseURL: String?

    @Option(name: .shortAndLong, help: "The zip file to write.")
    var output = "site.zip"

    @Flag(help: "Replace an existing zip file.")
    var force = false

    func validate() throws { try validateBaseURL(baseURL) }

    func run() throws {
        let (content, templates) = (sources.content, sources.templates)
        let builder = SiteBuilder(options: sources.options(dryRun: true, baseURL: baseURL))
        do {
            let summary = try builder.build()
            for warning in summary.warnings { printError(warning.rendered) }
            let size = try SitePackage.write(
                summary.files, to: URL(fileURLWithPath: output), displayPath: output,
                protected: [(URL(fileURLWithPath: content), content), (URL(fileURLWithPath: templates), templates)], force: force)
            print(String(format: "Packed %d files (%d pages) into %@: %.1f KB. Unzip it anywhere and open index.html in its folder.",
                         summary.files.count, summary.pageCount, output as NSString, Double(size) / 1024))
        } catch let failure as BuildFailure {
            for diagnostic in failure.diagnostics { printError(diagnostic.rendered) }
            printError("error: build failed; nothing was packed.")
            throw ExitCode.failure
        } catch let diagnostic as Diagnostic {
            printError(diagnostic.rendered)
            throw ExitCode.failure
        }
    }
}

/// Refuses a `--base-url` that is not an absolute http(s) URL.
func validateBaseURL(_ baseURL: String?) throws {
    guard let baseURL else { return }
    do {
        _ = try BaseURL.normalize(baseURL)
    } catch let problem as BaseURL.Problem {
        throw ValidationError("--base-url \"\(baseURL)\" cannot be used: \(problem.reason); write it like https://example.org/reports/")
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import published reports (text or Word .docx) as Content/reports/<slug>.md.",
        discussion: """
            Reads each FILE (UTF-8, UTF-16 or GB18030 text with any line ends, or a Word .docx), \
            repairs copying artifacts, recognises title, dateline, speaker, parts, sections, lead \
            sentences and glossary, and writes the annotated Markdown of Content/. Prints what it \
            found and repaired; --verbose lists every repair with its input line.
            """)

    @Argument(help: "The report files (.txt or .docx).")
    var files: [String]

    @Option(help: "The folder to write <slug>.md into.")
    var into = "Content/reports"

    @Option(help: "The slug (file name and URL) when importing one file; default: the file name without extension.")
    var slug: String?

    @Flag(help: "Overwrite an existing <slug>.md.")
    var force = false

    @Flag(name: .shortAndLong, help: "List every repair with its input line.")
    var verbose = false

    func validate() throws {
        if slug != nil && files.count != 1 { throw ValidationError("--slug can be given only when importing one file") }
    }

    func run() throws {
        var failed = 0
        for file in files {
            let slug = self.slug ?? ReportImporter.defaultSlug(for: file)
            do {
                guard Slug.isValidReportSlug(slug) else {
                    throw Diagnostic(
                        .error, at: SourceLocation(path: file), "`\(slug)` is not a valid report slug",
                        hint: "pass --slug with lower-case letters, digits and hyphens, like `hohhot-2022`", stage: .importing)
                }
                let result = try ReportImporter.importFile(at: URL(fileURLWithPath: file), path: file, slug: slug)
                let written = try ReportImporter.write(result, into: URL(fileURLWithPath: into), displayDirectory: into, force: force)
                print("\(file) → \(written)  [\(result.format)]")
                print("  \(result.summary)")
                print("  sections per part: \(result.sections.map(String.init).joined(separator: ", "))")
                for (kind, count) in result.repairCounts { print("  repaired \(count) × \(kind.rawValue)") }
                if result.droppedHeadingMarks > 0 {
                    print("  \(result.droppedHeadingMarks) section heading(s) lost their closing 。 (they opened a paragraph)")
                }
                print("  no loss: \(result.comparedCharacters) characters of the input, in order, in the import")
                if verbose {
                    for line in result.repairListing(path: file) { print("  " + line) }
                }
                for warning in result.warnings { printError(warning.rendered) }
            } catch let diagnostic as Diagnostic {
                printError(diagnostic.rendered)
                failed += 1
            } catch {
                printError("\(file): error: \(error)")
                failed += 1
            }
        }
        if failed > 0 {
            printError("error: \(failed) of \(files.count) file(s) not imported.")
            throw ExitCode.failure
        }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
