/// Checks of the classified content as a whole, run in the **link** stage by `build` and
/// `check` alike (the per-file checks run where each file is read).
enum ContentChecks {
    /// A warning for every report in which no passage has a topic: it will appear on no topic
    /// page and in no heat-map row, which usually means the topics' keywords do not fit it.
    static func reportsWithoutTopics(_ reports: [Report]) -> [Diagnostic] {
        reports.filter { report in
            // Walked in place: copying every report's passages twice was 3.3 % of a one-edit
            // rebuild at 1,000 reports (perf).
            report.allPassageCount > 0 && !report.containsPassage { !$0.topics.isEmpty }
        }.map { report in
            Diagnostic(
                .warning, at: SourceLocation(path: report.path), "no passage of this report has a topic: it appears on no topic page",
                hint: "add keywords that fit it to topics.yml, or annotate its parts with `<!-- topics: +key -->`", stage: .link)
        }
    }

    /// A warning for each report that shares its place and year with an earlier one (site
    /// order): lists then tell them apart by title (``ReportLabels``), which may be what is
    /// meant (a work report and a budget report) or a copied front matter.
    static func sharedLabels(_ reports: [Report], labels: ReportLabels) -> [Diagnostic] {
        let bySlug = Dictionary(reports.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        return labels.sharedGroups.flatMap { group -> [Diagnostic] in
            guard let first = group.first.flatMap({ bySlug[$0] }) else { return [] }
            return group.dropFirst().compactMap { slug -> Diagnostic? in
                guard let report = bySlug[slug] else { return nil }
                return Diagnostic(
                    .warning, at: SourceLocation(path: report.path),
                    "this report has the same place and year as \(first.path) (\(first.metadata.place) \(first.metadata.year)): lists label them `\(labels.label(of: first))` and `\(labels.label(of: report))`",
                    hint: "nothing to do if both reports are meant; otherwise correct `place` or `year` in the front matter", stage: .link)
            }
        }
    }
}
