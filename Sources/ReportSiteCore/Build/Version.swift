import Foundation

/// The tool's identity, printed by `reportsite --version`.
public enum ReportSiteVersion {
    /// Semantic version of ReportSite.
    public static let current = "0.1.0"

    /// The running executable's identity: its size in bytes and modification time (seconds),
    /// `size-mtime`; empty when the executable cannot be found. Part of what every cache entry
    /// and render key is made from (``BuildOptions/toolVersion``), so that a rebuilt or upgraded
    /// binary never reuses pages or cached reports that an older one made: the semantic version
    /// does not change with every build of the tool. A `stat`, not a hash of the binary, so a
    /// build with nothing changed stays a few milliseconds.
    public static let executable: String = {
        guard let path = Bundle.main.executablePath,
              let attributes = try? FileManager.default.attributesOfItem(atPath: URL(fileURLWithPath: path).resolvingSymlinksInPath().path),
              let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date
        else { return "" }
        return "\(size.intValue)-\(Int(modified.timeIntervalSince1970))"
    }()
}
