import Foundation
import ReportSiteCore
import Testing
@testable import ReportSiteServer

/// `reportsite serve`: pages served with the reload script, a rebuild after an edit announced to
/// open pages, errors shown while the last good site stays, and nothing outside the site served.
@Suite("Serve")
struct ServeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let basic = root.appendingPathComponent("Tests/ReportSiteCoreTests/Fixtures/golden/basic/Content")
    static let templates = root.appendingPathComponent("Templates")

    @Test(.timeLimit(.minutes(2)))
    func servesAPageThenReloadsItWithTheNewContentAfterAnEdit() async throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("reportsite-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temp) }
        let content = temp.appendingPathComponent("Content")
        let output = temp.appendingPathComponent("Output")
        try FileManager.default.copyItem(at: Self.basic, to: content)
        let options = BuildOptions(content: content.path, templates: Self.templates.path, output: output.path)
        let watcher = ChangeWatcher(folders: [content, Self.templates], interval: .milliseconds(50), quietPeriod: .milliseconds(50))
        let server = SiteServer(options: options, host: "127.0.0.1", port: 0, watcher: watcher)
        let started = PortBox()
        let task = Task { try await server.run(onBuild: { _ in }, onStarted: { await started.set($0) }) }
        defer { task.cancel() }
        let port = try await started.wait(seconds: 60)
        let client = HTTPTestClient(port: port)
        let pagePath = "/reports/demo-city-2024/index.html"

        // The page, with the reload script; the file on disk without it.
        let page = try await offThePool { try client.get(pagePath) }
        #expect(page.status == 200)
        #expect(page.body.contains(LiveReload.marker))
        #expect(page.body.contains("新建工业项目20个"))
        let onDisk = try String(contentsOf: output.appendingPathComponent("reports/demo-city-2024/index.html"), encoding: .utf8)
        #expect(!onDisk.contains(LiveReload.marker))

        // An edit: the open page hears `reload`, and the page then has the new text.
        let report = content.appendingPathComponent("reports/demo-city-2024.md")
        let events = try await offThePool {
            try client.events(LiveReload.eventsPath, timeout: 60, opened: {
                try (try String(contentsOf: report, encoding: .utf8) + "\n新建实时更新的图书馆1座。\n").write(to: report, atomically: true, encoding: .utf8)
            }, until: { $0.contains("event: reload") })
        }
        #expect(events.contains("event: reload"))
        #expect(try await offThePool { try client.get(pagePath) }.body.contains("新建实时更新的图书馆1座"))

        // A broken report: the error is announced, the last good page is still served.
        let broken = try await offThePool {
            try client.events(LiveReload.eventsPath, timeout: 60, opened: {
                try "---\ntitle: [unclosed\n---\n".write(to: report, atomically: true, encoding: .utf8)
            }, until: { $0.contains("event: build-error") })
        }
        #expect(broken.contains("event: build-error"))
        #expect(broken.contains("demo-city-2024.md"))
        let stillServed = try await offThePool { try client.get(pagePath) }
        #expect(stillServed.status == 200 && stillServed.body.contains("新建实时更新的图书馆1座"))

        // Nothing outside the site, nothing hidden.
        for path in ["/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/reports/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
                     "/.reportsite-manifest.json", "/.reportsite-cache/state.bin", "/reports/..%2f..%2fetc/passwd"] {
            let reply = try await offThePool { try client.get(path) }
            #expect(reply.status == 400, "\(path) answered \(reply.status)")
            #expect(!reply.body.contains("root:"))
        }
        // A missing page answers 404 with the site's own 404 page, as a static host would.
        let missing = try await offThePool { try client.get("/no-such-page.html") }
        #expect(missing.status == 404)
        let notFoundPage = try String(contentsOf: output.appendingPathComponent("404.html"), encoding: .utf8)
        #expect(missing.body.contains(String(notFoundPage.prefix(200))))
        #expect(try await offThePool { try client.get("/reports") }.status == 301)

        // Stopping ends the server (and its event streams).
        task.cancel()
        _ = await task.result
        #expect((try? await offThePool { try client.get(pagePath, timeout: 2) }) == nil)
    }

    @Test(arguments: [
        ("/index.html", "file"), ("/", "file"), ("/reports/a/", "file"), ("/reports/a", "redirect"), ("/missing.html", "notFound"),
        ("/../secret.txt", "forbidden"), ("/%2e%2e/secret.txt", "forbidden"), ("/%2E%2e/secret.txt", "forbidden"),
        ("/reports/..%2fsecret.txt", "forbidden"), ("/reports/%2e%2e%2f%2e%2e%2fsecret.txt", "forbidden"),
        ("/.reportsite-manifest.json", "forbidden"), ("/reports//a/index.html", "forbidden"), ("/a%00b", "forbidden"),
        ("/%zz", "forbidden"), ("relative.html", "forbidden"), ("/outside-link/secret.txt", "forbidden"),
    ])
    func requestPathsResolveOnlyInsideTheSite(path: String, expected: String) throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("reportsite-paths-\(UUID().uuidString)")
        let site = temp.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("reports/a"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temp) }
        try "home".write(to: site.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try "a".write(to: site.appendingPathComponent("reports/a/index.html"), atomically: true, encoding: .utf8)
        try "{}".write(to: site.appendingPathComponent(".reportsite-manifest.json"), atomically: true, encoding: .utf8)
        try "secret".write(to: temp.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: site.appendingPathComponent("outside-link"), withDestinationURL: temp)
        let resolution = SitePath.resolve(path, in: site)
        switch resolution {
        case .file(let url): #expect(expected == "file" && url.path.hasPrefix(site.resolvingSymlinksInPath().path), "\(url.path)")
        case .redirect: #expect(expected == "redirect")
        case .notFound: #expect(expected == "notFound")
        case .forbidden: #expect(expected == "forbidden")
        }
    }

    @Test func theReloadScriptGoesBeforeTheEndOfTheBody() {
        let html = "<html><body><p>x</p></body></html>"
        let injected = LiveReload.inject(into: html)
        #expect(injected.hasPrefix("<html><body><p>x</p>" + LiveReload.marker))
        #expect(injected.hasSuffix("</body></html>"))
    }
}

/// The port the server listens on, once it does.
actor PortBox {
    private var port: Int?

    func set(_ port: Int) { self.port = port }

    func wait(seconds: Double) async throws -> Int {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let port { return port }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw HTTPTestClient.Failure(description: "the server did not start within \(seconds) s")
    }
}

/// Runs blocking socket work on a thread of its own, not on the tasks' shared pool (which the
/// server needs).
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
