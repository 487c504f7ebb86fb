import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ReportSiteCore

/// The figures in the built real site: pages, charts and data files.
@Suite("Figures: pages, charts and data")
struct FiguresSiteTests {
    func withRealSite(_ body: (URL) throws -> Void) throws {
        try withTemporaryDirectory { temp in
            let output = temp.appendingPathComponent("Output")
            let result = buildSite(content: Repository.content, templates: Repository.templates, output: output)
            _ = try #require(result.success, "build failed: \(result.failure?.description ?? "")")
            try body(output)
        }
    }

    /// Every `<svg …>…</svg>` of a page.
    static func svgElements(_ html: String) -> [String] {
        var found: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg "), let end = rest[start.lowerBound...].range(of: "</svg>") {
            found.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return found
    }

    /// True when `text` is well-formed XML.
    static func isWellFormedXML(_ text: String) -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }

    @Test func everyChartIsWellFormedXMLWithRoleTitleAndDescription() throws {
        try withRealSite { output in
            var charts = 0
            for path in listFiles(output) where path.hasSuffix(".html") {
                let html = try readText(output.appendingPathComponent(path))
                for svg in Self.svgElements(html) {
                    charts += 1
                    #expect(Self.isWellFormedXML(svg), "\(path): \(svg.prefix(200))")
                    #expect(svg.contains("role=\"img\"") && svg.contains("<title id=") && svg.contains("<desc id="), "\(path)")
                    #expect(!svg.contains("style=") && !svg.contains("fill=\"#"), "\(path): colours belong in the stylesheet")
                }
            }
            // Each report: targets, up to three units, words; the overview: comparisons.
            #expect(charts == 58, "\(charts) charts")
            let hohhot = try readText(output.appendingPathComponent("reports/hohhot-2022/figures/index.html"))
            #expect(Self.svgElements(hohhot).count == 5)
        }
    }

    /// A target of decline (江苏：单位地区生产总值能耗下降2%左右) reads as a decline in every table
    /// and chart, and one indicator in two units is two labelled rows (found by a new-user trial).
    @Test func declinesAndUnitsAreNamedInTablesAndCharts() throws {
        try withRealSite { output in
            let jiangsu = try readText(output.appendingPathComponent("reports/jiangsu-2025/figures/index.html"))
            #expect(jiangsu.contains(">下降2%左右</a>"), "the headline table drops 下降")
            #expect(!jiangsu.contains("单位地区生产总值能耗增长"))
            let overview = try readText(output.appendingPathComponent("figures/index.html"))
            #expect(overview.contains(">单位地区生产总值能耗</a> <small>降幅</small>"))
            #expect(!overview.contains("单位地区生产总值能耗增长"))
            #expect(overview.contains(">粮食产量</a> <small>水平 · 以斤计</small>") && overview.contains(">粮食产量</a> <small>水平 · 以吨计</small>"))
            // Each indicator's page: the decline reads 下降, and Hohhot's 城乡 income target's two
            // results of last year say which is urban and which rural.
            let energy = try readText(output.appendingPathComponent(try indicatorPage("单位地区生产总值能耗", in: overview)))
            #expect(energy.contains(">下降2%左右</a>"))
            #expect(!energy.contains("单位地区生产总值能耗增长"))
            let income = try readText(output.appendingPathComponent(try indicatorPage("城乡居民人均可支配收入", in: overview)))
            #expect(income.contains("<td>城镇 6.5% · 农村 9.5%</td>"))
        }
    }

    @Test func figuresPagesAreLinkedFromReportsNavigationAndTopics() throws {
        try withRealSite { output in
            let files = Set(listFiles(output))
            for slug in ["hohhot-2022", "china-2022", "anhui-2025", "zhejiang-2025"] {
                #expect(files.contains("reports/\(slug)/figures/index.html"))
                #expect(files.contains("reports/\(slug)/figures/figures.csv") && files.contains("reports/\(slug)/figures/figures.json"))
                let report = try readText(output.appendingPathComponent("reports/\(slug)/index.html"))
                #expect(report.contains("href=\"../../reports/\(slug)/figures/index.html\""), "\(slug) does not link to its figures")
            }
            #expect(files.contains("figures/index.html") && files.contains("figures/figures.csv") && files.contains("figures/reports.csv"))
            #expect(!files.contains("figures/figures.json"))
            let home = try readText(output.appendingPathComponent("index.html"))
            #expect(home.contains("href=\"figures/index.html\""))
            let ecology = try readText(output.appendingPathComponent("topics/ecology/hohhot-2022/index.html"))
            // Each entry shows its passage's figures; the page links to the report's figures page.
            #expect(ecology.contains("<span class=\"figure\">空气优良天数 <b>318天</b></span>"))
            #expect(ecology.contains("href=\"../../../reports/hohhot-2022/figures/index.html\""))
            let figures = try readText(output.appendingPathComponent("reports/hohhot-2022/figures/index.html"))
            #expect(figures.contains(">城镇 6.5% · 农村 9.5%<") && figures.contains(">7%左右<"))
            #expect(brokenLinks(inSite: output).isEmpty)
        }
    }

    @Test func csvAndJSONHaveTheSameRowsAndColumns() throws {
        try withRealSite { output in
            var total = 0
            for path in listFiles(output) where path.hasSuffix("figures.csv") && path.hasPrefix("reports/") {
                let csv = try readText(output.appendingPathComponent(path))
                let jsonPath = String(path.dropLast(3)) + "json"
                let data = try #require(FileManager.default.contents(atPath: output.appendingPathComponent(jsonPath).path))
                let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
                let rows = try #require(json["figures"] as? [[Any]])
                let slug = path.split(separator: "/")[1].description
                #expect(json["columns"] as? [String] == FigureExport.reportJSONColumns)
                #expect((json["report"] as? [String: Any])?["report"] as? String == slug)
                #expect(rows.allSatisfy { $0.count == FigureExport.reportJSONColumns.count })
                let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
                #expect(lines.first == FigureExport.siteColumns.joined(separator: ","))
                // No field holds a line break, so lines are records.
                #expect(lines.count - 1 == rows.count, "\(path): \(lines.count - 1) CSV rows, \(rows.count) JSON rows")
                #expect(!csv.hasPrefix("\u{FEFF}"))
                #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(slug + ",") })
                total += rows.count
            }
            // The site-wide CSV: every report's rows once, without the report-level columns,
            // which reports.csv holds once per report (joined on `report`).
            let site = try readText(output.appendingPathComponent("figures/figures.csv")).components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(site.first == FigureExport.siteColumns.joined(separator: ","))
            #expect(site.count - 1 == total)
            #expect(total == 1862, "\(total) figures in the ten reports")
            let reports = try readText(output.appendingPathComponent("figures/reports.csv")).components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(reports.first == FigureExport.reportColumns.joined(separator: ","))
            #expect(reports.count - 1 == 10)
            #expect(reports.contains { $0.hasPrefix("hohhot-2022,呼和浩特市2022年政府工作报告,呼和浩特市,city,2022,reports/hohhot-2022/index.html,") })
            // Values are exact: 3121.4亿元 is 312140000000.
            let hohhot = try readText(output.appendingPathComponent("reports/hohhot-2022/figures/figures.json"))
            #expect(hohhot.contains("\"地区生产总值\", 3121.4, null, \"亿元\", \"元\", 100000000, 312140000000, null, \"level\""))
            #expect(hohhot.contains("\"report\": {\"report\": \"hohhot-2022\", \"report_title\": \"呼和浩特市2022年政府工作报告\", \"place\": \"呼和浩特市\", \"level\": \"city\", \"year\": 2022, \"url\": \"reports/hohhot-2022/index.html\""))
        }
    }
}

