import ArgumentParser
import Foundation
import ReportSiteCore
import ReportSiteServer

struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, then rebuild whenever the content or templates change.",
        discussion: """
            Watches the content and templates directories (polling, debounced) and rebuilds \
            incrementally after each change. A failed build prints its errors and leaves the \
            last good site in place. Stop with Ctrl-C.
            """)

    @OptionGroup var folders: SiteFolders

    func run() async throws {
        let loop = RebuildLoop(options: folders.options)
        print("Watching \(folders.watched) (Ctrl-C to stop).")
        let output = folders.output
        try await loop.run(progress: { Self.progressLine() }, onBuild: { outcome in
            Self.stopProgress()
            BuildReport.print(outcome, output: output)
        })
    }

    // One progress line per build, shown only if the build takes over a second.
    nonisolated(unsafe) private static var line: ProgressLine?

    static func progressLine() -> BuildProgress {
        let progress = BuildProgress()
        line?.stop()
        line = ProgressLine(progress: progress, enabled: true)
        return progress
    }

    static func stopProgress() { line?.stop() }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, serve the site over HTTP, rebuild on change and reload open pages.",
        discussion: """
            Serves the output directory (only files inside it; not its hidden files) at \
            http://HOST:PORT/, watches the content and templates and rebuilds incrementally \
            after each change; open pages reload through server-sent events. A failed build \
            prints its errors here and shows them over open pages, while the last good site \
            stays served. The reload script is added to served pages only, never to the files. \
            Stop with Ctrl-C.
            """)

    @OptionGroup var folders: SiteFolders

    @Option(help: "The address to listen on (127.0.0.1: this machine only).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8000

    func run() async throws {
        let server = SiteServer(options: folders.options, host: host, port: port)
        let output = folders.output
        let host = self.host
        do {
            try await server.run(
                progress: { Watch.progressLine() },
                onBuild: { outcome in
                    Watch.stopProgress()
                    BuildReport.print(outcome, output: output)
                },
                onStarted: { port in
                    print("Serving \(output)/ at http://\(host):\(port)/ (Ctrl-C to stop); watching \(folders.watched).")
                    fflush(nil)
                })
        } catch {
            // SwiftNIO's bind error reads `bind(descriptor:ptr:bytes:): Address already in use) (errno: 98)`.
            let text = String(describing: error)
            if text.contains("Address already in use") || text.contains("errno: 98") {
                throw ServeError(description: "port \(port) on \(host) is already in use by another program; choose another with --port (--port 0 picks a free one)")
            }
            if text.contains("Cannot assign requested address") || text.contains("errno: 99") {
                throw ServeError(description: "cannot listen on \(host): it is not an address of this machine; use 127.0.0.1 (this machine only) or 0.0.0.0 (every network)")
            }
            throw error
        }
    }
}

extension SiteFolders {
    /// The folders `watch` and `serve` watch, for their first line: the templates folder is
    /// watched even before it exists (creating it overrides the built-in theme).
    var watched: String {
        let templatesExist = FileManager.default.fileExists(atPath: BuildOptions.url(templates).path)
        if templatesExist { return "\(content)/ and \(templates)/" }
        // A folder named with --templates must exist: the build fails until it does.
        return "\(content)/ and \(templates)/" + (options.templatesRequired
            ? " (named with --templates but missing: create it, or leave --templates out to use the built-in theme)"
            : " (none yet: the built-in theme is used)")
    }
}

/// A problem met while serving (not a usage error: printed as `Error: …`, exit status 1, no usage text).
struct ServeError: Error, CustomStringConvertible {
    let description: String
}
