import CommonMark
import Foundation

/// The links and images written in the Markdown of the reports: resolved to the URLs of the
/// built site (through ``Permalinks``) and checked, in the **link** stage, by `build` and `check`
/// alike.
///
/// Supported destinations, from a report `reports/<slug>.md`:
///
/// | written | becomes |
/// | --- | --- |
/// | `other-report.md`, `./other-report.md`, `../reports/other-report.md` | the report's page, `../../reports/other-report/index.html` (from the page's folder, through the root, as every link of the site) |
/// | `other-report.md#anchor` | that page at that anchor |
/// | `#anchor` | the anchor on the same page |
/// | a relative URL of the built site, `../other-report/index.html#anchor`, `../../topics/ecology/index.html` | itself, checked: the file must be one the build writes (and the anchor, on a report page, one it has) |
/// | `https://…`, `http://…`, `mailto:…`, any other scheme | itself, unchecked (no network at build time) |
/// | `javascript:`, `vbscript:`, `data:`, `file:` | no link: its text only (a warning) |
///
/// An anchor is found as written (percent-encoding undone), or else by the rule that makes the
/// page's anchors (``Slug/anchor(from:maxLength:)``: ordinal dropped, full-width folded,
/// punctuation to `-`), so `#（一）经济实力稳步推进` finds the section `#经济实力稳步推进`. When the
/// rule gives the text written an anchor that several headings or passages share (numbered
/// `-2`, `-3` on the page: `一、发展目标` and `（一）发展目标`), the link is an error naming each of
/// them and the exact anchor to write, never silently the first.
///
/// Errors, at the link's `file:line:column`: a report or anchor that does not exist, an anchor
/// that the anchor rule finds on several headings or passages, a file the
/// build does not write, a folder (`../x/`: a browser opening the site from disk shows no page),
/// a root-relative path (`/reports/…`, which breaks from disk and under a sub-path), a path that
/// leaves the site. Warnings: an empty destination, a removed script link, and a link to a
/// numbered anchor (`#各位代表-3`), which moves when an earlier passage with the same opening
/// words is added or removed.
struct MarkdownLinks {
    /// The reports being built, in site order.
    let reports: [Report]
    /// Slugs of every report file, also of those that failed to load: a link to one of those is
    /// not reported as broken (the file's own error is).
    let slugsOnDisk: Set<String>
    /// Every path the build writes in the output directory (`reports/x/index.html`, `assets/style.css`).
    let producedPaths: Set<String>

    /// Ids of the report page's layout that a link may name (`#main`, `#toc`).
    static let layoutIDs: Set<String> = ["main", "toc", "site-header", "site-nav", "site-footer"]

    /// What one destination resolves to.
    enum Resolution: Equatable {
        /// Kept as written and not checked (another site, mail).
        case external
        /// A script-capable scheme: the renderer shows only the link's text.
        case unsafe
        /// A link into the site: the URL to write, and a warning if any.
        case resolved(String, warning: Problem?)
        /// A link that leads nowhere.
        case broken(Problem)
    }

    /// A message and a hint.
    struct Problem: Equatable {
        var message: String
        var hint: String
    }

    /// Resolves every link and image of every passage: rewrites their destinations to the
    /// site's URLs and reports every problem at its position.
    /// - Returns: the reports with destinations rewritten (broken ones left as written).
    func resolve(log: inout DiagnosticLog) -> [Report] {
        let anchors = AnchorSets(reports)
        return reports.map { original in
            // A report without links or images is returned as it is: rewriting every report's
            // passages copied them all, and every report's anchors were collected whether a link
            // named them or not (5.7 % of a one-edit rebuild at 1,000 reports, and 36 MB; perf,
            // heaptrack). Anchors are now collected for the reports links lead to.
            guard Self.hasDestinations(original) else { return original }
            let wasCompact = original.pendingBody != nil
            let original = original.withBody()
            var report = original
            func rewritePassages(_ passages: inout [Passage]) {
                for index in passages.indices where passages[index].kind != .code {
                    passages[index].inlines = rewrite(passages[index].inlines, in: original, anchors: anchors, depth: 0, log: &log)
                }
            }
            rewritePassages(&report.intro)
            for p in report.parts.indices {
                rewritePassages(&report.parts[p].intro)
                for s in report.parts[p].sections.indices { rewritePassages(&report.parts[p].sections[s].passages) }
            }
            // Set apart again, rewritten, as it came (only its page reads the body again).
            return wasCompact ? report.compacted() : report
        }
    }

