import Foundation
import Testing
@testable import ReportSiteCore

/// The extraction rules, one small text each (`shared/docs/domain.md` section 5).
@Suite("Figures: extraction rules")
struct FigureExtractorRuleTests {
    static let review = FigureContext(phase: .review, reportYear: 2022)
    static let plan = FigureContext(phase: .plan, reportYear: 2022)
    static let fiveYear = FigureContext(phase: .fiveYear, reportYear: 2022)

    static func extract(_ text: String, _ context: FigureContext = review) -> [ExtractedFigure] {
        FigureExtractor.extract(text, context: context)
    }

    /// Numbers that are not indicators: years, dates, programme names, streaks, codes, hotlines,
    /// names with digits, grades, versions, titles.
    @Test(arguments: [
        "2021年，全市上下坚持以习近平新时代中国特色社会主义思想为指导。",
        "用最短时间打赢了10月22日发生的疫情防控阻击战。",
        "启动实施“六大产业集群”三年行动计划。",
        "粮食喜获“十八连丰”。",
        "S29呼凉高速、G6京藏高速建成通车。",
        "58条便民热线整合为一号受理“12345”接诉即办平台。",
        "PM2.5平均浓度持续下降，5G网络覆盖城区。",
        "莫尼山非遗小镇被评为国家4A级景区。",
        "城市大脑升级到2.0版。",
        "制定出台《吸引人才政策10条》。",
        "取消国道209线桃花收费站，地铁1、2号线开通运营。",
        "食糖产量连续33个榨季排全国第一。",
        "1—11月规模以上工业能耗强度持续下降。",
        "基本形成“1+N+X”规划体系。",
    ])
    func numbersThatAreNotIndicatorsGiveNoFigure(text: String) {
        let found = Self.extract(text).filter { $0.value != nil && $0.value != "58" }
        #expect(found.isEmpty, "\(found.map(\.display))")
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        let display: String
        let indicator: String
        let value: String
        var high: String? = nil
        let unit: String
        let measure: FigureMeasure
        var modifier: FigureModifier = .exact
        var direction = ""
        /// Figures in the text; the case describes the last.
        var count = 1
        var testDescription: String { display }
    }

