import Testing
@testable import ReportSiteCore

@Suite("Slugs and anchors")
struct SlugAndAnchorTests {
    @Test(arguments: [
        ("积极扩大有效投资。", 24, "积极扩大有效投资"),
        ("2021年及本届政府工作回顾", 24, "2021年及本届政府工作回顾"),
        ("推动总部经济、会展经济、外向型经济突破发展", 24, "推动总部经济-会展经济-外向型经济突破发展"),
        ("Hello, World", 24, "hello-world"),
        ("ＰＭ２．５浓度", 24, "pm2-5浓度"),
        ("“十四五”规划", 24, "十四五-规划"),
        ("现在，我代表市人民政府向大会报告工作", 12, "现在-我代表市人民政府向大"),
        ("——", 12, ""),
        ("⽂化", 24, "文化"),
    ])
    func anchorFromText(text: String, length: Int, expected: String) {
        #expect(Slug.anchor(from: text, maxLength: length) == expected)
    }

    @Test(arguments: [
        ("一、2021年及本届政府工作回顾", "2021年及本届政府工作回顾"),
        ("（一）着力扩大投资促进消费", "着力扩大投资促进消费"),
        ("(二) 全力推进创城“强引领”", "全力推进创城“强引领”"),
        ("1.六大优势产业", "六大优势产业"),
        ("加强政府自身建设", "加强政府自身建设"),
        ("一、", "一、"),
    ])
    func strippingOrdinal(heading: String, expected: String) {
        #expect(Slug.strippingOrdinal(heading) == expected)
    }

    @Test func collidingAnchorsGetNumberedInDocumentOrder() {
        var allocator = AnchorAllocator(reserved: ["gdp"])
        #expect(allocator.allocate("各位代表") == "各位代表")
        #expect(allocator.allocate("各位代表") == "各位代表-2")
        #expect(allocator.allocate("各位代表") == "各位代表-3")
        #expect(allocator.allocate("gdp") == "gdp-2")
        #expect(allocator.allocate("main") == "main-2")
        #expect(allocator.allocate("") == "p")
    }

    @Test(arguments: [("hohhot-2022", true), ("呼和浩特-2022", true), ("Hohhot", false), ("a b", false), ("../x", false), (".hidden", false), ("", false)])
    func reportSlugValidity(slug: String, valid: Bool) {
        #expect(Slug.isValidReportSlug(slug) == valid)
    }

    @Test(arguments: [("gdp-target", true), ("目标_1", true), ("-x", false), ("a b", false), ("a#b", false), ("a\"b", false)])
    func explicitAnchorValidity(anchor: String, valid: Bool) {
        #expect(Slug.isValidAnchor(anchor) == valid)
    }

    @Test func permalinksAreRelativeAndNameFiles() {
        #expect(Permalinks.link(to: .topic(key: "ecology"), from: .report(slug: "x"), fragment: "x--a") == "../../topics/ecology/index.html#x--a")
        #expect(Permalinks.link(to: .report(slug: "x"), from: .home) == "reports/x/index.html")
        #expect(Permalinks.link(to: .asset(path: "style.css"), from: .topicsIndex) == "../assets/style.css")
        #expect(Permalinks.absolute(.report(slug: "x"), baseURL: "https://e.org/r/") == "https://e.org/r/reports/x/")
    }

    @Test(arguments: [
        ("2022-02-10", "2022-02-10"), ("2025-3-1", "2025-03-01"), ("2025年3月1日", "2025-03-01"),
        ("03-01-2025", nil), ("2023-02-29", nil), ("2024-02-29", "2024-02-29"), ("tomorrow", nil),
    ] as [(String, String?)])
    func datesAreNormalisedOrRejected(text: String, expected: String?) {
        #expect(ReportMetadata.normalizedDate(text) == expected)
    }
}
