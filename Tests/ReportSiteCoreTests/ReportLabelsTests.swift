import Foundation
import Testing
@testable import ReportSiteCore

/// Reports that share place and year are told apart in every list, and the build says so.
@Suite("Report labels")
struct ReportLabelsTests {
    /// The basic golden site plus a budget report and a second work report of 示例市 2024.
    func build() throws -> BuildSummary {
        try withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            try copyTree(Repository.fixtures.appendingPathComponent("golden/basic/Content"), to: content)
            let reports = content.appendingPathComponent("reports")
            let city = try readText(reports.appendingPathComponent("demo-city-2024.md"))
            try Data(city.replacingOccurrences(of: "title: 政府工作报告", with: "title: 预算执行情况报告").utf8)
                .write(to: reports.appendingPathComponent("demo-city-2024-budget.md"))
            try Data(city.utf8).write(to: reports.appendingPathComponent("demo-city-2024-copy.md"))
            let site = try readText(content.appendingPathComponent("site.yml"))
            try Data((site + "  - demo-city-2024-budget\n  - demo-city-2024-copy\n").utf8).write(to: content.appendingPathComponent("site.yml"))
            return try SiteBuilder(options: BuildOptions(content: content.path, templates: Repository.templates.path, dryRun: true)).build()
        }
    }

    @Test func sharedPlaceAndYearGetDistinctLabelsAndAWarning() throws {
        let summary = try build()
        let warnings = summary.warnings.filter { $0.message.contains("same place and year") }.map(\.rendered)
        #expect(warnings.count == 2, "\(warnings)")
        #expect(warnings.contains { $0.contains("/reports/demo-city-2024-budget.md: warning") && $0.contains("`示例市 2024（demo-city-2024）` and `示例市 2024 预算执行情况报告`") })
        let search = try #require(summary.files.first { $0.path == "search/index.html" }.map { String(decoding: $0.data, as: UTF8.self) })
        for label in ["示例市 2024 预算执行情况报告", "示例市 2024（demo-city-2024）", "示例市 2024（demo-city-2024-copy）", "示例省 2025"] {
            #expect(search.contains(">\(label)</option>"), "the search filter lacks \(label)")
        }
        let heatMap = try #require(summary.files.first { $0.path == "topics/index.html" }.map { String(decoding: $0.data, as: UTF8.self) })
        #expect(heatMap.contains(">示例市 2024 预算执行情况报告</a>"))
        #expect(!heatMap.contains(">示例市 2024</a>"))
    }
}
