import Foundation

/// Word frequency (词频) per report: the most frequent terms after a stop list.
///
/// Chinese has no spaces, so words are found before they are counted, the way new-word
/// discovery does it (no dictionary is shipped):
///
/// 1. **Candidates**: every run of two to four Han characters (punctuation, digits and Latin
///    break runs) that occurs at least ``minimumCount`` times in all loaded reports together.
/// 2. **Cohesion**: a candidate must hold together more than chance: for every way of cutting it
///    in two, `count(w) · N / (count(a) · count(b))` ≥ ``minimumCohesion`` (N characters).
///    This drops `的发`, `和推`.
/// 3. **Freedom**: the characters seen left and right of it must vary (entropy of each side ≥
///    ``minimumFreedom``, a run's edge counting as a new neighbour each time). This drops
///    fragments of longer words: `质量发` is always preceded by `高`.
/// 4. The topic keywords of `topics.yml` are words too (`高标准农田`, `农村人居环境`).
/// 5. Each report's text is cut into words, longest first from the left (forward maximum
///    matching); words of one character and words on the ``stopWords`` list (generic policy verbs
///    and function words, `shared/docs/domain.md` 2.1) are not counted.
///
/// The build finds each report's vocabulary in that report's own text (``ranking(of:seeds:)``):
/// its counts depend on nothing else, so they are computed once and cached with the report, and
/// an edit to one report changes no other report's table. (Until the Scale work the vocabulary
/// came from all reports together, which made every figures page depend on every report.)
/// The search tokenizer (Han bigrams) was not used: its overlapping pairs count `高质`, `质量`
/// and `量发` for every `高质量发展`.
struct WordFrequency {
    /// A run of text must repeat this often (all reports together) to be a candidate word.
    static let minimumCount = 4
    static let minimumCohesion = 30.0
    static let minimumFreedom = 1.0
    /// The longest word the segmenter looks for (topic keywords may be up to this long).
    static let maximumLength = 6

    /// Generic policy verbs and adverbs (the tutorials' list in `shared/docs/domain.md` 2.1 and
    /// their kin), function words and forms of address: frequent in every report, telling nothing.
    static let stopWords: Set<String> = [
        "加强", "推进", "坚持", "全面", "提高", "实施", "加快", "建设", "推动", "支持", "工作", "完善", "深化", "优化", "落实", "持续",
        "发展", "提升", "进一步", "积极", "不断", "大力", "着力", "扎实", "开展", "实现", "促进", "强化", "做好", "打造", "统筹",
        "有效", "更加", "深入", "重点", "主要", "我们", "各位", "代表", "今年", "去年", "全年", "一批", "同时", "以及", "其中", "进行",
        "加大", "力度", "确保", "力争", "健全", "构建", "增强", "巩固", "扩大", "稳步", "切实", "认真", "坚决", "始终", "全力",
        "努力", "更好", "一步", "一系列", "方面", "各类", "各项", "一些", "这些", "没有", "继续", "已经", "正在", "通过", "围绕",
        "按照", "根据", "为了", "对于", "关于", "还是", "以上", "以下", "左右", "分别", "增长", "达到", "完成", "新增", "累计", "全省",
        "全市", "全区", "全国", "我省", "我市", "我区", "以来", "一年", "今后", "五年", "不断提高", "高质量", "取得", "成为", "形成",
        "提供", "保持", "注重", "突出", "聚焦", "把握", "贯彻", "更大", "更多", "深入实施", "加快推进", "大力推进", "着力推进",
        "持续推进", "全面推进", "深入推进", "积极推进", "加快建设", "加强建设", "抓好", "启动", "解决", "突破", "重大", "综合", "水平",
        "能力", "体系", "机制", "问题", "任务", "目标", "开工建设", "稳定", "基本", "重要", "不断", "有序", "一体", "有力", "显著",
    ]

    /// Words shown in a report's table (the most frequent ones).
    static let tableLimit = 30

    /// One report's counts: every counted word with its count and rank (1 = most frequent; equal
    /// counts share a rank), most frequent first, ties in code-point order.
    struct Ranking: Sendable, Equatable {
        struct Entry: Sendable, Equatable {
            let term: String
            let count: Int
            let rank: Int
        }
        let entries: [Entry]
        /// Rank of each word, keyed by its bytes (``ByteKey``: hashing 1,000 reports' words as
        /// `String`s normalised each one, 2.3 % of a one-edit rebuild at 1,000 reports).
        let ranks: [ByteKey: Int]
        /// Han characters of the report's text (the counts' denominator).
        let characterCount: Int

        init(entries: [Entry], characterCount: Int) {
            self.entries = entries.exactCapacity()
            self.ranks = Dictionary(entries.map { (ByteKey($0.term), $0.rank) }, uniquingKeysWith: { first, _ in first })
            self.characterCount = characterCount
        }

        static func == (lhs: Ranking, rhs: Ranking) -> Bool {
            lhs.entries == rhs.entries && lhs.characterCount == rhs.characterCount
        }
    }

