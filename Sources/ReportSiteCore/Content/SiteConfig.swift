import Foundation
import Yams

/// The site settings read from `Content/site.yml`.
///
/// ```yaml
/// title: 政府工作报告阅读        # required
/// description: …                # optional, one sentence for the home page
/// language: zh-CN               # optional, default zh-CN; the pages' `lang`
/// base_url: https://example.org/reports/   # optional; unset: nothing absolute is written
/// reports: [hohhot-2022]        # optional: report order (slugs); unlisted reports follow
/// ```
public struct SiteConfig: Sendable, Equatable {
    public var title: String
    public var description: String?
    public var language: String
    /// Absolute URL of the published site, ending in `/`, or `nil`.
    public var baseURL: String?
    /// Report slugs in the order the site lists them.
    public var reportOrder: [String]

    public init(title: String, description: String? = nil, language: String = "zh-CN", baseURL: String? = nil, reportOrder: [String] = []) {
        self.title = title
        self.description = description
        self.language = language
        self.baseURL = baseURL
        self.reportOrder = reportOrder
    }

    static let knownKeys = ["title", "description", "language", "base_url", "reports"]

    /// `text` as a base URL, normalised (``BaseURL/normalize(_:)``: ASCII host, percent-encoded
    /// path ending in `/`), or `nil` when it is refused (the reason: ``BaseURL``).
    public static func normalizedBaseURL(_ text: String) -> String? {
        try? BaseURL.normalize(text)
    }
}

extension SiteConfig {
    /// Reads `site.yml`.
    ///
    /// - Parameters:
    ///   - text: the file's text.
    ///   - path: the displayed path, for diagnostics.
    /// - Returns: the settings and the location of each listed slug (so that an unknown slug can
    ///   be located), or `nil` when the file cannot be read as settings at all. Settings with
    ///   a bad optional value are still returned (the value dropped), so later checks can run;
    ///   the error in `log` fails the build.
    static func parse(_ text: String, path: String, log: inout DiagnosticLog) -> (SiteConfig, [String: SourceLocation])? {
        let source = YAMLSource(path: path, text: text, lineOffset: 0)
        guard let fields = YAMLFields(parsing: source, what: "site settings", log: &log) else {
            return nil
        }
        fields.warnAboutUnknownKeys(known: knownKeys, log: &log)
        let title = fields.string("title", required: true, log: &log)
        let description = fields.string("description", required: false, log: &log)
        let language = fields.string("language", required: false, log: &log) ?? "zh-CN"
        var baseURL = fields.string("base_url", required: false, log: &log)
        if let url = baseURL {
            do {
                baseURL = try BaseURL.normalize(url)
            } catch let problem as BaseURL.Problem {
                baseURL = nil
                log.report(source.diagnostic(
                    .error, at: fields.value("base_url"), "`base_url` \"\(url)\" cannot be used: \(problem.reason)",
                    hint: "write it like `https://example.org/reports/`, or remove the line for a site that works from any folder"))
            } catch {
                baseURL = nil
            }
        }
        var order: [String] = []
        var locations: [String: SourceLocation] = [:]
        for (slug, node) in fields.stringList("reports", required: false, log: &log) ?? [] {
            if locations[slug] != nil {
                log.report(source.diagnostic(.error, at: node, "report `\(slug)` is listed twice in `reports`", hint: "remove one of the two lines"))
                continue
            }
            order.append(slug)
            locations[slug] = source.location(of: node)
        }
        guard let title else { return nil }
        return (SiteConfig(title: title, description: description, language: language, baseURL: baseURL, reportOrder: order), locations)
    }
}
