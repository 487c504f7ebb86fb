import Foundation
import Testing
@testable import ReportSiteCore

/// The Hohhot 2022 report's headline figures, labelled by hand from its text: the nine
/// headline results of 2021 (twelve numbers) and the seven targets of 2022, each with value,
/// unit, measure, modifier and kind.
@Suite("Figures: Hohhot headline")
struct FiguresHohhotHeadlineTests {
    struct Expected: CustomTestStringConvertible, Sendable {
        let indicator: String
        let value: String?
        let unit: String
        let measure: FigureMeasure
        let modifier: FigureModifier
        let kind: FigureKind
        var testDescription: String { "\(indicator) \(value ?? "—")\(unit)" }
    }

    /// `地区生产总值完成3121.4亿元、增长6.5%，…各增长6.5%和9.5%。`
    static let results2021: [Expected] = [
        Expected(indicator: "地区生产总值", value: "3121.4", unit: "亿元", measure: .level, modifier: .exact, kind: .achievement),
        Expected(indicator: "地区生产总值", value: "6.5", unit: "%", measure: .growth, modifier: .exact, kind: .achievement),
        Expected(indicator: "规模以上工业增加值", value: "9.5", unit: "%", measure: .growth, modifier: .exact, kind: .achievement),
        Expected(indicator: "固定资产投资", value: "12.3", unit: "%", measure: .growth, modifier: .exact, kind: .achievement),
        Expected(indicator: "社会消费品零售总额", value: "1104.7", unit: "亿元", measure: .level, modifier: .exact, kind: .achievement),
        Expected(indicator: "社会消费品零售总额", value: "7", unit: "%", measure: .growth, modifier: .exact, kind: .achievement),
        Expected(indicator: "一般公共预算收入", value: "228.9", unit: "亿元", measure: .level, modifier: .exact, kind: .achievement),
        Expected(indicator: "一般公共预算收入", value: "5.4", unit: "%", measure: .growth, modifier: .exact, kind: .achievement),
        Expected(indicator: "城镇常住居民人均可支配收入", value: "53026", unit: "元", measure: .level, modifier: .exact, kind: .achievement),
        Expected(indicator: "农村常住居民人均可支配收入", value: "22435", unit: "元", measure: .level, modifier: .exact, kind: .achievement),
        Expected(indicator: "城镇常住居民人均可支配收入", value: "6.5", unit: "%", measure: .growth, modifier: .exact, kind: .achievement),
        Expected(indicator: "农村常住居民人均可支配收入", value: "9.5", unit: "%", measure: .growth, modifier: .exact, kind: .achievement),
    ]

    /// `主要预期目标是：地区生产总值增长7%左右，…完成自治区下达的节能减排目标任务。`
    static let targets2022: [Expected] = [
        Expected(indicator: "地区生产总值", value: "7", unit: "%", measure: .growth, modifier: .around, kind: .target),
        Expected(indicator: "规模以上工业增加值", value: "8", unit: "%", measure: .growth, modifier: .around, kind: .target),
        Expected(indicator: "固定资产投资", value: "10", unit: "%", measure: .growth, modifier: .around, kind: .target),
        Expected(indicator: "社会消费品零售总额", value: "10", unit: "%", measure: .growth, modifier: .around, kind: .target),
        Expected(indicator: "一般公共预算收入", value: "7", unit: "%", measure: .growth, modifier: .around, kind: .target),
        Expected(indicator: "城乡常住居民人均可支配收入", value: "8", unit: "%", measure: .growth, modifier: .around, kind: .target),
        Expected(indicator: "完成自治区下达的节能减排目标任务", value: nil, unit: "", measure: .qualitative, modifier: .exact, kind: .target),
    ]

    static func figures(ofPassageContaining marker: String) throws -> [ExtractedFigure] {
        let (index, figures) = try #require(realSiteFigures)
        let entry = try #require(index.entries.first { index.reports[$0.reportIndex].slug == "hohhot-2022" && index.passage($0).text.contains(marker) })
        return (figures.mentionsByEntry[entry.order] ?? []).map { figures.mentions[$0].figure }
    }

    static func check(_ found: [ExtractedFigure], against expected: [Expected], period: String) {
        #expect(found.count == expected.count, "\(found.map(\.display))")
        for (figure, wanted) in zip(found, expected) {
            #expect(figure.indicator == wanted.indicator, "\(wanted.testDescription)")
            #expect(figure.value == wanted.value, "\(wanted.testDescription)")
            #expect(figure.unit == wanted.unit, "\(wanted.testDescription)")
            #expect(figure.measure == wanted.measure, "\(wanted.testDescription)")
            #expect(figure.modifier == wanted.modifier, "\(wanted.testDescription)")
            #expect(figure.kind == wanted.kind, "\(wanted.testDescription)")
            #expect(figure.period == period, "\(wanted.testDescription)")
        }
    }

    @Test func headlineResultsOf2021AreExtractedWithValueUnitMeasureModifierAndKind() throws {
        Self.check(try Self.figures(ofPassageContaining: "地区生产总值完成3121.4亿元"), against: Self.results2021, period: "2021")
    }

    @Test func targetsOf2022AreExtractedAsMainTargets() throws {
        let found = try Self.figures(ofPassageContaining: "主要预期目标是")
        Self.check(found, against: Self.targets2022, period: "2022")
        #expect(found.allSatisfy { $0.isMainTarget })
    }

    @Test func headlineTablePairsEachTargetWithLastYearsResult() throws {
        let (index, figures) = try #require(realSiteFigures)
        let hohhot = try #require(index.reports.firstIndex { $0.slug == "hohhot-2022" })
        let rows = figures.headlines[hohhot].map { row in
            (figures.mentions[row.target].figure.display, row.results.map { figures.mentions[$0].figure.display })
        }
        #expect(rows.map(\.0) == ["7%左右", "8%左右", "10%左右", "10%左右", "7%左右", "8%左右", "完成自治区下达的节能减排目标任务"])
        #expect(rows.map(\.1) == [["6.5%"], ["9.5%"], ["12.3%"], ["7%"], ["5.4%"], ["6.5%", "9.5%"], []])
    }

    @Test func valueScaleIsAppliedExactlyAndTheUnitKeptAsWritten() throws {
        let gdp = try #require(try Self.figures(ofPassageContaining: "地区生产总值完成3121.4亿元").first)
        #expect(gdp.display == "3121.4亿元")
        #expect(gdp.scaleExponent == 8 && gdp.baseUnit == "元")
        #expect(gdp.scaledValue == "312140000000")
    }
}
