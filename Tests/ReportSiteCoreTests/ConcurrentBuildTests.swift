import Dispatch
import Foundation
import Testing
@testable import ReportSiteCore

/// Two builds into one output folder: one at a time writes it (``OutputLock``); the other waits
/// or fails with "another build is writing …", and the folder always ends as one clean build.
@Suite("Concurrent builds into one folder")
struct ConcurrentBuildTests {
    static let basic = Repository.fixtures.appendingPathComponent("golden/basic/Content")

    @Test func aBuildFindingTheFolderLockedFailsWithTheHoldersPID() throws {
        try withTemporaryDirectory { temp in
            let output = temp.appendingPathComponent("Output")
            let held = try OutputLock.acquire(output: output, wait: 0)
            var options = BuildOptions(content: Self.basic.path, templates: Repository.templates.path, output: output.path)
            options.lockWait = 0
            do {
                _ = try SiteBuilder(options: options).build()
                Issue.record("the build wrote a folder another build holds")
            } catch let failure as BuildFailure {
                let errors = failure.diagnostics.filter { $0.severity == .error }
                #expect(errors.map(\.message) == ["another build is writing \(output.path) (pid \(getpid())); waited 0 s"])
                #expect(errors.first?.hint?.contains("--output") == true)
            }
            #expect(listFiles(output).isEmpty, "the refused build wrote \(listFiles(output))")
            held.release()
            // Released (as the kernel does when the holder dies), the folder is free at once.
            _ = try #require(buildSite(content: Self.basic, templates: Repository.templates, output: output).success)
        }
    }

    /// A holder that is killed (`SIGKILL`: no clean-up runs) leaves no stale lock: the kernel
    /// releases it with the process. The holder is util-linux `flock -o` on the lock file, which
    /// holds the lock itself while its command runs.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")))
    func aKilledHolderLeavesNoStaleLock() throws {
        try withTemporaryDirectory { temp in
            let output = temp.appendingPathComponent("Output")
            try FileManager.default.createDirectory(at: output.appendingPathComponent(BuildCache.folderName), withIntermediateDirectories: true)
            let lockFile = output.appendingPathComponent(BuildCache.folderName + "/" + OutputLock.fileName)
            let holder = Process()
            holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
            holder.arguments = ["-o", lockFile.path, "-c", "echo $$; exec sleep 600"]
            let pipe = Pipe()
            holder.standardOutput = pipe
            try holder.run()
            // The command runs once the lock is held; its first line is the shell's (then sleep's) pid.
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let chunk = pipe.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                line.append(chunk)
            }
            let sleeper = Int32(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            defer { if let sleeper { kill(sleeper, SIGKILL) } }

            var options = BuildOptions(content: Self.basic.path, templates: Repository.templates.path, output: output.path)
            options.lockWait = 0
            do {
                _ = try SiteBuilder(options: options).build()
                Issue.record("the folder was written while another process held its lock")
            } catch let failure as BuildFailure {
                // flock(1) writes no process id into the file.
                #expect(failure.diagnostics.filter { $0.severity == .error }.map(\.message) == ["another build is writing \(output.path) (pid unknown); waited 0 s"])
            }

            // Killed: flock never unlocks. (The sleep it runs never held the lock, `-o`; it is
            // killed too, or the pipe would stay open for ten minutes.)
            kill(holder.processIdentifier, SIGKILL)
            if let sleeper { kill(sleeper, SIGKILL) }
            holder.waitUntilExit()
            let summary = try SiteBuilder(options: options).build()
            #expect(summary.pageCount == 19, "the basic golden site")
        }
    }

    @Test func twoTemporaryNamesForOneFileDiffer() {
        let url = URL(fileURLWithPath: "/site/reports/x/index.html")
        let first = AtomicFile.temporaryURL(for: url), second = AtomicFile.temporaryURL(for: url)
        #expect(first != second)
        #expect(first.lastPathComponent.hasPrefix(".index.html.\(getpid())-") && first.lastPathComponent.hasSuffix(AtomicFile.temporarySuffix))
    }

