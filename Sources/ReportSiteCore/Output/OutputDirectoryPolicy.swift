import Foundation

/// Decides whether a folder may be used as the output directory.
///
/// Refused: the content or templates directory itself, a folder that contains either of them,
/// a folder inside either of them, and a folder that holds `.git` (a repository's root), since a
/// build deletes the files it wrote earlier and no longer produces; also a path that is (or runs
/// through) a symbolic link to nothing, which no folder can be created at. Paths are compared after
/// resolving `..` and symbolic links.
enum OutputDirectoryPolicy {
    /// The reasons the output directory is refused; empty when it may be used.
    /// - Parameters:
    ///   - output: the output directory, absolute.
    ///   - outputDisplay: how the user wrote it, for the diagnostics' location.
    ///   - protected: the content and templates directories, with how to show them.
    /// - Returns: errors of the write stage, at `outputDisplay`, each with a hint.
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
        if let link = danglingLink(in: output) {
            let named = link.path == output.standardizedFileURL.path ? "output path" : "folder \(link.path) of the output path"
            refuse(
                "\(named) is a symbolic link to \(link.target), which does not exist",
                hint: "create the folder it points to (`mkdir -p \(link.resolvedTarget)`), remove the link, or build into another folder with --output")
            return problems
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

    /// The first symbolic link along `url` (itself or a folder above it) whose target does not
    /// exist, with the target as the link reads and as an absolute path (a relative target is
    /// read from the link's folder); `nil` when there is none.
    static func danglingLink(in url: URL) -> (path: String, target: String, resolvedTarget: String)? {
        var path = ""
        for component in url.standardizedFileURL.pathComponents.dropFirst() {
            path += "/" + component
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else {
                // A real folder or file goes on; a missing one ends the walk (nothing below exists).
                if FileManager.default.fileExists(atPath: path) { continue } else { return nil }
            }
            if !FileManager.default.fileExists(atPath: path) {
                let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
                let resolved = target.hasPrefix("/") ? target : folder.appendingPathComponent(target).standardizedFileURL.path
                return (path, target, resolved)
            }
        }
        return nil
    }

    private static func isAncestor(_ a: [String], of b: [String]) -> Bool {
        a.count < b.count && Array(b.prefix(a.count)) == a
    }
}