    /// Resolves one destination written in report `slug`.
    func resolve(_ destination: String, from slug: String, isImage: Bool = false) -> Resolution {
        resolve(destination, from: slug, isImage: isImage, anchors: AnchorSets(reports))
    }

    /// Every link and image destination in the passages of `report`, in document order (after
    /// ``resolve(log:)``: as the page writes them).
    static func destinations(of report: Report) -> [String] {
        guard hasDestinations(report) else { return [] }
        var out: [String] = []
        _ = visitDestinations(of: report.withBody()) { out.append($0); return true }
        return out
    }

    /// True when some passage of `report` holds a link or an image (stops at the first).
    static func hasDestinations(_ report: Report) -> Bool {
        if let body = report.pendingBody { return body.hasDestinations }
        return !visitDestinations(of: report) { _ in false }
    }

    /// Calls `visit` with each link and image destination of `report`'s passages, in document
    /// order, walking the nodes in place (flattening every passage's inlines into one array
    /// first was 5.8 % of a one-edit rebuild at 1,000 reports, perf); stops when `visit`
    /// returns false.
    /// - Returns: false when `visit` stopped the walk.
    private static func visitDestinations(of report: Report, _ visit: (String) -> Bool) -> Bool {
        func walk(_ nodes: [MarkdownNode]) -> Bool {
            for node in nodes {
                switch node.kind {
                case .link(let destination, _): if !visit(destination) { return false }
                case .image(let source, _): if !visit(source) { return false }
                default: break
                }
                if !node.children.isEmpty, !walk(node.children) { return false }
            }
            return true
        }
        return !report.containsPassage { !walk($0.inlines) }
    }

    // MARK: - Private

    /// Every report's ``AnchorSet``, collected when a link first names the report.
    private final class AnchorSets {
        private let reports: [String: Report]
        private var sets: [String: AnchorSet] = [:]

        init(_ reports: [Report]) {
            self.reports = Dictionary(reports.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        }

        /// Every report's slug.
        var keys: Dictionary<String, Report>.Keys { reports.keys }

        func contains(_ slug: String) -> Bool { reports[slug] != nil }

        subscript(slug: String) -> AnchorSet? {
            if let set = sets[slug] { return set }
            guard let report = reports[slug] else { return nil }
            let set = AnchorSet(report)
            sets[slug] = set
            return set
        }
    }

    /// The anchors of one report page, and those that were numbered to keep them unique.
    private struct AnchorSet {
        /// A heading or passage that owns an anchor: what it says and where.
        struct Target {
            var anchor: String
            /// The heading as written, or the passage's opening words.
            var text: String
            var isHeading: Bool
            var line: Int?
        }

        var all: Set<String> = []
        var numbered: [String: Int] = [:]
        /// For an anchor that was taken more than once, every target it was given to, the first
        /// (unnumbered) one first, then `-2`, `-3` … in document order.
        var families: [String: [Target]] = [:]

        init(_ report: Report) {
            var items: [Target] = []
            for part in report.parts {
                items.append(Target(anchor: part.heading.anchor, text: part.heading.text, isHeading: true, line: part.heading.location.line))
                items += part.sections.map { Target(anchor: $0.heading.anchor, text: $0.heading.text, isHeading: true, line: $0.heading.location.line) }
            }
            items += report.allPassages.map { Target(anchor: $0.anchor, text: $0.leadSentence ?? String($0.text.prefix(20)), isHeading: false, line: $0.location.line) }
            all = Set(items.map(\.anchor))
            let byAnchor = Dictionary(items.map { ($0.anchor, $0) }, uniquingKeysWith: { first, _ in first })
            // ``AnchorAllocator`` numbers a taken anchor from -2 on.
            var groups: [String: [String]] = [:]
            for anchor in items.map(\.anchor) {
                guard let base = MarkdownLinks.numberedBase(anchor) else { continue }
                if all.contains(base) { groups[base, default: [base]].append(anchor) }
            }
            for (base, members) in groups {
                for anchor in members.dropFirst() { numbered[anchor] = members.count }
                let sorted = [base] + members.dropFirst().sorted { Self.number($0) < Self.number($1) }
                families[base] = sorted.compactMap { byAnchor[$0] }
            }
        }

