import Testing
@testable import ReportSiteCore

@Suite("Topic classification")
struct KeywordMatcherTests {
    static let ecology = TopicDefinition(
        key: "ecology", nameZh: "生态环境", nameEn: "Ecology", description: "",
        keywords: ["生态", "生态环境", "污染", "PM2.5"], ambiguous: ["草原": ["rural"], "节能": ["industry"]],
        exclude: ["政治生态", "产业生态"])
    static let education = TopicDefinition(
        key: "education", nameZh: "教育", nameEn: "Education", description: "",
        keywords: ["教育", "高校", "学校"], exclude: ["高校毕业生", "警示教育"])
    static let catalog = TopicCatalog(topics: [ecology, education])

    func topics(_ text: String, edits: [TopicEdit] = []) -> [String] {
        var log = DiagnosticLog()
        var reported = Set<ReportSiteCore.SourceLocation>()
        let passage = Passage(anchor: "p", kind: .paragraph, inlines: [], text: text, leadSentence: nil, location: ReportSiteCore.SourceLocation(path: "x"), topicEdits: edits)
        return Classifier(catalog: Self.catalog).classify(passage, reported: &reported, log: &log).topics
    }

    @Test func longestKeywordWins() {
        let matches = KeywordMatcher(topic: Self.ecology).matches(in: TextFolding.fold("加强生态环境保护"))
        #expect(matches.map(\.term) == ["生态环境"])
        #expect(matches.first?.range == 2..<6)
    }

    @Test(arguments: [
        ("政治生态持续净化", [String]()),
        ("产业生态和政治生态", []),
        ("政治生态好，生态也好", ["ecology"]),
        ("2万多名高校毕业生选择首府创业就业", []),
        ("支持高校建设", ["education"]),
        ("开展警示教育", []),
        ("草原", []),
        ("草原和节能", ["ecology"]),
        ("ＰＭ２．５浓度下降", ["ecology"]),
        ("学校周边污染治理", ["ecology", "education"]),
    ])
    func exclusionsAndWeights(text: String, expected: [String]) {
        #expect(topics(text) == expected)
    }

    @Test func annotationsWinOverKeywords() {
        let location = ReportSiteCore.SourceLocation(path: "x", line: 1, column: 1)
        #expect(topics("学校周边污染治理", edits: [TopicEdit(key: "ecology", add: false, location: location)]) == ["education"])
        #expect(topics("政治生态", edits: [TopicEdit(key: "ecology", add: true, location: location)]) == ["ecology"])
        // Later (more specific) edits win over earlier ones.
        #expect(topics("污染", edits: [
            TopicEdit(key: "ecology", add: false, location: location), TopicEdit(key: "ecology", add: true, location: location),
        ]) == ["ecology"])
    }

    @Test func unknownTopicInAnnotationIsReportedOnceWithItsLocation() {
        var log = DiagnosticLog()
        var reported = Set<ReportSiteCore.SourceLocation>()
        let location = ReportSiteCore.SourceLocation(path: "Content/reports/x.md", line: 7, column: 16)
        let passage = Passage(anchor: "p", kind: .paragraph, inlines: [], text: "污染", leadSentence: nil, location: location, topicEdits: [TopicEdit(key: "ecolgy", add: true, location: location)])
        let classifier = Classifier(catalog: Self.catalog)
        _ = classifier.classify(passage, reported: &reported, log: &log)
        _ = classifier.classify(passage, reported: &reported, log: &log)
        #expect(log.errors.map(\.summary) == ["Content/reports/x.md:7:16: error: unknown topic `ecolgy` in annotation"])
        #expect(log.errors.first?.hint?.contains("did you mean `ecology`?") == true)
    }
}