    /// The ranking of one report, its vocabulary found in its own text alone (so a report's
    /// counts never change when another report is added or edited, and can be cached with it).
    /// - Parameters:
    ///   - texts: the report's passage texts.
    ///   - seeds: words that are always words (the topic keywords).
    static func ranking(of texts: [String], seeds: [String]) -> Ranking {
        rankings(of: [texts], seeds: seeds)[0]
    }

    /// The rankings of several reports.
    /// - Parameters:
    ///   - reports: the passage texts of each report.
    ///   - seeds: words that are always words (the topic keywords); others are ignored.
    /// - Returns: one ranking per report, in the order given.
    static func rankings(of reports: [[String]], seeds: [String]) -> [Ranking] {
        var alphabet = Alphabet()
        let runs = reports.map { texts in texts.flatMap { alphabet.runs(of: $0) } }
        let vocabulary = discoverWords(in: runs.flatMap { $0 }, alphabet: alphabet, seeds: seeds)
        let letters = alphabet
        // Each report is counted on its own core.
        return Parallel.map(runs) { reportRuns in
            var counts: [String: Int] = [:]
            var characters = 0
            var shortCounts: [UInt64: Int] = [:]
            var longCounts: [[UInt16]: Int] = [:]
            for run in reportRuns {
                characters += run.count
                vocabulary.segment(run) { start, length in
                    guard length >= 2 else { return }
                    if length <= 4 {
                        shortCounts[Vocabulary.key(run, start, length), default: 0] += 1
                    } else {
                        longCounts[Array(run[start..<(start + length)]), default: 0] += 1
                    }
                }
            }
            for (word, count) in shortCounts.map({ (Vocabulary.word($0.key), $0.value) }) + longCounts.map({ ($0.key, $0.value) }) {
                let term = letters.string(word)
                if !stopWords.contains(term), !isQuantityWord(term) { counts[term] = count }
            }
            let sorted = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            var entries: [Ranking.Entry] = []
            for (position, item) in sorted.enumerated() {
                let rank = position > 0 && entries[position - 1].count == item.value ? entries[position - 1].rank : position + 1
                entries.append(Ranking.Entry(term: item.key, count: item.value, rank: rank))
            }
            return Ranking(entries: entries, characterCount: characters)
        }
    }

    private static let unitSet = Set(FigureLexicon.units)

    /// A scale and unit left over when digits are cut off (`亿元`, `万亩`, `个百分点`).
    static func isQuantityWord(_ term: String) -> Bool {
        var rest = Substring(term)
        if let scale = FigureLexicon.scales.first(where: { rest.hasPrefix($0.word) }) { rest = rest.dropFirst(scale.word.count) }
        return rest.isEmpty || unitSet.contains(String(rest))
    }

    // MARK: - Discovery

    /// Finds the vocabulary: candidates that hold together and stand free, plus the seeds.
    static func discoverWords(in runs: [[UInt16]], alphabet: Alphabet, seeds: [String]) -> Vocabulary {
        var counts: [UInt64: Int32] = [:]
        counts.reserveCapacity(runs.reduce(0) { $0 + $1.count } * 3)
        var total = 0
        for run in runs {
            total += run.count
            for start in run.indices {
                var key: UInt64 = 0
                var shift: UInt64 = 48
                for i in start..<min(start + 4, run.count) {
                    key |= UInt64(run[i]) << shift
                    shift &-= 16
                    counts[key, default: 0] += 1
                }
            }
        }
        func count(_ word: ArraySlice<UInt16>) -> Double { Double(counts[Vocabulary.key(word)] ?? 0) }
        // Candidates by count and cohesion.
        var candidates = Set<UInt64>()
        for (key, value) in counts where value >= minimumCount {
            let word = Vocabulary.word(key)
            guard word.count >= 2 else { continue }
            let cohesion = (1..<word.count).map { cut in
                Double(value) * Double(total) / (count(word[..<cut]) * count(word[cut...]))
            }.min() ?? 0
            if cohesion >= minimumCohesion { candidates.insert(key) }
        }
        // Freedom: entropy of the neighbours on each side.
        var left: [UInt64: [UInt16: Int32]] = [:]
        var right: [UInt64: [UInt16: Int32]] = [:]
        var edges: [UInt64: (left: Int32, right: Int32)] = [:]
        for run in runs {
            for start in run.indices {
                var key: UInt64 = 0
                var shift: UInt64 = 48
                for i in start..<min(start + 4, run.count) {
                    key |= UInt64(run[i]) << shift
                    shift &-= 16
                    let length = i - start + 1
                    guard length >= 2, candidates.contains(key) else { continue }
                    if start > 0 { left[key, default: [:]][run[start - 1], default: 0] += 1 } else { edges[key, default: (0, 0)].left += 1 }
                    let end = start + length
                    if end < run.count { right[key, default: [:]][run[end], default: 0] += 1 } else { edges[key, default: (0, 0)].right += 1 }
                }
            }
        }
        func entropy(_ neighbours: [UInt16: Int32]?, edges: Int32) -> Double {
            // Sorted, so the sum is the same in every run (a dictionary's order is not).
            let values = ((neighbours.map { Array($0.values) } ?? []) + Array(repeating: Int32(1), count: Int(edges))).sorted()
            let sum = Double(values.reduce(0, +))
            guard sum > 0 else { return 0 }
            return values.reduce(0.0) { result, value in
                let p = Double(value) / sum
                return result - p * log(p)
            }
        }
        var words = Set<UInt64>()
        for key in candidates {
            let edge = edges[key] ?? (0, 0)
            if min(entropy(left[key], edges: edge.left), entropy(right[key], edges: edge.right)) >= minimumFreedom { words.insert(key) }
        }
        var vocabulary = Vocabulary(short: words)
        for seed in seeds {
            let word = alphabet.known(seed)
            guard let word, word.count >= 2, word.count <= maximumLength else { continue }
            vocabulary.insert(word)
        }
        return vocabulary
    }
}

