import Foundation

/// Decides whether a folder may be used as the output directory.
///
/// Refused: the content or templates directory itself, a folder that contains either of them,
/// a folder inside either of them, and a folder that holds `.git` (a repository's root), since a
/// build deletes the files it wrote earlier and no longer produces. Paths are compared after
/// resolving `..` and symbolic links.
enum OutputDirectoryPolicy {
    /// The reasons the output directory is refused; empty when it may be used.
    static func check(output: URL, outputDisplay: String, protected: [(url: URL, display: String)]) -> [Diagnostic] {
        let out = resolved(output)
        var problems: [Diagnostic] = []
        func refuse(_ message: String, hint: String) {
            problems.append(Diagnostic(.error, at: SourceLocation(path: outputDisplay), message, hint: hint, stage: .write))
        }
        for (url, display) in protected {
            let other = resolved(url)
            if out == other {
                refuse("output directory is the same folder as \(display)", hint: "choose a separate folder, e.g. --output Output")
            } else if isAncestor(out, of: other) {
                refuse("output directory contains \(display)", hint: "choose a folder beside \(display), not above it, e.g. --output Output")
            } else if isAncestor(other, of: out) {
                refuse("output directory is inside \(display)", hint: "choose a folder outside \(display), e.g. --output Output")
            }
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            refuse("output path is a file, not a folder", hint: "choose a folder (it is created if missing), e.g. --output Output")
        }
        if FileManager.default.fileExists(atPath: output.appendingPathComponent(".git").path) {
            refuse("output directory holds a .git repository", hint: "build into a folder of its own, e.g. --output Output, and copy it from there")
        }
        return problems
    }

    /// The absolute path components of `url`, with `..` and symbolic links resolved as far as
    /// the path exists.
    static func resolved(_ url: URL) -> [String] {
        var existing = url.standardizedFileURL
        var missing: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.pathComponents.count > 1 {
            missing.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        return existing.resolvingSymlinksInPath().pathComponents + missing
    }

    private static func isAncestor(_ a: [String], of b: [String]) -> Bool {
        a.count < b.count && Array(b.prefix(a.count)) == a
    }
}
