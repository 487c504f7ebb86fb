import Foundation

/// Just enough HTML reading for link checking: attribute values and ids, found with regular
/// expressions over the generator's own, regular output.
struct HTMLPage {
    let path: String
    let html: String
    /// Every `id` in the page (computed once: link checking asks for it per link).
    let ids: Set<String>

    init(path: String, html: String) {
        self.path = path
        self.html = html
        ids = Set(Self.captures(#"\sid="([^"]*)""#, in: html).map(decodeEntities))
    }

    /// Values of `attribute` on every element (`href`, `src`), entity-decoded.
    func attributeValues(_ attribute: String) -> [String] {
        matches(#"\s\#(attribute)="([^"]*)""#).map(decodeEntities)
    }

    /// Stylesheet links (`<link rel="stylesheet" href>`).
    var stylesheets: [String] {
        matches(#"<link rel="stylesheet" href="([^"]*)""#).map(decodeEntities)
    }

    /// The page's text without tags, entities decoded.
    var text: String {
        let withoutTags = html.replacingOccurrences(of: #"<[^>]*>"#, with: "", options: .regularExpression)
        return decodeEntities(withoutTags)
    }

    private func matches(_ pattern: String) -> [String] { Self.captures(pattern, in: html) }

    private static func captures(_ pattern: String, in html: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(html.startIndex..., in: html)
        return regex.matches(in: html, range: range).compactMap { match in
            Range(match.range(at: 1), in: html).map { String(html[$0]) }
        }
    }
}

func decodeEntities(_ text: String) -> String {
    text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
        .replacingOccurrences(of: "&amp;", with: "&")
}

/// Resolves every internal `href`, `src` and form `action` of every HTML file in a built site.
///
/// - Returns: one line per broken link: the page, the link, and why.
func brokenLinks(inSite directory: URL) -> [String] {
    var pages: [String: HTMLPage] = [:]
    for path in listFiles(directory) where path.hasSuffix(".html") {
        if let data = FileManager.default.contents(atPath: directory.appendingPathComponent(path).path),
           let html = String(data: data, encoding: .utf8) {
            pages[path] = HTMLPage(path: path, html: html)
        }
    }
    var problems: [String] = []
    for (path, page) in pages.sorted(by: { $0.key < $1.key }) {
        for link in page.attributeValues("href") + page.attributeValues("src") + page.attributeValues("action") {
            // Not links into the site: the network (checked elsewhere), mail, and inline data (the empty icon).
            if link.hasPrefix("http:") || link.hasPrefix("https:") || link.hasPrefix("//") || link.hasPrefix("mailto:") || link.hasPrefix("data:") { continue }
            // An empty link points nowhere (a template printed a missing URL).
            if link.isEmpty {
                problems.append("\(path): an empty link")
                continue
            }
            let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            let file = String(parts[0])
            let fragment = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : nil
            let targetPath: String
            if file.isEmpty {
                targetPath = path
            } else {
                // The 404 page links from the host's root (a host shows it at any depth).
                let base = URL(fileURLWithPath: "/site/" + path).deletingLastPathComponent()
                let decoded = file.removingPercentEncoding ?? file
                let resolved = path == "404.html" && decoded.hasPrefix("/")
                    ? URL(fileURLWithPath: "/site" + decoded).standardizedFileURL.path
                    : URL(fileURLWithPath: decoded, relativeTo: base).standardizedFileURL.path
                guard resolved.hasPrefix("/site/") else {
                    problems.append("\(path): \(link) leaves the site")
                    continue
                }
                targetPath = String(resolved.dropFirst("/site/".count))
                if file.hasSuffix("/") || !FileManager.default.fileExists(atPath: directory.appendingPathComponent(targetPath).path) {
                    problems.append("\(path): \(link) names no file")
                    continue
                }
            }
            if let fragment, !fragment.isEmpty {
                guard let target = pages[targetPath] else {
                    problems.append("\(path): \(link) has a fragment but names no HTML page")
                    continue
                }
                if !target.ids.contains(fragment) { problems.append("\(path): \(link) names no id `\(fragment)` in \(targetPath)") }
            }
        }
    }
    return problems
}