/// Han characters as small numbers (1…65535), so words of up to four characters are one
/// `UInt64` (16 bits each, left-aligned).
struct Alphabet {
    private var ids: [UInt32: UInt16] = [:]
    private var scalars: [Unicode.Scalar] = [" "]

    /// The runs of Han characters of `text` (folded like search and topics), as ids.
    mutating func runs(of text: String) -> [[UInt16]] {
        var runs: [[UInt16]] = []
        var current: [UInt16] = []
        for original in text.unicodeScalars {
            let scalar = TextFolding.fold(original)
            if Self.isHan(scalar.value), let id = id(scalar) {
                current.append(id)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    static func isHan(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0x20000...0x3FFFF).contains(v) || v == 0x3007
    }

    /// The ids of a word made only of characters already seen, else `nil`.
    func known(_ word: String) -> [UInt16]? {
        let result = word.unicodeScalars.map { ids[TextFolding.fold($0).value] }
        return result.contains(nil) ? nil : result.compactMap { $0 }
    }

    func string<S: Sequence>(_ word: S) -> String where S.Element == UInt16 {
        var out = String.UnicodeScalarView()
        for id in word { out.append(scalars[Int(id)]) }
        return String(out)
    }

    private mutating func id(_ scalar: Unicode.Scalar) -> UInt16? {
        if let id = ids[scalar.value] { return id }
        guard scalars.count < Int(UInt16.max) else { return nil }
        let id = UInt16(scalars.count)
        ids[scalar.value] = id
        scalars.append(scalar)
        return id
    }
}

/// The words the segmenter knows: up to four characters as keys, longer ones (seeds) apart.
struct Vocabulary {
    var short: Set<UInt64>
    var long: Set<[UInt16]> = []
    /// The first four characters of every long word, to look for one only where it may start.
    var longPrefixes: Set<UInt64> = []

    init(short: Set<UInt64>) { self.short = short }

    static func key<C: Collection>(_ word: C) -> UInt64 where C.Element == UInt16 {
        var key: UInt64 = 0
        for (offset, id) in word.prefix(4).enumerated() { key |= UInt64(id) << (16 * UInt64(3 - offset)) }
        return key
    }

    static func word(_ key: UInt64) -> [UInt16] {
        (0..<4).map { UInt16(truncatingIfNeeded: key >> (16 * UInt64(3 - $0))) }.filter { $0 != 0 }
    }

    mutating func insert(_ word: [UInt16]) {
        if word.count <= 4 {
            short.insert(Self.key(word))
        } else {
            long.insert(word)
            longPrefixes.insert(Self.key(word))
        }
    }

    /// The key of `run[start..<start + length]` (length 1…4).
    static func key(_ run: [UInt16], _ start: Int, _ length: Int) -> UInt64 {
        var key: UInt64 = 0
        var shift: UInt64 = 48
        for i in start..<(start + length) {
            key |= UInt64(run[i]) << shift
            shift &-= 16
        }
        return key
    }

    /// Forward maximum matching: the longest known word at each position, else one character;
    /// calls `word(start, length)` for each, in order.
    func segment(_ run: [UInt16], _ word: (Int, Int) -> Void) {
        var start = 0
        while start < run.count {
            var length = 1
            let available = run.count - start
            if available >= 5, !long.isEmpty, longPrefixes.contains(Self.key(run, start, 4)) {
                var candidate = min(WordFrequency.maximumLength, available)
                while candidate >= 5 {
                    if long.contains(Array(run[start..<(start + candidate)])) { length = candidate; break }
                    candidate -= 1
                }
            }
            if length == 1 {
                var candidate = min(4, available)
                while candidate >= 2 {
                    if short.contains(Self.key(run, start, candidate)) { length = candidate; break }
                    candidate -= 1
                }
            }
            word(start, length)
            start += length
        }
    }
}
