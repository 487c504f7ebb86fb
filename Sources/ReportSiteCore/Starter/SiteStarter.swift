import Foundation

/// The files `reportsite init` writes: a new site (``Part/site``) or a copy of the built-in
/// theme to edit (``Part/theme``), never replacing a file that exists.
public enum SiteStarter {
    /// What to write into a folder.
    public enum Part: Sendable {
        /// `Content/site.yml`, `Content/topics.yml` (the nine topics of ReportSite's own
        /// content), `Content/reports/example-2025.md` and `.gitignore`.
        case site
        /// The built-in theme (``BuiltinTheme``) as `Templates/`, to override it file by file.
        case theme
    }

    /// What ``create(_:in:displayPath:force:)`` did, paths as given (`my-site/Content/site.yml`).
    public struct Outcome: Sendable, Equatable {
        /// The files written, in order.
        public var written: [String] = []
        /// The files left as they were (`--force`: they existed), and why.
        public var kept: [(path: String, reason: String)] = []

        /// Equal when the same files were written and kept, for the same reasons.
        public static func == (a: Outcome, b: Outcome) -> Bool {
            a.written == b.written && a.kept.map(\.path) == b.kept.map(\.path) && a.kept.map(\.reason) == b.kept.map(\.reason)
        }
    }

    /// The files of `part`, with paths relative to the site's folder, in the order they are written.
    static func files(_ part: Part) -> [BuiltinFile] {
        switch part {
        case .site: return [siteYAML, topics, exampleReport, gitignore]
        case .theme: return BuiltinTheme.files.map { BuiltinFile(path: "Templates/" + $0.path, data: $0.data) }
        }
    }

