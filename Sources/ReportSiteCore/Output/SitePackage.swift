import Foundation
import ZIPFoundation

/// `reportsite pack`: the built site as one zip file, which opens offline wherever it is
/// unzipped (every link of the site is relative; nothing is loaded from the network).
///
/// The archive holds one folder, named after the zip (`site.zip` → `site/`), with the site in
/// it; the manifest of the output directory is not included. Entries are written in path order
/// with a fixed date, so the same site gives the same zip. The zip is made in memory and written
/// in one step; an existing file is replaced only with `force`, and only if it is a zip.
public enum SitePackage {
    /// The date stamped on every entry (zip dates start in 1980): packing twice gives the same bytes.
    static let entryDate = Date(timeIntervalSince1970: 315_532_800)

    /// The zip's bytes: `files` under the folder `folder`, compressed.
    /// - Throws: a ``Diagnostic`` when a path would leave the folder (it never does for a built
    ///   site: checked all the same) or the archive cannot be made.
    public static func archive(_ files: [OutputFile], folder: String, displayPath: String) throws(Diagnostic) -> Data {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for file in files.sorted(by: { $0.path < $1.path }) {
                guard SafePath.isContained(file.path) else {
                    throw Diagnostic(.error, at: SourceLocation(path: displayPath), "refused to pack `\(file.path)`: the path leaves the site's folder", stage: .write)
                }
                let data = file.data
                try archive.addEntry(
                    with: folder + "/" + file.path, type: .file, uncompressedSize: Int64(data.count),
                    modificationDate: entryDate, permissions: 0o644, compressionMethod: .deflate,
                    provider: { position, size in
                        let start = Int(position)
                        return data.subdata(in: start..<min(start + size, data.count))
                    })
            }
            guard let bytes = archive.data else {
                throw Diagnostic(.error, at: SourceLocation(path: displayPath), "cannot make the zip archive", stage: .write)
            }
            return bytes
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            throw Diagnostic(.error, at: SourceLocation(path: displayPath), "cannot make the zip archive: \(error)", stage: .write)
        }
    }

    /// Writes the zip of `files` to `url` (shown as `displayPath`).
    ///
    /// - Parameters:
    ///   - protected: folders the zip may not be written into (the content and templates).
    ///   - force: replace an existing zip file.
    /// - Returns: the zip's size in bytes.
    /// - Throws: a ``Diagnostic`` when the name does not end in `.zip`, the file exists (without
    ///   `force`, or when it is not a zip), it would go inside a protected folder, or it cannot be
    ///   written.
    @discardableResult
    public static func write(_ files: [OutputFile], to url: URL, displayPath: String, protected: [(url: URL, display: String)], force: Bool) throws(Diagnostic) -> Int {
        func refuse(_ message: String, _ hint: String) -> Diagnostic {
            Diagnostic(.error, at: SourceLocation(path: displayPath), message, hint: hint, stage: .write)
        }
        guard url.pathExtension.lowercased() == "zip", url.lastPathComponent.count > 4 else {
            throw refuse("the package must be a `.zip` file", "name it like `site.zip`")
        }
        let target = OutputDirectoryPolicy.resolved(url)
        for (folder, display) in protected {
            let other = OutputDirectoryPolicy.resolved(folder)
            if target.count > other.count && Array(target.prefix(other.count)) == other {
                throw refuse("the package would be written inside \(display)", "write it beside the content, e.g. `--output site.zip`")
            }
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw refuse("a folder stands where the package would be written", "choose another name") }
            if !force { throw refuse("file already exists; not overwritten", "pass --force to replace it") }
            let head = FileManager.default.contents(atPath: url.path)?.prefix(4) ?? Data()
            if !head.isEmpty && !head.starts(with: [0x50, 0x4B]) {
                throw refuse("file exists and is not a zip archive; not overwritten, even with --force", "choose another name")
            }
        }
        let folder = String(url.deletingPathExtension().lastPathComponent)
        let data = try archive(files.filter { $0.path != OutputWriter.manifestName }, folder: folder, displayPath: displayPath)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw refuse("cannot write the package: \(error.localizedDescription)", "check that the folder exists and is writable")
        }
        return data.count
    }
}
