import Foundation
import Testing
@testable import ReportSiteCore

/// The extractor against mentions labelled by hand (`Fixtures/figures/`, see its README.md):
/// precision and recall of finding the figures, and agreement on their fields, on three samples:
/// - `labelled-mentions.json` (34 passages of the Hohhot 2022 and national 2022 reports): the
///   rules were written on it;
/// - `tuning-mentions.json` (4 passages of Inner Mongolia 2025): labelled as a held-out check,
///   but rules were then added from its passages, so it is a second tuning sample;
/// - `untouched-mentions.json` (40 passages of Shanghai 2025): labelled and committed before the
///   extractor ran on that report; no rule may be added from it. Its thresholds sit just below
///   what the first run measured: they say how the rules do on text they were not tuned on.
@Suite("Figures: labelled sample")
struct FiguresLabelledSampleTests {
    struct Sample: Decodable {
        struct Passage: Decodable {
            let report: String
            let passage: String
            let mentions: [Label]
        }
        struct Label: Decodable {
            let text: String
            let indicator: String
            let value: String
            let unit: String
            let measure: String
            let modifier: String
            let kind: String
        }
        let passages: [Passage]
    }

    /// How the extractor did on the sample.
    struct Score {
        var labelled = 0
        var extracted = 0
        var matched = 0
        var fieldAgreement: [String: Int] = [:]
        var problems: [String] = []
        var precision: Double { extracted == 0 ? 0 : Double(matched) / Double(extracted) }
        var recall: Double { labelled == 0 ? 0 : Double(matched) / Double(labelled) }
        func agreement(_ field: String) -> Double { matched == 0 ? 0 : Double(fieldAgreement[field] ?? 0) / Double(matched) }
    }

    static func loadSample(_ name: String = "labelled-mentions") throws -> Sample {
        let url = Repository.fixtures.appendingPathComponent("figures/\(name).json")
        let data = try #require(FileManager.default.contents(atPath: url.path))
        return try JSONDecoder().decode(Sample.self, from: data)
    }

    /// Scores the extractor on every labelled passage of the real content. Numeric figures are
    /// matched to labels by value and unit, in text order; qualitative targets are left out
    /// (the Hohhot headline test checks them).
    static func score(_ name: String = "labelled-mentions") throws -> Score {
        let sample = try loadSample(name)
        let (index, figures) = try #require(realSiteFigures)
        var score = Score()
        for labelled in sample.passages {
            let entries = index.entries.filter { index.reports[$0.reportIndex].slug == labelled.report && index.passage($0).text.contains(labelled.passage) }
            // A labelled passage that cannot be found fails the test: skipping it would score
            // the extractor on fewer mentions than were labelled.
            let entry = try #require(entries.count == 1 ? entries.first : nil, "\(name): \(labelled.report): \(entries.count) passages contain «\(labelled.passage)»; the sample no longer matches the content")
            let found = (figures.mentionsByEntry[entry.order] ?? []).map { figures.mentions[$0].figure }.filter { $0.value != nil }
            score.labelled += labelled.mentions.count
            score.extracted += found.count
            var unmatched = found
            for label in labelled.mentions {
                guard let position = unmatched.firstIndex(where: { $0.value == label.value && $0.unit == label.unit }) else {
                    score.problems.append("missed  \(labelled.report) «\(label.text)» \(label.indicator)")
                    continue
                }
                let figure = unmatched.remove(at: position)
                score.matched += 1
                let fields: [(String, String, String)] = [
                    ("indicator", figure.indicator, label.indicator),
                    ("measure", figure.measure.rawValue, label.measure),
                    ("modifier", figure.modifier.rawValue, label.modifier),
                    ("kind", figure.kind.rawValue, label.kind),
                ]
                // Lenient: one name holds the other (`全区接待游客` for `游客`).
                if !label.indicator.isEmpty, !figure.indicator.isEmpty,
                   figure.indicator.contains(label.indicator) || label.indicator.contains(figure.indicator) {
                    score.fieldAgreement["indicator-overlap", default: 0] += 1
                }
                for (field, got, wanted) in fields {
                    if got == wanted {
                        score.fieldAgreement[field, default: 0] += 1
                    } else {
                        score.problems.append("\(field.padding(toLength: 9, withPad: " ", startingAt: 0)) «\(label.text)» got \(got), labelled \(wanted)")
                    }
                }
            }
            for figure in unmatched {
                score.problems.append("extra   \(labelled.report) «\(figure.display)» \(figure.indicator) in «\(figure.sourceText)»")
            }
        }
        return score
    }

