import Foundation
import Testing
@testable import ReportSiteCore

/// The cases shared with the browser's tokenizer (`Fixtures/tokenizer-cases.json`); the
/// browser test feeds the same file to `search-tokenizer.js` in Chromium.
struct TokenizerCases: Decodable {
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let index: [[TokenPart]]
        let query: [[TokenPart]]
        var testDescription: String { name }

        func expected(_ mode: SearchTokenizer.Mode) -> [SearchToken] {
            (mode == .index ? index : query).compactMap { pair in
                guard pair.count == 2, case .term(let term) = pair[0], case .position(let position) = pair[1] else { return nil }
                return SearchToken(term, position)
            }
        }
    }

    /// One element of a `[term, position]` pair.
    enum TokenPart: Decodable, Sendable {
        case term(String)
        case position(Int)

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let position = try? container.decode(Int.self) { self = .position(position) } else { self = .term(try container.decode(String.self)) }
        }
    }

    struct Hash: Decodable, CustomTestStringConvertible, Sendable {
        let term: String
        let hash: UInt32
        var testDescription: String { term.isEmpty ? "(empty)" : term }
    }

    let cases: [Case]
    let hashes: [Hash]

    static let url = Repository.fixtures.appendingPathComponent("tokenizer-cases.json")
    static let shared: TokenizerCases? = {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try? JSONDecoder().decode(TokenizerCases.self, from: data)
    }()
}

@Suite("Search tokenizer")
struct SearchTokenizerTests {
    @Test func sharedCasesAreReadable() throws {
        let cases = try #require(TokenizerCases.shared, "cannot read \(TokenizerCases.url.path)")
        #expect(cases.cases.count == 35)
        for name in ["生态环境", "空气质量", "高标准农田", "6.5%", "3121.4亿元", "PM2.5", "5G", "增长６．５％"] {
            #expect(cases.cases.contains { $0.text == name }, "no case for \(name)")
        }
    }

    @Test(arguments: TokenizerCases.shared?.cases ?? [])
    func indexTokensMatchSharedCase(_ testCase: TokenizerCases.Case) {
        #expect(SearchTokenizer.tokenize(testCase.text, mode: .index) == testCase.expected(.index))
    }

    @Test(arguments: TokenizerCases.shared?.cases ?? [])
    func queryTokensMatchSharedCase(_ testCase: TokenizerCases.Case) {
        #expect(SearchTokenizer.tokenize(testCase.text, mode: .query) == testCase.expected(.query))
    }

    @Test(arguments: TokenizerCases.shared?.hashes ?? [])
    func termHashMatchesSharedCase(_ testCase: TokenizerCases.Hash) {
        #expect(SearchShards.hash(testCase.term) == testCase.hash)
    }

    @Test(arguments: [("生态", 2), ("生", 1), ("6.5%", 1), ("pm", 1), ("𠀀业", 2), ("a生", 1)])
    func termWidthCountsPositions(term: String, width: Int) {
        #expect(SearchTokenizer.width(of: term) == width)
    }

    /// Full-width forms fold to the same terms as their ASCII forms, wherever they stand.
    @Test(arguments: [("ＰＭ２．５", "PM2.5"), ("６．５％", "6.5%"), ("ＧＤＰ增长", "gdp增长"), ("\u{2F42}化", "文化")])
    func foldedFormsGiveTheSameTokens(folded: String, plain: String) {
        #expect(SearchTokenizer.tokenize(folded) == SearchTokenizer.tokenize(plain))
    }
}
