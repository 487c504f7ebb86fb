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
        subcommands: [Build.self, Watch.self, Serve.self, Import.self],
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

    @Option(help: "The content directory (site.yml, topics.yml, reports/).")
    var content = "Content"

    @Option(help: "The templates directory (*.mustache, partials/, assets/).")
    var templates = "Templates"

    @Option(help: "The output directory. Only files ReportSite wrote there are ever replaced or removed.")
    var output = "Output"

    @Flag(name: .shortAndLong, help: "Print only warnings and errors.")
    var quiet = false

    @Flag(help: "Ignore the build cache: parse every report and render every page (the site is the same).")
    var clean = false

    func run() throws {
        let options = BuildOptions(content: content, templates: templates, output: output, useCache: !clean)
        let progress = BuildProgress()
        let line = ProgressLine(progress: progress, enabled: !quiet)
        defer { line.stop() }
        let builder = SiteBuilder(options: options, progress: progress)
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
