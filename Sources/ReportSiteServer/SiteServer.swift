import Foundation
import Hummingbird
import Logging
import ReportSiteCore

/// `reportsite serve`: builds the site, serves the output directory over HTTP, rebuilds when
/// `Content/` or `Templates/` change, and reloads open pages through server-sent events.
///
/// - Only files inside the output directory are served (``SitePath``); the manifest and the
///   cache (hidden files) are not.
/// - HTML responses get the live-reload script (``LiveReload``); the files on disk never do.
/// - A failed build prints its diagnostics (through `report`) and shows them over open pages,
///   while the last good site stays served.
public final class SiteServer: Sendable {
    public let options: BuildOptions
    public let host: String
    public let port: Int
    private let loop: RebuildLoop
    private let hub = EventHub()

    /// - Parameters:
    ///   - host: the address to listen on; `127.0.0.1` by default (this machine only).
    ///   - port: the port; 0 for any free port (see `onStarted`).
    public init(options: BuildOptions, host: String = "127.0.0.1", port: Int = 8000, watcher: ChangeWatcher? = nil) {
        self.options = options
        self.host = host
        self.port = port
        loop = RebuildLoop(options: options, watcher: watcher)
    }

    /// Builds, then serves and watches until the task is cancelled.
    /// - Parameters:
    ///   - progress: counters for each build's progress line, or `nil`.
    ///   - onBuild: called after each build (to print it).
    ///   - onStarted: called with the port once the server listens.
    public func run(
        progress: @escaping @Sendable () -> BuildProgress? = { nil },
        onBuild: @escaping @Sendable (RebuildOutcome) async -> Void,
        onStarted: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let hub = self.hub
        let root = BuildOptions.url(options.outputPath)
        let router = Router()
        router.get(RouterPath(LiveReload.eventsPath)) { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                body: ResponseBody(asyncSequence: hub.subscribe()))
        }
        router.get("**") { request, _ -> Response in Self.respond(to: request.uri.path, root: root, head: false) }
        router.head("**") { request, _ -> Response in Self.respond(to: request.uri.path, root: root, head: true) }
        router.get("/") { request, _ -> Response in Self.respond(to: request.uri.path, root: root, head: false) }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "ReportSite"),
            onServerRunning: { channel in await onStarted(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "reportsite.serve", factory: { _ in SwiftLogNoOpLogHandler() }))

        try await withThrowingTaskGroup(of: Void.self) { group in
            let loop = self.loop
            // The first build comes before the server listens, so the first page is there.
            let first = await loop.build(progress: progress())
            await onBuild(first)
            Self.publish(first, to: hub)
            group.addTask {
                try await withTaskCancellationHandler {
                    try await app.run()
                } onCancel: {
                    hub.close()
                }
            }
            group.addTask {
                var seen = loop.watcher.fingerprint()
                while !Task.isCancelled {
                    seen = try await loop.watcher.waitForChange(since: seen)
                    let outcome = await loop.build(progress: progress())
                    await onBuild(outcome)
                    Self.publish(outcome, to: hub)
                }
            }
            defer { hub.close() }
            try await group.next()
            group.cancelAll()
        }
    }

    // MARK: - Private

    private static func publish(_ outcome: RebuildOutcome, to hub: EventHub) {
        switch outcome {
        case .built: hub.buildSucceeded(reload: outcome.changedSite)
        case .failed(let failure): hub.buildFailed(failure.diagnostics.map(\.rendered).joined(separator: "\n"))
        }
    }

    /// The response for a file request.
    static func respond(to rawPath: String, root: URL, head: Bool) -> Response {
        switch SitePath.resolve(rawPath, in: root) {
        case .forbidden:
            return page(.badRequest, "400 请求的路径不允许 · Bad request")
        case .notFound:
            // The site's own 404 page, as a static host shows it (its links start at the host's
            // root, `/…`, which is where `serve` serves the site); a short page before the first build.
            if let data = FileManager.default.contents(atPath: root.appendingPathComponent("404.html").path),
               let html = String(data: data, encoding: .utf8) {
                return Response(
                    status: .notFound, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
                    body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(string: LiveReload.inject(into: html))))
            }
            return page(.notFound, "404 没有这个文件 · Not found: \(rawPath)")
        case .redirect(let location):
            return Response(status: .movedPermanently, headers: [.location: location])
        case .file(let url):
            guard var data = FileManager.default.contents(atPath: url.path) else { return page(.notFound, "404 · Not found") }
            let type = SitePath.contentType(of: url)
            if type.hasPrefix("text/html"), let html = String(data: data, encoding: .utf8) {
                data = Data(LiveReload.inject(into: html).utf8)
            }
            var headers: HTTPFields = [.contentType: type, .cacheControl: "no-cache"]
            if head { headers[.contentLength] = String(data.count) }
            return Response(status: .ok, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    /// A small HTML page (with the live-reload script, so it reloads once the file exists).
    private static func page(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let escaped = message.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        let html = LiveReload.inject(into: "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>\(status.code)</title><body><p>\(escaped)</p></body></html>")
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}
