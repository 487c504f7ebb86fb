import Foundation
import Testing
@testable import ReportSiteCore

/// Paths that stay inside a folder: what the build writes and what a preview server may send.
@Suite("Safe paths")
struct SafePathTests {
    @Test(arguments: [
        ("index.html", true), ("reports/呼和浩特-2022/index.html", true), ("assets/style.css", true),
        ("", false), ("/etc/passwd", false), ("../x", false), ("reports/../../x", false), ("a/./b", false),
        ("a//b", false), ("a\\..\\b", false), ("a\u{0}b", false), ("..", false), ("reports/..", false),
    ])
    func containedRelativePaths(path: String, contained: Bool) {
        #expect(SafePath.isContained(path) == contained)
    }

    /// A small served folder: `index.html`, `reports/a/index.html`, a secret file beside it, and a
    /// symbolic link inside that points outside.
    func withServedFolder(_ body: (URL) throws -> Void) throws {
        try withTemporaryDirectory { temp in
            let root = temp.appendingPathComponent("Output")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("reports/a"), withIntermediateDirectories: true)
            try "home".write(to: root.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
            try "a".write(to: root.appendingPathComponent("reports/a/index.html"), atomically: true, encoding: .utf8)
            try "secret".write(to: temp.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("leak.txt"), withDestinationURL: temp.appendingPathComponent("secret.txt"))
            try body(root)
        }
    }

    @Test(arguments: [
        ("/", "index.html"), ("", "index.html"), ("/index.html", "index.html"), ("/index.html?q=生态#x", "index.html"),
        ("/reports/a/", "reports/a/index.html"), ("/reports/a/index.html", "reports/a/index.html"), ("/reports/a", "reports/a/index.html"),
        ("/reports/%61/index.html", "reports/a/index.html"),
    ])
    func requestsForFilesInsideAreServed(request: String, file: String) throws {
        try withServedFolder { root in
            let resolved = try #require(SafePath.resolve(requestPath: request, in: root))
            #expect(resolved.path == root.resolvingSymlinksInPath().appendingPathComponent(file).path)
        }
    }

    @Test(arguments: [
        "/../secret.txt", "/reports/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/reports/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt", "/..%5csecret.txt", "/reports\\..\\..\\secret.txt", "/index.html%00.txt", "//etc/passwd",
        "/leak.txt", "/missing.html", "/%ZZ", "reports/a/index.html",
    ])
    func traversalAndEscapesAreRefused(request: String) throws {
        try withServedFolder { root in
            #expect(SafePath.resolve(requestPath: request, in: root) == nil, "\(request) was served")
        }
    }
}
