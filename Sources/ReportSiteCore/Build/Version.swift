/// The tool's identity, printed by `reportsite --version`.
public enum ReportSiteVersion {
    /// Semantic version of ReportSite.
    public static let current = "0.1.0"
}