    @Test(arguments: [
        Case(text: "粮食总产量达到35.4亿斤。", display: "35.4亿斤", indicator: "粮食总产量", value: "35.4", unit: "亿斤", measure: .level),
        Case(text: "地区生产总值增长６．５％。", display: "６．５％", indicator: "地区生产总值", value: "6.5", unit: "％", measure: .growth, direction: "增长"),
        Case(text: "空气优良天数较上年提升6.8个百分点。", display: "6.8个百分点", indicator: "空气优良天数", value: "6.8", unit: "个百分点", measure: .points, direction: "提升"),
        Case(text: "比重由上年18.9%提升至28.1%。", display: "28.1%", indicator: "比重", value: "28.1", unit: "%", measure: .level, direction: "提升", count: 2),
        Case(text: "在全国36个重点城市中绿化清秀指数排名第2位。", display: "第2位", indicator: "绿化清秀指数排名", value: "2", unit: "位", measure: .rank),
        Case(text: "金山高新区全国排名提升10位。", display: "10位", indicator: "金山高新区全国排名", value: "10", unit: "位", measure: .rank, direction: "提升"),
        Case(text: "是正常消纳能力的10倍。", display: "10倍", indicator: "正常消纳能力", value: "10", unit: "倍", measure: .multiple),
        Case(text: "新增专精特新企业3—5家。", display: "3—5家", indicator: "专精特新企业", value: "3", high: "5", unit: "家", measure: .level, direction: "新增"),
        Case(text: "每个县建设1-2个示范区。", display: "1-2个", indicator: "示范区", value: "1", high: "2", unit: "个", measure: .level),
        Case(text: "地区生产总值增长6.5%—7%。", display: "6.5%—7%", indicator: "地区生产总值", value: "6.5", high: "7", unit: "%", measure: .growth, direction: "增长"),
        Case(text: "全社会研究与试验发展经费投入近50亿元。", display: "近50亿元", indicator: "全社会研究与试验发展经费投入", value: "50", unit: "亿元", measure: .level, modifier: .nearly),
        Case(text: "预算收入约1.5万亿元。", display: "约1.5万亿元", indicator: "预算收入", value: "1.5", unit: "万亿元", measure: .level, modifier: .about),
        Case(text: "市场主体总量超过1.5亿户。", display: "超过1.5亿户", indicator: "市场主体总量", value: "1.5", unit: "亿户", measure: .level, modifier: .over),
        Case(text: "可再生能源发电装机规模突破10亿千瓦。", display: "突破10亿千瓦", indicator: "可再生能源发电装机规模", value: "10", unit: "亿千瓦", measure: .level, modifier: .over),
        Case(text: "拆除各类大型广告牌匾1200余处。", display: "1200余处", indicator: "大型广告牌匾", value: "1200", unit: "处", measure: .level, modifier: .over),
        Case(text: "城镇调查失业率控制在5.5%以内。", display: "5.5%以内", indicator: "城镇调查失业率", value: "5.5", unit: "%", measure: .level, modifier: .within),
        Case(text: "单位GDP能耗下降7.5%以上。", display: "7.5%以上", indicator: "单位GDP能耗", value: "7.5", unit: "%", measure: .growth, modifier: .atLeast, direction: "下降"),
        Case(text: "居民消费价格涨幅3%左右。", display: "3%左右", indicator: "居民消费价格", value: "3", unit: "%", measure: .growth, modifier: .around),
        Case(text: "17个农畜产品入选《全国名特优新产品目录》。", display: "17个", indicator: "农畜产品", value: "17", unit: "个", measure: .level),
        Case(text: "3700多万学生受益。", display: "3700多万", indicator: "学生", value: "3700", unit: "万", measure: .level, modifier: .over),
        Case(text: "完成高标准农田建设51.2万亩。", display: "51.2万亩", indicator: "高标准农田建设", value: "51.2", unit: "万亩", measure: .level),
        Case(text: "PM2.5年均浓度32.3微克/立方米。", display: "32.3微克/立方米", indicator: "PM2.5年均浓度", value: "32.3", unit: "微克/立方米", measure: .level),
    ])
    func figureHasValueUnitMeasureModifierAndSubject(_ wanted: Case) throws {
        let found = Self.extract(wanted.text)
        let figure = try #require(found.last, "no figure in \(wanted.text)")
        #expect(found.count == wanted.count, "\(found.map(\.display))")
        #expect(figure.display == wanted.display)
        #expect(figure.indicator == wanted.indicator)
        #expect(figure.value == wanted.value)
        #expect(figure.valueHigh == wanted.high)
        #expect(figure.unit == wanted.unit)
        #expect(figure.measure == wanted.measure)
        #expect(figure.modifier == wanted.modifier)
        #expect(figure.direction == wanted.direction)
    }

    @Test func fenbiePairsSubjectsWithNumbersInOrder() {
        let found = Self.extract("化肥和农药使用量分别下降3.47%和2%，地膜回收利用率、秸秆综合利用率分别达到81%、91%。")
        #expect(found.map(\.indicator) == ["化肥使用量", "农药使用量", "地膜回收利用率", "秸秆综合利用率"])
        #expect(found.map(\.measure) == [.growth, .growth, .level, .level])
        #expect(found.map(\.direction) == ["下降", "下降", "", ""])
    }

    @Test func chengxiangSplitsIntoUrbanAndRuralAndGeTakesTheSameSubjects() {
        let found = Self.extract("城乡居民人均可支配收入分别达到53026元和22435元、各增长6.5%和9.5%。")
        #expect(found.map(\.indicator) == ["城镇居民人均可支配收入", "农村居民人均可支配收入", "城镇居民人均可支配收入", "农村居民人均可支配收入"])
        #expect(found.map(\.measure) == [.level, .level, .growth, .growth])
    }

    @Test func clauseWithoutSubjectTakesThePreviousOne() {
        let found = Self.extract("社会消费品零售总额完成1104.7亿元、增长7%，空气优良天数达到318天，较上年提升6.8个百分点。")
        #expect(found.map(\.indicator) == ["社会消费品零售总额", "社会消费品零售总额", "空气优良天数", "空气优良天数"])
    }