    /// Two builds of two different sites into one folder, started together, four times (the
    /// last time without waiting for the lock): each succeeds (the second waited) or fails with
    /// the lock's message; the folder is then exactly
    /// one clean build of one of the sites, its manifest lists what is on disk, and no temporary
    /// file or journal is left. Without the lock, pages came from both sites, some torn.
    @Test func concurrentBuildsLeaveOneCleanSite() throws {
        try withTemporaryDirectory { temp in
            // The real site: its builds last long enough (seconds) for two to overlap.
            let contentA = Repository.content
            let contentB = temp.appendingPathComponent("ContentB")
            try copyTree(contentA, to: contentB)
            let site = contentB.appendingPathComponent("site.yml")
            try (try readText(site)).replacingOccurrences(of: "\ntitle: ", with: "\ntitle: 另一个站点 ").write(to: site, atomically: true, encoding: .utf8)
            let cleanA = try Self.cleanBuild(contentA, in: temp.appendingPathComponent("cleanA"))
            let cleanB = try Self.cleanBuild(contentB, in: temp.appendingPathComponent("cleanB"))
            #expect(cleanA != cleanB)

            let output = temp.appendingPathComponent("Output")
            for round in 0..<4 {
                let contents = round % 2 == 0 ? [contentA, contentB] : [contentB, contentA]
                let results = Self.buildTogether(contents, output: output, lockWait: round < 3 ? 10 : 0)
                for result in results {
                    if let failure = result.failure {
                        let messages = failure.diagnostics.filter { $0.severity == .error }.map(\.message)
                        #expect(messages.count == 1 && messages[0].hasPrefix("another build is writing \(output.path) (pid "), "round \(round): \(messages)")
                    }
                }
                #expect(results.contains { $0.success != nil }, "round \(round): no build succeeded")
                let files = try Self.files(output)
                #expect(files == cleanA || files == cleanB, "round \(round): the folder is neither site: \(Self.difference(files, cleanA, cleanB))")
                let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent(OutputWriter.manifestName))) as? [String: Any]
                let listed = (manifest?["files"] as? [String]) ?? []
                #expect(listed == listFiles(output).filter { $0 != OutputWriter.manifestName }, "round \(round): the manifest does not match the disk")
                let leftovers = listFiles(output, includingCache: true).filter { $0.hasSuffix(AtomicFile.temporarySuffix) || $0 == OutputWriter.journalName }
                #expect(leftovers.isEmpty, "round \(round): left \(leftovers)")
            }
            // And the next build is an ordinary one, refusing nothing.
            _ = try #require(buildSite(content: contentA, templates: Repository.templates, output: output).success)
            #expect(try Self.files(output) == cleanA)
        }
    }

    // MARK: - Helpers

    /// Every file of a built site (the cache folder aside) with its bytes.
    static func files(_ output: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in listFiles(output) { files[path] = try Data(contentsOf: output.appendingPathComponent(path)) }
        return files
    }

    static func cleanBuild(_ content: URL, in folder: URL) throws -> [String: Data] {
        _ = try #require(buildSite(content: content, templates: Repository.templates, output: folder).success)
        return try files(folder)
    }

    /// Starts one build per content folder at the same moment, on threads of their own, and
    /// waits for all.
    static func buildTogether(_ contents: [URL], output: URL, lockWait: Double) -> [Result<BuildSummary, BuildFailure>] {
        let results = ResultBox(count: contents.count)
        let start = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        for (index, content) in contents.enumerated() {
            DispatchQueue.global().async(group: group) {
                start.wait()
                var options = BuildOptions(content: content.path, templates: Repository.templates.path, output: output.path)
                options.lockWait = lockWait
                do {
                    results.set(index, .success(try SiteBuilder(options: options).build()))
                } catch let failure as BuildFailure {
                    results.set(index, .failure(failure))
                } catch {
                    results.set(index, .failure(BuildFailure(diagnostics: [Diagnostic(.error, at: ReportSiteCore.SourceLocation(path: "?"), "\(error)", stage: .write)])))
                }
            }
        }
        for _ in contents { start.signal() }
        group.wait()
        return results.all
    }

    /// How many files are as in each site, for the message.
    static func difference(_ files: [String: Data], _ a: [String: Data], _ b: [String: Data]) -> String {
        let paths = Set(files.keys).union(a.keys).union(b.keys).sorted()
        let neither = paths.filter { files[$0] != a[$0] && files[$0] != b[$0] }
        return "\(paths.filter { files[$0] == a[$0] }.count) files as site A, \(paths.filter { files[$0] == b[$0] }.count) as site B, "
            + "\(neither.count) as neither (\(neither.prefix(5).joined(separator: ", ")))"
    }
}

/// Results written by several threads.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<BuildSummary, BuildFailure>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<BuildSummary, BuildFailure>) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }

    var all: [Result<BuildSummary, BuildFailure>] {
        lock.lock()
        defer { lock.unlock() }
        return results.compactMap { $0 }
    }
}