/// Word frequency: discovery, stop words and ranks.
@Suite("Figures: word frequency")
struct WordFrequencyTests {
    @Test func frequentWordsAreFoundWholeAndStopWordsAreNotCounted() throws {
        let (index, figures) = try #require(realSiteFigures)
        let hohhot = try #require(index.reports.firstIndex { $0.slug == "hohhot-2022" })
        let ranking = figures.words[hohhot]
        let terms = ranking.entries.map(\.term)
        for word in ["首府", "呼和浩特", "产业集群", "生态"] { #expect(terms.prefix(60).contains(word), "\(word) not among the first 60") }
        for stop in ["加强", "推进", "坚持", "发展", "亿元"] { #expect(!terms.contains(stop), "\(stop) is counted") }
        // No fragment of 高质量发展 or of a longer word is counted as a word of its own.
        for fragment in ["质量发", "量发", "和浩"] { #expect(!terms.contains(fragment), "\(fragment) is counted") }
        #expect(ranking.entries.first?.rank == 1)
        #expect(zip(ranking.entries, ranking.entries.dropFirst()).allSatisfy { $0.count >= $1.count })
    }

    @Test func rankingsAreTheSameInEveryRun() {
        let texts = [["乡村振兴战略全面推进，乡村振兴取得成效。乡村振兴和生态保护。生态保护修复。"], ["生态保护修复工程。乡村振兴。生态保护。"]]
        let first = WordFrequency.rankings(of: texts, seeds: ["乡村振兴", "生态保护"])
        let second = WordFrequency.rankings(of: texts, seeds: ["乡村振兴", "生态保护"])
        #expect(first.map { $0.entries } == second.map { $0.entries })
        #expect(first[0].entries.first?.term == "乡村振兴" && first[0].entries.first?.count == 3)
    }

    /// With more than ten reports, a word table gives rank columns to nine others, those of the
    /// nearest years first (ties in site order), and counts every other report in one column:
    /// one column per report would make the site grow with the square of its reports.
    @Test func wordTablesOfALargeSiteCompareTheNearestYearsAndCountTheRest() throws {
        try withTemporaryDirectory { temp in
            let content = temp.appendingPathComponent("Content")
            try FileManager.default.copyItem(at: Repository.content, to: content)
            let hohhot = try readText(content.appendingPathComponent("reports/hohhot-2022.md"))
            for copy in ["copy-a-2022", "copy-b-2022"] {
                try hohhot.write(to: content.appendingPathComponent("reports/\(copy).md"), atomically: true, encoding: .utf8)
            }
            let siteFile = content.appendingPathComponent("site.yml")
            try (readText(siteFile) + "  - copy-a-2022\n  - copy-b-2022\n").write(to: siteFile, atomically: true, encoding: .utf8)
            let output = temp.appendingPathComponent("Output")
            _ = try #require(buildSite(content: content, templates: Repository.templates, output: output).success)
            let page = try readText(output.appendingPathComponent("reports/hohhot-2022/figures/index.html"))
            let table = try #require(page.range(of: "<table class=\"words-table\">").map { String(page[$0.lowerBound...]) })
            let header = String(table[..<(table.range(of: "</thead>")?.upperBound ?? table.endIndex)])
            let columns = header.components(separatedBy: "<th scope=\"col\" class=\"other-report\">").dropFirst()
                .map { String($0.prefix { $0 != "<" }) }
            // Eleven others: the three of 2022 (中国, two copies), then six of 2025 in site order;
            // the copies share place, year and title with Hohhot, so their labels add the slug.
            #expect(columns == ["中国 2022", "安徽省 2025", "北京市 2025", "广东省 2025", "广西壮族自治区 2025", "内蒙古自治区 2025", "江苏省 2025", "呼和浩特市 2022（copy-a-2022）", "呼和浩特市 2022（copy-b-2022）"])
            #expect(header.contains("<th scope=\"col\">其他报告中出现</th>"))
            #expect(page.contains("报告较多时只列出年份最接近的几份"))
            // The copies count the same words: each top word is in at least 2 of the 11 others.
            let counts = table.components(separatedBy: "<td>").compactMap { cell -> Int? in
                guard let end = cell.range(of: "/11</td>"), end.lowerBound > cell.startIndex else { return nil }
                return Int(cell[..<end.lowerBound])
            }
            #expect(counts.count == WordFrequency.tableLimit && counts.allSatisfy { $0 >= 2 && $0 <= 11 }, "\(counts)")
        }
    }
}

/// The path of an indicator's page, as the figures overview links it.
private func indicatorPage(_ name: String, in overview: String) throws -> String {
    let marker = "\">\(name)</a>"
    let end = try #require(overview.range(of: marker)?.lowerBound, "no indicator \(name)")
    let start = try #require(overview[..<end].range(of: "href=\"", options: .backwards)?.upperBound)
    return "figures/" + overview[start..<end]
}
