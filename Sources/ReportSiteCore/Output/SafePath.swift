import Foundation

/// Paths that stay inside a folder: for the files the build writes (and packs), and for the
/// requests a preview server answers.
///
/// Every file of a site has a relative path made by ``Permalinks`` from validated slugs, topic
/// keys and asset names, so none can leave the output directory; the build checks it all the
/// same before writing (defence in depth: no slug, front-matter value or annotation reaches a
/// path unchecked).
public enum SafePath {
    /// True when `relativePath` names a file inside its folder: not empty, not absolute, no `..`
    /// or `.` component, no empty component (`a//b`), no backslash, NUL or other control character.
    public static func isContained(_ relativePath: String) -> Bool {
        guard !relativePath.isEmpty, !relativePath.hasPrefix("/"),
              !relativePath.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" || $0.value == 0x7F })
        else { return false }
        let components = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        return components.allSatisfy { !$0.isEmpty && $0 != ".." && $0 != "." }
    }

    /// The file a preview server should send for `requestPath`, or `nil` to answer 404.
    ///
    /// - Parameters:
    ///   - requestPath: the path of the request as received (`/reports/x/index.html?q=1`,
    ///     percent-encoded); the query and fragment are ignored.
    ///   - root: the output directory.
    /// - Returns: the file inside `root` (symbolic links resolved), `index.html` for a folder;
    ///   `nil` when the path is malformed, has a `..` component (also encoded, `%2e%2e`, or with
    ///   a backslash), a NUL, or leads (through a link) outside `root`, or names no regular file.
    public static func resolve(requestPath: String, in root: URL) -> URL? {
        var path = Substring(requestPath)
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
        // Decoded once: `%252e` stays the literal name `%2e`, which is no traversal.
        guard let decoded = String(path).removingPercentEncoding else { return nil }
        guard decoded.hasPrefix("/") || decoded.isEmpty else { return nil }
        var relative = String(decoded.drop { $0 == "/" })
        if relative.isEmpty || relative.hasSuffix("/") { relative += "index.html" }
        guard isContained(relative) else { return nil }
        let base = root.standardizedFileURL.resolvingSymlinksInPath()
        let candidate = base.appendingPathComponent(relative).standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        var file = candidate
        guard FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            file = candidate.appendingPathComponent("index.html").resolvingSymlinksInPath()
            guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        }
        let inside = base.pathComponents
        guard file.pathComponents.count > inside.count, Array(file.pathComponents.prefix(inside.count)) == inside else { return nil }
        return file
    }
}
