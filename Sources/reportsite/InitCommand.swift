import ArgumentParser
import Foundation
import ReportSiteCore

/// `reportsite init [DIR]`: a new site, or with `--theme` the built-in theme copied out to edit.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new site in a folder, or copy the built-in theme out to edit (--theme).",
        discussion: """
            Writes Content/site.yml, Content/topics.yml (nine topics), one short example report \
            (Content/reports/example-2025.md) and .gitignore into DIR (created if missing). The \
            site needs no templates: the built-in theme is used. Refuses a folder that already \
            holds a site or any of these files, writing nothing; --force writes only the missing \
            files and never overwrites one.

            With --theme, writes the built-in theme into DIR/Templates/ instead, to edit: each \
            file there overrides the built-in one of the same name (delete the ones you do not \
            change). Refuses when any of its files exists; --force adds only the missing ones.
            """)

    @Argument(help: "The site's folder.")
    var directory = "."

    @Flag(help: "Copy the built-in theme into DIR/Templates/ instead of creating a site.")
    var theme = false

    @Flag(help: "Write only the files that are missing; an existing file is never overwritten.")
    var force = false

    func run() throws {
        let part: SiteStarter.Part = theme ? .theme : .site
        let outcome: SiteStarter.Outcome
        do {
            outcome = try SiteStarter.create(part, in: BuildOptions.url(directory), displayPath: directory, force: force)
        } catch {
            printError(error.rendered)
            throw ExitCode.failure
        }
        for path in outcome.written { print("  wrote \(path)") }
        for kept in outcome.kept { print("  kept  \(kept.path) (\(kept.reason))") }
        let folder = BuildOptions.url(directory).path == FileManager.default.currentDirectoryPath ? nil : directory
        switch part {
        case .site:
            print(outcome.written.isEmpty ? "Nothing to add: the site has every file." : "Created a site\(folder.map { " in \($0)" } ?? "").")
            print("Next:")
            if let folder { print("  cd \(shellQuoted(folder))") }
            print("  reportsite import REPORT.docx     # add a report (Word or text) to Content/reports/")
            print("  reportsite build                  # then open Output/index.html")
        case .theme:
            let templates = (folder.map { $0 + "/" } ?? "") + "Templates/"
            print(outcome.written.isEmpty
                ? "Nothing to add: \(templates) has every file of the built-in theme."
                : "Copied the built-in theme into \(templates) (\(outcome.written.count) files). Edit any of them; a file you delete falls back to the built-in one.")
        }
    }
}

/// `text` as one shell word: unchanged when it is plain, else in single quotes.
func shellQuoted(_ text: String) -> String {
    let plain = text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || "0123456789-_./+".unicodeScalars.contains($0) }
    return plain && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
