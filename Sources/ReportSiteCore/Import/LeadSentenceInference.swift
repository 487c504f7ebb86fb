/// Infers a passage's lead sentence from plain text, where no bold survives
/// (`shared/docs/domain.md` 1.5): a short first sentence that works as a sub-heading,
/// `积极扩大有效投资。坚持把项目建设…`.
///
/// A paragraph has a lead sentence when its first sentence (after a `——` bullet dash):
/// - ends in `。` and is followed by more text;
/// - is 4 to 32 characters long (the longest bold lead in the Word files has 31);
/// - holds no `：；！？` and no unbalanced quote or bracket;
/// - does not start with a digit (`2024年是…`, `1.医疗卫生方面`) and holds no percentage;
/// - holds none of the words that mark narrative rather than a task or an achievement:
///   ``narrativeMarkers`` (`我们`, `今年`, `一年来`, `各位代表`, …).
///
/// Measured against the bold runs of the Word files, see `LeadSentenceAgreementTests`.
enum LeadSentenceInference {
    /// The shortest and longest lead sentence, in characters, without its `。`.
    static let lengthRange = 4...32

    /// Words that mark a narrative first sentence, not a lead sentence.
    static let narrativeMarkers = [
        "我们", "我省", "我区", "我市", "我国", "今年", "去年", "明年", "年来", "过去", "现在", "各位代表", "当前",
        "回顾", "同时", "此外", "以下", "如下", "总的看",
    ]

    /// The dash that opens an achievement bullet (`——经济保持恢复发展。`).
    static let bulletDash = "——"

    /// The lead sentence of `text` without its `。`, or `nil`. `text` must not start with a
    /// bullet dash (strip it first).
    static func lead(of text: String) -> String? {
        guard let stop = text.firstIndex(of: "。") else { return nil }
        let sentence = text[..<stop]
        guard lengthRange.contains(sentence.count), text.index(after: stop) < text.endIndex else { return nil }
        guard !sentence.contains(where: { "：:；;！!？?".contains($0) }) else { return nil }
        guard let first = sentence.first, !first.isNumber, !sentence.contains("%"), !sentence.contains("％") else { return nil }
        guard !narrativeMarkers.contains(where: { sentence.contains($0) }) else { return nil }
        guard isBalanced(sentence) else { return nil }
        return String(sentence)
    }

    /// True when every opening quote or bracket in `text` is closed in it.
    static func isBalanced<S: StringProtocol>(_ text: S) -> Bool {
        let pairs: [(Character, Character)] = [("“", "”"), ("‘", "’"), ("（", "）"), ("(", ")"), ("《", "》"), ("「", "」")]
        return pairs.allSatisfy { open, close in text.filter { $0 == open }.count == text.filter { $0 == close }.count }
    }
}