        /// The number of a numbered anchor (`发展目标-2` → 2).
        private static func number(_ anchor: String) -> Int {
            anchor.split(separator: "-").last.flatMap { Int($0) } ?? 0
        }
    }

    /// The anchor without the number ``AnchorAllocator`` gave it (`各位代表-2` → `各位代表`):
    /// `nil` unless it ends in `-` and a number from 2 on written without leading zero (the
    /// pattern `-([2-9]|[1-9][0-9]+)$`, matched on the UTF-8 bytes: a regular expression per
    /// anchor was most of the link check's time at 1,000 reports; perf).
    static func numberedBase(_ anchor: String) -> String? {
        let bytes = Array(anchor.utf8)
        var start = bytes.count
        while start > 0, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[start - 1]) { start -= 1 }
        let digits = bytes.count - start
        guard digits > 0, start > 0, bytes[start - 1] == UInt8(ascii: "-") else { return nil }
        guard digits == 1 ? bytes[start] >= UInt8(ascii: "2") : bytes[start] != UInt8(ascii: "0") else { return nil }
        return String(decoding: bytes[..<(start - 1)], as: UTF8.self)
    }

    private func rewrite(_ inlines: [MarkdownNode], in report: Report, anchors: AnchorSets, depth: Int, log: inout DiagnosticLog) -> [MarkdownNode] {
        // Deeper markup is rendered as plain text (``InlineHTML/maximumDepth``): no link to check.
        guard depth <= InlineHTML.maximumDepth else { return inlines }
        return inlines.map { node in
            var node = node
            switch node.kind {
            case .link(let destination, let title):
                if let href = check(destination, at: node, in: report, isImage: false, anchors: anchors, log: &log) {
                    node.kind = .link(destination: href, title: title)
                }
            case .image(let source, let title):
                if let href = check(source, at: node, in: report, isImage: true, anchors: anchors, log: &log) {
                    node.kind = .image(source: href, title: title)
                }
            default:
                break
            }
            if !node.children.isEmpty {
                node.children = rewrite(node.children, in: report, anchors: anchors, depth: depth + 1, log: &log)
            }
            return node
        }
    }

    /// Resolves and reports; returns the URL to write, or `nil` to leave the node as it is.
    private func check(
        _ destination: String, at node: MarkdownNode, in report: Report, isImage: Bool, anchors: AnchorSets,
        log: inout DiagnosticLog
    ) -> String? {
        let location = report.location(node.range?.start)
        func diagnostic(_ severity: Severity, _ problem: Problem) -> Diagnostic {
            Diagnostic(severity, at: location, problem.message, hint: problem.hint, stage: .link, sourceLine: report.sourceLine(location.line))
        }
        switch resolve(destination, from: report.slug, isImage: isImage, anchors: anchors) {
        case .external:
            return nil
        case .unsafe:
            log.report(diagnostic(.warning, Problem(
                message: "\(isImage ? "image" : "link") to `\(destination.prefix(40))` is removed: only its text is shown",
                hint: "script and data URLs are never written into the site; link to a page or an https:// address")))
            return nil
        case .resolved(let href, let warning):
            if let warning { log.report(diagnostic(.warning, warning)) }
            return href
        case .broken(let problem):
            log.report(diagnostic(.error, problem))
            return nil
        }
    }