    static func summary(_ score: Score) -> String {
        String(
            format: "labelled %d, extracted %d, matched %d: precision %.3f, recall %.3f; agreement among matched: indicator %.3f (one holds the other %.3f), measure %.3f, modifier %.3f, kind %.3f",
            score.labelled, score.extracted, score.matched, score.precision, score.recall,
            score.agreement("indicator"), score.agreement("indicator-overlap"), score.agreement("measure"), score.agreement("modifier"), score.agreement("kind"))
    }

    /// The second tuning sample (Inner Mongolia 2025; rules were added from its passages, so it
    /// is not held out).
    @Test func extractorOnTheSecondTuningSample() throws {
        let score = try Self.score("tuning-mentions")
        let summary = Self.summary(score)
        print("Figures tuning sample (Inner Mongolia): " + summary)
        if ProcessInfo.processInfo.environment["FIGURES_VERBOSE"] != nil { print(score.problems.joined(separator: "\n")) }
        #expect(score.labelled == 58)
        #expect(score.precision >= 0.90, "\(summary)\n\(score.problems.joined(separator: "\n"))")
        #expect(score.recall >= 0.85, "\(summary)")
        #expect(score.agreement("indicator") >= 0.75, "\(summary)")
    }

    /// The untouched sample (Shanghai 2025): labelled before the extractor ever ran on the
    /// report. Its first and only run (before any rule could be changed from it) measured:
    /// labelled 161, extracted 162, matched 160: precision 0.988, recall 0.994; agreement among
    /// matched: indicator 0.706 (one holds the other 0.963), measure 1.000, modifier 0.994, kind
    /// 1.000. The thresholds sit just below those numbers, so the test fails if the rules get
    /// worse on text they were not tuned on; raising a number by a rule made from these passages
    /// is not allowed (Fixtures/figures/README.md).
    @Test func extractorOnTheUntouchedSample() throws {
        let score = try Self.score("untouched-mentions")
        let summary = Self.summary(score)
        print("Figures untouched sample (Shanghai): " + summary)
        if ProcessInfo.processInfo.environment["FIGURES_VERBOSE"] != nil { print(score.problems.joined(separator: "\n")) }
        #expect(score.labelled == 161)
        #expect(score.precision >= 0.98, "\(summary)\n\(score.problems.joined(separator: "\n"))")
        #expect(score.recall >= 0.99, "\(summary)")
        #expect(score.agreement("indicator") >= 0.70, "\(summary)")
        #expect(score.agreement("measure") >= 0.99, "\(summary)")
        #expect(score.agreement("modifier") >= 0.99, "\(summary)")
        #expect(score.agreement("kind") >= 0.99, "\(summary)")
    }

    @Test func samplesHoldTheMentionsTheirFilesSay() throws {
        let sample = try Self.loadSample()
        #expect(Set(sample.passages.map(\.report)) == ["hohhot-2022", "china-2022"])
        #expect(sample.passages.count == 34)
        #expect(sample.passages.reduce(0) { $0 + $1.mentions.count } == 174)
        let untouched = try Self.loadSample("untouched-mentions")
        #expect(Set(untouched.passages.map(\.report)) == ["shanghai-2025"])
        #expect(untouched.passages.count == 40)
        #expect(untouched.passages.reduce(0) { $0 + $1.mentions.count } == 161)
    }

    @Test func extractorFindsLabelledFiguresWithHighPrecisionAndRecall() throws {
        let score = try Self.score()
        let summary = Self.summary(score)
        print("Figures sample: " + summary)
        if ProcessInfo.processInfo.environment["FIGURES_VERBOSE"] != nil { print(score.problems.joined(separator: "\n")) }
        #expect(score.precision >= 0.90, "\(summary)\n\(score.problems.joined(separator: "\n"))")
        #expect(score.recall >= 0.90, "\(summary)")
        #expect(score.agreement("measure") >= 0.95, "\(summary)")
        #expect(score.agreement("modifier") >= 0.95, "\(summary)")
        #expect(score.agreement("kind") >= 0.95, "\(summary)")
        #expect(score.agreement("indicator") >= 0.75, "\(summary)")
    }
}

/// The real `Content/` with its figures, made once for every test that reads them.
let realSiteFigures: (index: SiteIndex, figures: FigureIndex)? = {
    guard let index = try? realSiteIndex() else { return nil }
    return (index, FigureIndex(index: index))
}()

/// The real `Content/` loaded, structured, classified and linked (no rendering).
func realSiteIndex() throws -> SiteIndex {
    var log = DiagnosticLog()
    let loaded = try #require(ContentLoader(directory: Repository.content, displayPath: "Content").load(log: &log))
    let classifier = Classifier(catalog: loaded.topics)
    let reports = loaded.reports.compactMap { ReportStructurer(source: $0).structure(log: &log) }.compactMap { classifier.classify($0, log: &log) }
    return SiteIndex(site: loaded.site, catalog: loaded.topics, reports: reports)
}
