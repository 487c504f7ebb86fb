import Foundation

/// Maps a request's path to a file of the output directory, refusing anything that could
/// leave it or reach what is not the site.
///
/// Refused (400): a path not starting with `/`; a malformed percent-escape; any segment that
/// is `.` or `..` or starts with `.` (hidden: the manifest, the cache, temporary files), before
/// or after percent-decoding (`%2e%2e`, `%2E%2E`); a decoded segment holding `/`, `\` or NUL.
/// A folder gives its `index.html` (a folder asked for without its final `/` is redirected, so
/// the page's relative links work). The file found must be a regular file whose real path
/// (symbolic links resolved) lies inside the output directory's real path.
public enum SitePath {
    /// Where a request leads.
    public enum Resolution: Equatable, Sendable {
        case file(URL)
        /// The same path with a final `/` (a folder).
        case redirect(String)
        case notFound
        case forbidden
    }

    /// Resolves `rawPath` (as sent, percent-encoded, without the query) in `root`.
    public static func resolve(_ rawPath: String, in root: URL) -> Resolution {
        guard rawPath.hasPrefix("/") else { return .forbidden }
        var segments: [String] = []
        let parts = rawPath.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() {
            if part.isEmpty {
                // `//` inside the path is refused; a final `/` names a folder.
                if index == parts.count - 1 { continue }
                return .forbidden
            }
            guard let decoded = String(part).removingPercentEncoding else { return .forbidden }
            if part.hasPrefix(".") || decoded.hasPrefix(".") || decoded.contains("/") || decoded.contains("\\") || decoded.contains("\0") {
                return .forbidden
            }
            segments.append(decoded)
        }
        let realRoot = root.resolvingSymlinksInPath().standardizedFileURL
        var url = realRoot
        for segment in segments { url.appendPathComponent(segment) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return .notFound }
        if isDirectory.boolValue {
            guard rawPath.hasSuffix("/") else { return .redirect(rawPath + "/") }
            url.appendPathComponent("index.html")
        }
        let real = url.resolvingSymlinksInPath().standardizedFileURL
        guard real.path.hasPrefix(realRoot.path.hasSuffix("/") ? realRoot.path : realRoot.path + "/") else { return .forbidden }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real.path, isDirectory: &isFolder), !isFolder.boolValue else { return .notFound }
        return .file(real)
    }

    /// The media type of a file, by its extension.
    public static func contentType(of url: URL) -> String {
        switch url.pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "csv": return "text/csv; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "txt": return "text/plain; charset=utf-8"
        case "xml": return "application/xml"
        case "woff2": return "font/woff2"
        default: return "application/octet-stream"
        }
    }
}
