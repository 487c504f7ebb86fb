import Foundation
import Testing
@testable import ReportSiteCore

/// The same input prints the same diagnostics on every run: "did you mean" suggestions are
/// chosen by distance with stable tie-breaks, never by the order of a `Set` or `Dictionary`
/// (which changes from process to process, as Swift seeds its hashing per process).
@Suite("Deterministic diagnostics")
struct DeterministicDiagnosticsTests {
    @Test(arguments: [
        (["part1", "part2"], "part", "part1"),
        (["part2", "part1"], "part", "part1"),
        (["发展目标甲", "发展目标乙"], "发展目标丙", "发展目标乙"),
        (["发展目标乙", "发展目标甲"], "发展目标丙", "发展目标乙"),
        // Nearer in length wins over code-point order.
        (["pat", "pert"], "part", "pert"),
        (["ecology", "economy"], "ecolgy", "ecology"),
    ])
    func equallyNearCandidatesGiveTheSameSuggestionInAnyOrder(candidates: [String], written: String, expected: String) {
        #expect(Suggestion.nearest(to: written, among: candidates, maximumDistance: 3) == expected)
        #expect(Suggestion.nearest(to: written, among: Set(candidates), maximumDistance: 3) == expected)
        #expect(Suggestion.nearest(to: written, among: candidates.reversed(), maximumDistance: 3) == expected)
    }

    @Test func aCandidateTooFarIsNotSuggested() {
        #expect(Suggestion.nearest(to: "part", among: ["chapter"], maximumDistance: 1) == nil)
    }

    /// Three links with two equally near suggestions each (a report, two anchors): the bytes
    /// `check` prints are the same in six separate processes. Before, about one run in two
    /// named `part2.md` instead of `part1.md` and each anchor flipped on its own.
    @Test func checkPrintsTheSameBytesInSeparateProcesses() throws {
        let tool = try #require(Self.tool(), "no built `reportsite` next to the test bundle; run `swift build` first")
        try withTemporaryDirectory { temp in
            let content = temp.appendingPathComponent("Content")
            try FileManager.default.createDirectory(at: content.appendingPathComponent("reports"), withIntermediateDirectories: true)
            try "title: 测试\n".write(to: content.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(at: Repository.content.appendingPathComponent("topics.yml"), to: content.appendingPathComponent("topics.yml"))
            let part = BadInputTests.frontMatter + "## 一、发展目标甲\n\n内容甲。\n\n## 二、发展目标乙\n\n内容乙。\n\n## 三、重点任务子\n\n内容子。\n\n## 四、重点任务丑\n\n内容丑。\n"
            for name in ["part1.md", "part2.md"] {
                try part.write(to: content.appendingPathComponent("reports/\(name)"), atomically: true, encoding: .utf8)
            }
            try (BadInputTests.frontMatter + "见[上](part.md)、[甲](part1.md#发展目标丙)、[乙](part2.md#重点任务寅)。\n")
                .write(to: content.appendingPathComponent("reports/main.md"), atomically: true, encoding: .utf8)

            var outputs: [Data] = []
            for _ in 0..<6 {
                outputs.append(try Self.run(tool, ["check", "--content", content.path, "--templates", Repository.templates.path], in: temp))
            }
            let first = String(decoding: outputs[0], as: UTF8.self)
            #expect(first.contains("did you mean `part1.md`?"), "\(first)")
            #expect(first.contains("did you mean `#发展目标乙`?"), "\(first)")
            #expect(first.contains("did you mean `#重点任务丑`?"), "\(first)")
            for (run, output) in outputs.enumerated().dropFirst() {
                #expect(output == outputs[0], "run \(run + 1) printed:\n\(String(decoding: output, as: UTF8.self))\nrun 1 printed:\n\(first)")
            }
        }
    }

    // MARK: - Helpers

    /// The `reportsite` executable built with the tests (same products folder), if any.
    static func tool() -> URL? {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        var folder = runner.deletingLastPathComponent()
        // On macOS the runner lives inside `….xctest/Contents/MacOS`.
        while folder.path.contains(".xctest") { folder.deleteLastPathComponent() }
        let candidates = [folder.appendingPathComponent("reportsite"), Repository.root.appendingPathComponent(".build/debug/reportsite")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `tool` with `arguments` in `folder`; returns standard output and error together.
    static func run(_ tool: URL, _ arguments: [String], in folder: URL) throws -> Data {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}