    private func resolve(_ raw: String, from slug: String, isImage: Bool, anchors: AnchorSets) -> Resolution {
        let destination = raw.trimmingWhitespace()
        let what = isImage ? "image" : "link"
        if destination.isEmpty {
            return .resolved("", warning: Problem(message: "\(what) has no destination", hint: "write the target in the parentheses: `[text](other-report.md#anchor)`"))
        }
        if InlineHTML.isUnsafeDestination(destination) { return .unsafe }
        if destination.range(of: #"^[A-Za-z][A-Za-z0-9+.-]*:"#, options: .regularExpression) != nil || destination.hasPrefix("//") {
            return .external
        }
        let page = SitePage.report(slug: slug)
        // Split off the fragment, then the query.
        let hashParts = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let beforeHash = String(hashParts[0])
        let fragment = hashParts.count > 1 ? decoded(String(hashParts[1])) : nil
        let queryParts = beforeHash.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = decoded(String(queryParts[0]))
        let query = queryParts.count > 1 ? "?" + queryParts[1] : ""

        if path.isEmpty && query.isEmpty {
            // `#anchor` on the same page.
            guard let fragment, !fragment.isEmpty else { return .resolved("#", warning: Problem(message: "\(what) to `#` names no anchor", hint: "write `#` and the anchor, or remove the link")) }
            return anchorLink(fragment, in: slug, writtenAs: raw, anchors: anchors) { Permalinks.fragment($0) }
        }
        if path.hasPrefix("/") {
            return .broken(Problem(
                message: "\(what) `\(raw)` starts with `/`, which breaks when the site is opened from disk or published under a sub-path",
                hint: "link to another report as `other-report.md`, or write a path relative to this page"))
        }
        // `<slug>.md`, relative to the reports folder.
        if path.hasSuffix(".md") && !isImage {
            guard let target = Self.normalized(path, base: ["reports"]), target.count == 2, target[0] == "reports" else {
                return .broken(Problem(message: "\(what) `\(raw)` names no report", hint: "link to another report by its file name, `other-report.md`"))
            }
            let targetSlug = String(target[1].dropLast(3))
            guard anchors.contains(targetSlug) else {
                if slugsOnDisk.contains(targetSlug) { return .resolved(raw, warning: nil) }
                return .broken(Problem(
                    message: "\(what) `\(raw)` names no report: there is no reports/\(targetSlug).md",
                    hint: closest(targetSlug, among: anchors.keys).map { "did you mean `\($0).md`?" } ?? "link to a report by its file name, `other-report.md`"))
            }
            let targetPage = SitePage.report(slug: targetSlug)
            guard let fragment, !fragment.isEmpty else { return .resolved(Permalinks.link(to: targetPage, from: page) + query, warning: nil) }
            return anchorLink(fragment, in: targetSlug, writtenAs: raw, anchors: anchors) { Permalinks.link(to: targetPage, from: page, fragment: $0) }
        }
        // A relative URL of the built site.
        let folder = page.outputPath.split(separator: "/").dropLast().map(String.init)
        guard let target = Self.normalized(path, base: folder) else {
            return .broken(Problem(message: "\(what) `\(raw)` leaves the site", hint: "link to another report as `other-report.md`"))
        }
        let targetPath = target.joined(separator: "/")
        if path.hasSuffix("/") || (!producedPaths.contains(targetPath) && producedPaths.contains(targetPath + "/index.html")) {
            return .broken(Problem(
                message: "\(what) `\(raw)` names a folder: opened from disk, a browser shows no page there",
                hint: "name the file, `\(path.hasSuffix("/") ? path : path + "/")index.html`, or link to a report as `other-report.md`"))
        }
        guard producedPaths.contains(targetPath) else {
            return .broken(Problem(
                message: "\(what) `\(raw)` names no file of the site (\(targetPath.isEmpty ? "the site's folder" : targetPath))",
                hint: isImage ? "ReportSite copies no images from the content; put the file under Templates/assets/ and link to `../../assets/…`" : "link to another report as `other-report.md`, or to one of its passages as `other-report.md#anchor`"))
        }
        let href = Permalinks.link(toPath: targetPath, from: page) + query
        guard let fragment, !fragment.isEmpty else { return .resolved(href, warning: nil) }
        // Anchors are checked on report pages, whose anchors the link stage knows.
        if target.count == 3, target[0] == "reports", target[2] == "index.html", anchors.contains(target[1]) {
            return anchorLink(fragment, in: target[1], writtenAs: raw, anchors: anchors) { href + "#" + $0 }
        }
        return .resolved(href + "#" + fragment, warning: nil)
    }