    @Test func thresholdsQualifyingACountedNounAreNotFigures() {
        let found = Self.extract("完成投资1000亿元以上，其中50亿元以上重大项目26个、10亿元以上重大项目201个。", Self.plan)
        #expect(found.map(\.display) == ["1000亿元以上", "26个", "201个"])
        #expect(found.map(\.indicator) == ["投资", "50亿元以上重大项目", "10亿元以上重大项目"])
    }

    @Test(arguments: [
        (ReportPhase.review, "城镇新增就业6.42万人。", FigureKind.achievement, "2021"),
        (.review, "预计地区生产总值增长6%左右。", .estimate, "2021"),
        (.review, "四年来，新增城镇就业20.7万人。", .achievement, "2018—2021"),
        (.plan, "城镇新增就业7万人以上。", .target, "2022"),
        (.plan, "去年城镇新增就业6.42万人。", .achievement, "2021"),
        (.fiveYear, "新增优质学位5万个以上。", .fiveYearTarget, "今后五年"),
        (.review, "久泰100万吨乙二醇项目进入调试阶段。", .project, "2021"),
    ])
    func kindAndPeriodComeFromThePartTheSentenceAndProjectNames(phase: ReportPhase, text: String, kind: FigureKind, period: String) throws {
        let figure = try #require(Self.extract(text, FigureContext(phase: phase, reportYear: 2022)).first)
        #expect(figure.kind == kind)
        #expect(figure.period == period)
    }

    @Test func mainTargetsIncludeQualitativeItems() {
        let found = Self.extract("今年发展主要预期目标是：国内生产总值增长5.5%左右；居民收入增长与经济增长基本同步；粮食产量保持在1.3万亿斤以上。", Self.plan)
        #expect(found.map(\.display) == ["5.5%左右", "居民收入增长与经济增长基本同步", "1.3万亿斤以上"])
        #expect(found.map(\.measure) == [.growth, .qualitative, .level])
        #expect(found.allSatisfy { $0.isMainTarget && $0.kind == .target })
    }

    @Test func glossaryPartsHaveNoFigures() {
        #expect(Self.extract("13.EFlops：每秒进行一百亿亿次（1018次）浮点运算。", FigureContext(phase: .glossary, reportYear: 2025)).isEmpty)
    }

    @Test(arguments: [
        ("3121.4", 8, "312140000000"), ("2.6", 12, "2600000000000"), ("0.5", 0, "0.5"), ("6.35", 4, "63500"), ("7", 0, "7"), ("1.37", 12, "1370000000000"),
    ])
    func scalingMovesTheDecimalPointExactly(text: String, exponent: Int, scaled: String) {
        #expect(DecimalText.shift(text, by: exponent) == scaled)
    }

    @Test(arguments: [
        (["一、2021年及本届政府工作回顾", "二、今后五年主要任务", "三、2022年工作安排", "四、全面提升政府治理能力水平"], 2022, [ReportPhase.review, .fiveYear, .plan, .plan]),
        (["一、2021年工作回顾", "二、2022年经济社会发展总体要求和政策取向", "三、2022年政府工作任务"], 2022, [.review, .plan, .plan]),
        (["一、2024年工作回顾", "二、2025年工作安排", "附件1 2025年省十件民生实事", "附件2 名词解释"], 2025, [.review, .plan, .plan, .glossary]),
    ])
    func partsGetTheirPhaseFromTheHeading(headings: [String], year: Int, phases: [ReportPhase]) {
        #expect(ReportPhase.phases(ofParts: headings, year: year) == phases)
    }

    @Test(arguments: [("国内生产总值", "地区生产总值"), ("全省地区生产总值", "地区生产总值"), ("全市生产总值", "地区生产总值"), ("规上工业增加值", "规模以上工业增加值"), ("城乡常住居民人均可支配收入", "城乡居民人均可支配收入"), ("单位GDP能耗", "单位地区生产总值能耗")])
    func indicatorNamesCompareAcrossReports(name: String, canonical: String) {
        #expect(IndicatorNames.canonical(name) == canonical)
    }
}
