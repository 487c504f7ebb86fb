import Foundation
import Testing
@testable import ReportSiteCore

/// Paths inside the repository, found from this file's location.
enum Repository {
    /// The package root (the folder holding Package.swift).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let content = root.appendingPathComponent("Content")
    static let templates = root.appendingPathComponent("Templates")
    static let fixtures = root.appendingPathComponent("Tests/ReportSiteCoreTests/Fixtures")
}

/// A fresh temporary folder, removed when the value is released by `withTemporaryDirectory`.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("reportsite-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// Copies a folder (recursively) to a destination that must not exist yet.
func copyTree(_ source: URL, to destination: URL) throws {
    try FileManager.default.copyItem(at: source, to: destination)
}

/// Every regular file under `directory`, as sorted relative paths (hidden files included, but
/// not the build cache, `.reportsite-cache/`, unless `includingCache`).
func listFiles(_ directory: URL, includingCache: Bool = false) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
    var files: [String] = []
    for case let relative as String in enumerator {
        if !includingCache && (relative == BuildCache.folderName || relative.hasPrefix(BuildCache.folderName + "/")) { continue }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent(relative).path, isDirectory: &isDirectory),
           !isDirectory.boolValue {
            files.append(relative)
        }
    }
    return files.sorted()
}

/// Builds with absolute paths and returns the summary, or the failure's diagnostic summaries
/// with the given folder prefix removed (so expectations read `Content/reports/x.md:3:1: …`).
/// `builtin` replaces the built-in theme that `templates` overrides (`[]`: the folder alone).
func buildSite(content: URL, templates: URL, output: URL, dryRun: Bool = false, builtin: [BuiltinFile]? = nil) -> Result<BuildSummary, BuildFailure> {
    var options = BuildOptions(content: content.path, templates: templates.path, output: output.path, dryRun: dryRun)
    options.keepsFiles = true
    if let builtin { options.builtinTheme = builtin }
    let builder = SiteBuilder(options: options)
    do {
        return .success(try builder.build())
    } catch let failure as BuildFailure {
        return .failure(failure)
    } catch {
        return .failure(BuildFailure(diagnostics: [Diagnostic(.error, at: ReportSiteCore.SourceLocation(path: "?"), "\(error)", stage: .write)]))
    }
}

extension Result {
    var success: Success? { if case .success(let value) = self { return value } else { return nil } }
    var failure: Failure? { if case .failure(let error) = self { return error } else { return nil } }
}

/// Reads a UTF-8 file, failing the test when it cannot.
func readText(_ url: URL) throws -> String {
    let data = try #require(FileManager.default.contents(atPath: url.path), "missing \(url.path)")
    return try #require(String(data: data, encoding: .utf8))
}