    /// A link to `fragment` on report `slug`'s page: the anchor as written, or as the page's rule
    /// makes it from the text written.
    private func anchorLink(_ fragment: String, in slug: String, writtenAs raw: String, anchors: AnchorSets, url: (String) -> String) -> Resolution {
        guard let set = anchors[slug] else { return .resolved(url(fragment), warning: nil) }
        let candidates = [fragment] + [Slug.headingAnchorLength, Slug.passageAnchorLength].map {
            Slug.anchor(from: Slug.strippingOrdinal(fragment), maxLength: $0)
        }
        guard let anchor = candidates.first(where: { set.all.contains($0) || Self.layoutIDs.contains($0) }) else {
            let near = closest(Slug.anchor(from: fragment, maxLength: Slug.headingAnchorLength), among: set.all)
            return .broken(Problem(
                message: "link `\(raw)` names no anchor `\(fragment)` in reports/\(slug).md",
                hint: near.map { "did you mean `#\($0)`?" } ?? "an anchor is a heading without its ordinal, a passage's bold lead sentence or its first twelve characters; or pin one with `<!-- anchor: name -->`"))
        }
        // Found by the rule, not as written: the rule may give one anchor to several targets
        // (`一、发展目标` and `（一）发展目标` both give `发展目标`, the second numbered `-2`).
        if anchor != fragment, let family = set.families[anchor], family.count > 1 {
            return .broken(ambiguity(fragment, anchor: anchor, family: family, in: slug, writtenAs: raw))
        }
        if let count = set.numbered[anchor] {
            return .resolved(url(anchor), warning: Problem(
                message: "link `\(raw)` names the numbered anchor `\(anchor)`: \(count) passages open with the same words, and the number changes when one before it is added or removed",
                hint: "give that passage an anchor of its own with `<!-- anchor: name -->` and link to it"))
        }
        return .resolved(url(anchor), warning: nil)
    }

    /// The error of a link whose anchor, found by the anchor rule, was given to several headings
    /// or passages: names each with its line and anchor, and the exact link to write (the one
    /// whose text is the fragment as written, when there is one).
    private func ambiguity(_ fragment: String, anchor: String, family: [AnchorSet.Target], in slug: String, writtenAs raw: String) -> Problem {
        let beforeHash = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        func link(_ target: AnchorSet.Target) -> String { "`\(beforeHash)#\(target.anchor)`" }
        func described(_ target: AnchorSet.Target) -> String {
            let line = target.line.map { "line \($0), " } ?? ""
            return "`\(target.text)` (\(line)`#\(target.anchor)`)"
        }
        let kinds = family.allSatisfy(\.isHeading) ? "headings" : "headings or passages"
        let list = family.map(described)
        let listed = list.count == 2 ? list.joined(separator: " and ") : list.dropLast().joined(separator: ", ") + " and " + (list.last ?? "")
        let written = fragment.trimmingWhitespace()
        let meant = family.filter { $0.text.trimmingWhitespace() == written }
        let hint: String
        if meant.count == 1, let target = meant.first {
            hint = "write the exact anchor: \(link(target)); or pin the heading's anchor with `<!-- anchor: name -->` and link to that"
        } else {
            hint = "write the exact anchor of the one you mean, " + family.map(link).joined(separator: " or ")
                + "; or pin it with `<!-- anchor: name -->` and link to that"
        }
        return Problem(
            message: "link `\(raw)` is ambiguous: by the anchor rule `\(fragment)` is `\(anchor)`, which \(family.count) \(kinds) of reports/\(slug).md share: \(listed)",
            hint: hint)
    }

    private func decoded(_ text: String) -> String { text.removingPercentEncoding ?? text }

    /// The path components of `path` read from the folder `base`, `.` and `..` applied; `nil`
    /// when it climbs above the root. A trailing `/` adds nothing.
    static func normalized(_ path: String, base: [String]) -> [String]? {
        var components = base
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default: components.append(String(component))
            }
        }
        return components
    }

    /// The candidate nearest to `text` when it is near enough to be a likely typo; ties broken
    /// the same way on every run (``Suggestion/nearest(to:among:maximumDistance:)``), whatever
    /// the order of the `Set` or `Dictionary` keys given.
    private func closest<S: Collection>(_ text: String, among candidates: S) -> String? where S.Element == String {
        // Bounded work: a suggestion is a courtesy, not worth seconds on a pathological file.
        guard text.count <= 40, candidates.count <= 5_000 else { return nil }
        return Suggestion.nearest(to: text, among: candidates.lazy.filter { abs($0.count - text.count) <= 3 }, maximumDistance: max(1, text.count / 4))
    }
}
