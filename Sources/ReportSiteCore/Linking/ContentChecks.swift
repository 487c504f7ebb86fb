/// Checks of the classified content as a whole, run in the **link** stage by `build` and
/// `check` alike (the per-file checks run where each file is read).
enum ContentChecks {
    /// A warning for every report in which no passage has a topic: it will appear on no topic
    /// page and in no heat-map row, which usually means the topics' keywords do not fit it.
    static func reportsWithoutTopics(_ reports: [Report]) -> [Diagnostic] {
        reports.filter { report in
            !report.allPassages.isEmpty && report.allPassages.allSatisfy { $0.topics.isEmpty }
        }.map { report in
            Diagnostic(
                .warning, at: SourceLocation(path: report.path), "no passage of this report has a topic: it appears on no topic page",
                hint: "add keywords that fit it to topics.yml, or annotate its parts with `<!-- topics: +key -->`", stage: .link)
        }
    }
}
