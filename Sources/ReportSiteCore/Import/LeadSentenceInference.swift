/// Infers a passage's lead sentence from plain text, where no bold survives
/// (`shared/docs/domain.md` 1.5): a short first sentence that works as a sub-heading,
/// `积极扩大有效投资。坚持把项目建设…`.
///
/// A paragraph has a lead sentence when its first sentence (after a `——` bullet dash):
/// - ends in `。` and is followed by more text;
/// - is 4 to 32 characters long (the longest bold lead of an ordinary paragraph in the Word
///   files has 31), or up to 40 when it opens an enumeration (`一是…`, `一、…`) or a bullet;
/// - holds no `：；！？`, at most one `，`, and no unbalanced quote or bracket;
/// - does not start with a digit (`2024年是…`, `1.医疗卫生方面`) and holds no percentage;
/// - unless it opens an enumeration or a bullet (whose first sentence is its headline:
///   `——我们牢记嘱托、忠诚履职，…`), holds none of the words that mark narrative rather than a
///   task or an achievement: ``narrativeMarkers`` (`我们`, `今年`, `一年来`, `各位代表`, …); `我们要…`
///   without a comma is a task (`我们要旗帜鲜明讲政治。`).
///
/// Measured against the bold runs of the Word files, see `LeadSentenceAgreementTests`.
enum LeadSentenceInference {
    /// The shortest and longest lead sentence, in characters, without its `。`.
    static let lengthRange = 4...32
    /// The longest lead sentence of an enumeration item or a bullet.
    static let enumerationMaximum = 40

    /// Words that mark a narrative first sentence, not a lead sentence.
    static let narrativeMarkers = [
        "我们", "我省", "我区", "我市", "我国", "今年", "去年", "明年", "年来", "过去", "现在", "各位代表", "当前",
        "回顾", "同时", "此外", "以下", "如下", "总的看",
    ]

    /// The dash that opens an achievement bullet (`——经济保持恢复发展。`).
    static let bulletDash = "——"

    /// The lead sentence of `text` without its `。`, or `nil`. `text` must not start with a
    /// bullet dash (strip it first); `isBullet` says whether it had one.
    static func lead(of text: String, isBullet: Bool = false) -> String? {
        guard let stop = text.firstIndex(of: "。") else { return nil }
        let sentence = text[..<stop]
        let enumerated = isBullet || sentence.range(of: "^[一二三四五六七八九十]+[是、]", options: .regularExpression) != nil
        let maximum = enumerated ? enumerationMaximum : lengthRange.upperBound
        guard sentence.count >= lengthRange.lowerBound, sentence.count <= maximum, text.index(after: stop) < text.endIndex else { return nil }
        guard !sentence.contains(where: { "：:；;！!？?".contains($0) }), sentence.filter({ $0 == "，" || $0 == "," }).count <= 1 else { return nil }
        guard let first = sentence.first, !isDigit(first), !sentence.contains("%"), !sentence.contains("％") else { return nil }
        let isTask = sentence.hasPrefix("我们要") && !sentence.contains("，")
        guard enumerated || isTask || !narrativeMarkers.contains(where: { sentence.contains($0) }) else { return nil }
        guard isBalanced(sentence) else { return nil }
        return String(sentence)
    }

    /// ASCII and full-width digits (not Chinese numerals, which Swift also counts as numbers).
    static func isDigit(_ character: Character) -> Bool {
        ("0"..."9").contains(character) || ("０"..."９").contains(character)
    }

    /// True when every opening quote or bracket in `text` is closed in it.
    static func isBalanced<S: StringProtocol>(_ text: S) -> Bool {
        let pairs: [(Character, Character)] = [("“", "”"), ("‘", "’"), ("（", "）"), ("(", ")"), ("《", "》"), ("「", "」")]
        return pairs.allSatisfy { open, close in text.filter { $0 == open }.count == text.filter { $0 == close }.count }
    }
}
