import Foundation
import Testing
@testable import ReportSiteCore

/// The base URL is written one way everywhere (ASCII host, percent-encoded path), and refused
/// with its reason when it would publish credentials or break every link.
@Suite("Base URL")
struct BaseURLTests {
    @Test(arguments: [
        ("https://例子.中国/报告/", "https://xn--fsqu00a.xn--fiqs8s/%E6%8A%A5%E5%91%8A/"),
        ("https://例子。中国/报告", "https://xn--fsqu00a.xn--fiqs8s/%E6%8A%A5%E5%91%8A/"),
        ("HTTPS://Example.ORG/Reports", "https://example.org/Reports/"),
        ("https://example.org", "https://example.org/"),
        ("http://example.org:8080/a%20b/", "http://example.org:8080/a%20b/"),
        ("https://bücher.example/", "https://xn--bcher-kva.example/"),
    ])
    func isNormalised(written: String, normalised: String) throws {
        #expect(try BaseURL.normalize(written) == normalised)
    }

    @Test(arguments: [
        ("http://user:pw@example.org/", "it has a user name or password (`…@`), which every page would publish"),
        ("https://example.org/?lang=zh", "it has a query or a fragment (`?…`, `#…`), which would end up inside every link"),
        ("https://example.org/#top", "it has a query or a fragment (`?…`, `#…`), which would end up inside every link"),
        ("ftp://example.org/", "it must start with https:// or http://"),
        ("https:///reports/", "it has no host"),
        ("https://example.org:80a/", "its port `80a` is not a number"),
        ("https://exa mple.org/", "it contains a space, a quote, a backslash or a control character"),
    ])
    func isRefusedWithItsReason(written: String, reason: String) {
        #expect(throws: BaseURL.Problem(reason: reason)) { try BaseURL.normalize(written) }
    }

    /// RFC 3492's encoding, checked against known IDNA labels.
    @Test(arguments: [("例子", "fsqu00a"), ("测试", "0zwm56d"), ("中国", "fiqs8s"), ("bücher", "bcher-kva"), ("münchen", "mnchen-3ya")])
    func punycodeOfKnownLabels(label: String, encoded: String) {
        #expect(BaseURL.punycode(label) == encoded)
    }

    /// A site built under a host and path in Chinese writes every sitemap URL in ASCII, its
    /// base as the slugs after it are: one encoding, not raw UTF-8 next to percent-escapes.
    @Test func aChineseBaseURLGivesAnASCIISitemap() throws {
        let summary = try SiteBuilder(options: BuildOptions(
            content: Repository.fixtures.appendingPathComponent("golden/basic/Content").path, templates: Repository.templates.path,
            dryRun: true, baseURL: "https://例子.中国/报告/")).build()
        let sitemap = try #require(summary.files.first { $0.path == "sitemap.xml" }.map { String(decoding: $0.data, as: UTF8.self) })
        let locations = sitemap.components(separatedBy: "<loc>").dropFirst().map { $0.components(separatedBy: "</loc>")[0] }
        #expect(!locations.isEmpty)
        for location in locations {
            #expect(location.hasPrefix("https://xn--fsqu00a.xn--fiqs8s/%E6%8A%A5%E5%91%8A/"), "\(location)")
            let ascii = location.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(ascii, "\(location)")
        }
    }
}