    /// Writes the files of `part` into `folder` (created when missing).
    ///
    /// Without `force`, nothing is written when any of the files exists, or (for a site) when
    /// `folder` already holds a non-empty `Content/`. With `force`, only the missing files are
    /// written, and for a site the example report only into a reports folder without reports:
    /// an existing file is never replaced.
    /// - Parameters:
    ///   - folder: the site's folder (`reportsite init DIR`).
    ///   - displayPath: how messages name `folder` (`.` for the working directory).
    /// - Returns: the files written and kept.
    /// - Throws: a ``Diagnostic`` (stage `write`) naming the file that is in the way, or the one
    ///   that could not be written; in the first case nothing was written.
    public static func create(_ part: Part, in folder: URL, displayPath: String, force: Bool) throws(Diagnostic) -> Outcome {
        func shown(_ relative: String) -> String {
            if relative.isEmpty { return BuildOptions.display(displayPath) }
            return displayPath.isEmpty || displayPath == "." ? relative : BuildOptions.display(displayPath) + "/" + relative
        }
        func exists(_ relative: String) -> Bool {
            // Not following a symbolic link: a link to nothing is in the way too.
            (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(relative).path)) != nil
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw Diagnostic(.error, at: SourceLocation(path: shown("")), "is a file, not a folder", hint: "name a folder for the site (it is created if missing)", stage: .write)
        }
        let files = files(part)
        let force = force
        var outcome = Outcome()
        var toWrite: [BuiltinFile] = []
        for file in files {
            if exists(file.path) {
                guard force else { throw refusal(part, existing: file.path, shown: shown) }
                outcome.kept.append((shown(file.path), "exists"))
            } else if part == .site, file.path == exampleReport.path, force, hasReports(folder.appendingPathComponent("Content/reports")) {
                outcome.kept.append((shown(file.path), "not added: Content/reports/ holds reports"))
            } else {
                toWrite.append(file)
            }
        }
        if part == .site, !force, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("Content").path), !names.isEmpty {
            throw refusal(part, existing: "Content/", shown: shown)
        }
        for file in toWrite {
            let url = folder.appendingPathComponent(file.path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.data.write(to: url, options: .withoutOverwriting)
            } catch {
                throw Diagnostic(
                    .error, at: SourceLocation(path: shown(file.path)), "cannot write the file: \(error.localizedDescription)",
                    hint: outcome.written.isEmpty ? "check that the folder is writable" : "written before it: \(outcome.written.joined(separator: ", "))",
                    stage: .write)
            }
            outcome.written.append(shown(file.path))
        }
        return outcome
    }

    // MARK: - Private

    /// The error for a file (or `Content/`) in the way.
    private static func refusal(_ part: Part, existing relative: String, shown: (String) -> String) -> Diagnostic {
        switch part {
        case .site:
            return Diagnostic(
                .error, at: SourceLocation(path: shown(relative)),
                "already exists: this folder already holds a site (or part of one); nothing was written",
                hint: "start the new site in a folder of its own (`reportsite init my-site`), or add only the missing files with --force (nothing is overwritten)",
                stage: .write)
        case .theme:
            return Diagnostic(
                .error, at: SourceLocation(path: shown(relative)),
                "already exists: the theme was not copied; nothing was written",
                hint: "a file in Templates/ overrides the built-in one of the same name; add only the missing files with --force (nothing is overwritten)",
                stage: .write)
        }
    }

    /// True when `folder` holds a `.md` file.
    private static func hasReports(_ folder: URL) -> Bool {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.contains { $0.hasSuffix(".md") } ?? false
    }

    /// The comment that opens a new site's `topics.yml` in place of the repository's (which
    /// names where its topics come from); `scripts/generate-builtin-theme.py` writes the same.
    static let topicsHeader = """
        # The topics of this site: a passage gets each topic whose keywords it contains (see
        # ReportSite's README, "Writing content", topics.yml). Edit, add or remove topics freely.

        """

    static let siteYAML = BuiltinFile(path: "Content/site.yml", text: """
        # Site settings. See ReportSite's README, "Writing content".
        title: 政府工作报告阅读                  # required: the site's name, on every page
        description: 按主题阅读政府工作报告。      # optional, shown on the home page
        language: zh-CN                         # optional, the pages' language
        # base_url: https://example.org/reports/   # optional: the published address (canonical links, sitemap.xml); leave unset for a site that works from any folder
        # reports: [example-2025]               # optional: the order of the reports; unlisted ones follow, by file name

        """)

    static let gitignore = BuiltinFile(path: ".gitignore", text: """
        # What `reportsite build` writes: the site and its build cache; and `reportsite pack`'s zip.
        /Output/
        .reportsite-cache/
        /site.zip

        """)

    /// A short report showing every element of a report file: front matter, the opening, parts,
    /// sections, lead sentences and a topic annotation.
    static let exampleReport = BuiltinFile(path: "Content/reports/example-2025.md", text: """
        ---
        title: 政府工作报告
        place: 示例市
        level: city
        year: 2025
        date: 2025-01-20
        speaker: 张明
        speaker_title: 示例市人民政府市长
        meeting: 示例市第一届人民代表大会第三次会议
        source: ReportSite 自带的示例报告（虚构），可以删除；用 reportsite import 导入真实报告
        ---

        各位代表：

        现在，我代表市人民政府向大会报告工作，请予审议。

        ## 一、2024年工作回顾

        过去一年，全市地区生产总值完成1250亿元、增长5.6%，一般公共预算收入完成96亿元、增长6.1%。

        ### （一）产业发展稳中有进

        **制造业提质增效**。规模以上工业增加值增长7.2%，新增国家高新技术企业42家，建成省级以上研发平台15个。

        **乡村振兴扎实推进**。新建高标准农田8万亩，粮食总产量达到15.6亿斤。

        ### （二）生态环境持续改善

        <!-- topics: +ecology -->
        **蓝天碧水保卫战成效明显**。空气质量优良天数比例达到88.5%，城区黑臭水体全部消除。

        ## 二、2025年工作安排

        ### （一）推动科技创新

        **加快建设创新平台**。全社会研究与试验发展经费投入增长10%以上，新培育科技型中小企业100家。

        ### （二）办好民生实事

        **提升教育医疗服务**。新建改扩建中小学和幼儿园12所，新增养老床位1200张，建成社区卫生服务中心8个。

        """)
}
