/// The words between a subject and its number, read from the end of the text before the number.
struct LinkingWords {
    /// Where the subject ends (the start of the linking words).
    var subjectEnd: Int
    /// The modifier written before the number (近, 约, 超过…) and where it starts.
    var prefix: FigureModifier?
    var prefixStart: Int?
    /// The verb of change (增长, 提升), if any.
    var direction = ""
    /// A verb of change followed by 至/到 (`提升至28.1%`): the number is a level.
    var reachesLevel = false
    /// `分别` or `各`: several numbers for several subjects.
    var pairs = false
    /// Any verb or linking word at all (a project's capacity has none: `久泰100万吨…`).
    var hasVerb = false
}

/// A subject as found, before pairing and inheritance.
struct Subject {
    var text: String
    /// `增速`, `涨幅` … ended the subject: a per-cent number is a rate of change.
    var growthNoun = false
    /// `新增` opened it.
    var opensWithNew = false
}

extension FigureScan {
    // MARK: - Figures

    /// Turns the quantities into figures: subjects, pairing, inheritance, measure, kind, period.
    func figures(context: FigureContext) -> [ExtractedFigure] {
        let kept = quantities.indices.filter { !quantities[$0].skipped }
        let populations = quantities.compactMap(\.populationSpan)
        let mainTargets = mainTargetRange()
        var figures: [ExtractedFigure] = []
        var lastIndicator: (sentence: Int, name: String)?
        /// Subjects of the last `分别` group, for a following `各` group (`…分别达到A和B、各增长C和D`).
        var lastPairSubjects: (clause: Int, names: [String])?
        var pairedNames: [Int: String] = [:]
        /// The linking words of a group's first number, which its other numbers share (`分别下降3.47%和2%`).
        var pairedLinking: [Int: LinkingWords] = [:]
        var previousEnd: (clause: Int, end: Int)?
        var previousLinking: (clause: Int, linking: LinkingWords)?

        for (position, index) in kept.enumerated() {
            let q = quantities[index]
            let clause = clauseStart(q.start)
            let sentence = sentenceStart(q.start)
            var segmentStart = clause
            if let previous = previousEnd, previous.clause == clause { segmentStart = max(segmentStart, previous.end) }
            previousEnd = (clause, q.end)

            var linking = linkingWords(before: q.start, from: segmentStart)
            // `增长18.6%和23.4%`: a number joined to the one before by 和 shares its verb.
            if linking.direction.isEmpty, position > 0, let previous = previousLinking, previous.clause == clause,
               quantities[kept[position - 1]].baseUnit == q.baseUnit,
               ["和", "、", "及", "与"].contains(folded(quantities[kept[position - 1]].end..<q.start)) {
                linking.direction = previous.linking.direction
                linking.reachesLevel = previous.linking.reachesLevel
            }
            previousLinking = (clause, linking)
            if let shared = pairedLinking[index], linking.direction.isEmpty {
                linking.direction = shared.direction
                linking.reachesLevel = shared.reachesLevel
                if linking.prefix == nil { linking.prefix = shared.prefix }
            }
            var subject = self.subject(in: segmentStart..<linking.subjectEnd, cutting: populations)
            // The noun after the number names what it counts (`27条市政道路`); before it stands
            // the subject of a measure (`投入乡村振兴资金5.73亿元`), unless that is only a place.
            let after = subjectAfter(q)
            let countsNoun = FigureLexicon.counterUnits.contains(q.baseUnit) || q.baseUnit.isEmpty
                || FigureLexicon.capacityUnits.contains(q.baseUnit) || subject.text.count <= 2
                || FigureLexicon.leadingVerbs.contains(where: { subject.text.hasSuffix($0) })
            var name = subject.text
            if let after, countsNoun || subject.text.isEmpty {
                name = after
                subject.growthNoun = false
            }

            // 分别 / 各: this number and the ones joined to it by 和、及 pair with the subjects in order.
            if let paired = pairedNames[index] {
                name = paired
            } else if linking.pairs {
                var group = [index]
                var cursor = q.end
                for next in kept[(position + 1)...] {
                    let between = folded(cursor..<quantities[next].start)
                    guard ["和", "、", "及", "与", ",", "以及"].contains(between) else { break }
                    group.append(next)
                    cursor = quantities[next].end
                }
                var names = Self.splitSubjects(subject.text, count: group.count)
                if subject.text.isEmpty, let previous = lastPairSubjects, previous.clause == clause, previous.names.count == group.count {
                    names = previous.names
                }
                for member in group.dropFirst() { pairedLinking[member] = linking }
                if names.count == group.count {
                    for (member, memberName) in zip(group, names) { pairedNames[member] = memberName }
                    lastPairSubjects = (clause, names)
                    name = names[0]
                }
            }
            if FigureLexicon.attributeNouns.contains(name), let last = lastIndicator, last.sentence == sentence { name = last.name }
            if name.isEmpty, let last = lastIndicator, last.sentence == sentence { name = last.name }
            if !name.isEmpty { lastIndicator = (sentence, name) }

            let isMainTarget = mainTargets.map { $0.contains(q.start) } ?? false
            var kind = context.kind(sentenceBefore: folded(sentence..<q.start), sentence: folded(sentence..<sentenceEnd(q.start)), isMainTarget: isMainTarget)
            if !isMainTarget, isProject(q, linking: linking) { kind = .project }
            let displayStart = linking.prefixStart.map { min($0, q.start) } ?? q.start
            figures.append(ExtractedFigure(
                indicator: name, value: q.value, valueHigh: q.valueHigh, unit: q.unit, baseUnit: q.baseUnit,
                scaleExponent: q.scaleExponent,
                measure: measure(q, linking: linking, subject: subject, name: name),
                direction: linking.direction.isEmpty && subject.opensWithNew ? "新增" : linking.direction,
                modifier: q.suffix ?? (q.moreThan ? .over : linking.prefix ?? .exact),
                kind: kind, period: context.period(of: kind, passage: Self.string(raw.prefix(8))),
                display: text(displayStart..<q.end), sourceText: text(clause..<clauseEnd(q.end)).trimmingWhitespace(),
                isMainTarget: isMainTarget, range: displayStart..<q.end))
        }
        if let mainTargets {
            figures += qualitativeTargets(in: mainTargets, context: context)
            figures.sort { $0.range.lowerBound < $1.range.lowerBound }
        }
        return figures
    }

    // MARK: - Words before a number

    /// Reads the linking words before `index` (back to `start`).
    func linkingWords(before index: Int, from start: Int) -> LinkingWords {
        var result = LinkingWords(subjectEnd: index)
        var end = index
        while end > start {
            while end > start, t[end - 1] == " " { end -= 1 }
            // `比2020年`, `较2021年末`: a comparison with a year.
            if let yearStart = comparisonYear(endingAt: end, from: start) { end = yearStart; result.hasVerb = true; continue }
            guard let characters = FigureLexicon.linkingCandidates.longest(in: t, endingAt: end, from: start) else { break }
            let word = Self.string(characters)
            let wordStart = end - word.count
            if let modifier = FigureLexicon.prefixModifiers.first(where: { $0.word == word })?.modifier {
                if result.prefix == nil, end == index || result.prefixStart == nil && folded(end..<index).allSatisfy({ $0 == " " }) {
                    result.prefix = modifier
                    result.prefixStart = wordStart
                } else if result.prefix == nil {
                    result.prefix = modifier
                }
                if word == "突破" || word == "超过" { result.hasVerb = true }
            } else if FigureLexicon.changeVerbs.contains(word) {
                if result.direction.isEmpty { result.direction = word }
                result.hasVerb = true
            } else {
                if word == "分别" || word == "各" { result.pairs = true }
                if word.count >= 2, let last = word.last, last == "至" || last == "到",
                   FigureLexicon.changeVerbs.contains(String(word.dropLast())) {
                    if result.direction.isEmpty { result.direction = String(word.dropLast()) }
                    result.reachesLevel = true
                }
                if word != "第" { result.hasVerb = true }
            }
            end = wordStart
        }
        result.subjectEnd = end
        return result
    }

    /// The start of `比2020年` / `较上年末`-style comparisons ending at `end`.
    func comparisonYear(endingAt end: Int, from start: Int) -> Int? {
        var i = end
        if i > start, t[i - 1] == "末" || t[i - 1] == "底" || t[i - 1] == "前" { i -= 1 }
        guard i > start, t[i - 1] == "年" else { return nil }
        i -= 1
        let digitsEnd = i
        while i > start, Self.isDigit(t[i - 1]) { i -= 1 }
        guard i < digitsEnd, i > start, t[i - 1] == "比" || t[i - 1] == "较" || t[i - 1] == "与" else { return nil }
        return i - 1
    }

    // MARK: - Subjects

    /// The subject in `range` (the text before the linking words), without the population
    /// spans, opening scope words and verbs, and closing growth nouns.
    func subject(in range: Range<Int>, cutting populations: [Range<Int>]) -> Subject {
        var indices = Array(range).filter { i in !populations.contains { $0.contains(i) } }
        var result = Subject(text: "")
        func foldedText() -> String { Self.string(indices.map { t[$0] }) }
        func trim() {
            while let first = indices.first, " 、,:，：)）".unicodeScalars.contains(t[first]) { indices.removeFirst() }
            while let last = indices.last, " 、,:，：(（".unicodeScalars.contains(t[last]) { indices.removeLast() }
        }
        trim()
        // `…排名中` / `…类别中`: the 中 of a ranking's frame.
        if indices.count > 2, let last = indices.last, t[last] == "中", "名别价市单榜围".unicodeScalars.contains(t[indices[indices.count - 2]]) {
            indices.removeLast()
        }
        // Opening scope words, verbs and years (其中, 全市, 完成, 2021年以来).
        var stripped = true
        while stripped, !indices.isEmpty {
            stripped = false
            let characters = indices.map { t[$0] }
            let current = Self.string(characters)
            let opening = FigureLexicon.openingWords.words.first { word in
                characters.count >= word.count + 2 && characters.starts(with: word)
            }
            if characters.count > 1, characters[0] == "的" || characters[0] == "共" && FigureLexicon.openingWords.longest(in: characters, at: 1) != nil {
                indices.removeFirst()
                stripped = true
            } else if let word = opening {
                if word == ["新", "增"] { result.opensWithNew = true }
                indices.removeFirst(word.count)
                stripped = true
            } else if let year = current.firstMatchOfYearPrefix() {
                indices.removeFirst(year)
                stripped = true
            }
            trim()
        }
        while let last = indices.last, t[last] == "的" { indices.removeLast() }
        trim()
        cutInsideSubject(&indices)
        trim()
        var current = foldedText()
        if let noun = FigureLexicon.growthNouns.first(where: { current.hasSuffix($0) && current.count > $0.count }) {
            indices.removeLast(noun.count)
            result.growthNoun = true
            trim()
            current = foldedText()
        }
        // `…及36家医疗机构`: the number counts the noun after it.
        if FigureLexicon.conjunctionEndings.contains(where: { current.hasSuffix($0) }) || FigureLexicon.leadingVerbs.contains(current)
            || FigureLexicon.leadingScope.contains(current) || FigureLexicon.scopeOnly.contains(current) || FigureLexicon.changeVerbs.contains(current)
            || current.firstMatchOfYearPrefix() == nil && current.count == 5 && current.hasSuffix("年") && current.unicodeScalars.dropLast().allSatisfy(Self.isDigit) {
            return Subject(text: "", growthNoun: false, opensWithNew: result.opensWithNew || current == "新增")
        }
        result.text = Self.string(indices.map { raw[$0] })
        return result
    }

    /// Cuts what stands before the subject inside it: a list closed by `等` (`云数据中心等
    /// 新基建投资` → 新基建投资), a verb that acts on it (`全区接待游客` → 游客,
    /// `…人大常委会制定修改废止地方性法规` → 地方性法规), and a frame after it
    /// (`新能源装机在全国率先破亿` → 新能源装机).
    func cutInsideSubject(_ indices: inout [Int]) {
        let characters = indices.map { t[$0] }
        // A frame: 在全国…, 在全区….
        for position in 2..<max(2, characters.count - 2) where characters[position] == "在" {
            let next = Self.string(characters[(position + 1)...].prefix(2))
            if ["全国", "全区", "全省", "全市", "国家"].contains(next) {
                indices.removeLast(characters.count - position)
                return
            }
        }
        // A list closed by 等 (not 中等, 高等, 二等 …).
        if let position = characters.lastIndex(of: "等"), position >= 2, characters.count - position > 2,
           Self.isHan(characters[position - 1]), !"中高平同相对均一二三初".unicodeScalars.contains(characters[position - 1]),
           characters[position + 1] != "级" {
            indices.removeFirst(position + 1)
            return
        }
        // A verb acting on the subject, after something else (at least two characters each side).
        var position = characters.count - 3
        while position >= 2 {
            if let verb = FigureLexicon.innerVerbs.longest(in: characters, at: position), characters.count - position - verb.count >= 2 {
                indices.removeFirst(position + verb.count)
                return
            }
            position -= 1
        }
    }

    /// The subject written after the number (`17个农畜产品入选…` → 农畜产品), when the unit is
    /// followed by a noun; `nil` otherwise.
    func subjectAfter(_ q: Quantity) -> String? {
        guard q.end == q.unitEnd || q.suffix == .atLeast || q.suffix == .around else { return nil }
        var start = q.end
        while start < t.count, t[start] == " " { start += 1 }
        guard start < t.count, Self.isHan(t[start]) || t[start] == "“" || t[start] == "《", t[start] != "的", t[start] != "之" else { return nil }
        var end = start
        while end < t.count, !Self.clauseEnds.contains(t[end]), t[end] != "、", !Self.isDigit(t[end]) { end += 1 }
        if opensWithContinuation(at: start, end: end) { return nil }
        var cut = end
        for i in (start + 1)..<max(start + 1, end) where FigureLexicon.predicateCutList.longest(in: t, at: i, limit: end) != nil {
            cut = i
            break
        }
        var name = text(start..<cut).trimmingWhitespace()
        while let last = name.last, "和及与或、".contains(last) { name.removeLast() }
        if name.isEmpty || FigureLexicon.attributeNouns.contains(name) || ["关口", "水平", "目标"].contains(name) { return nil }
        return name
    }

    /// Splits `化肥和农药使用量` into 化肥使用量 and 农药使用量 for `count` numbers: on 、和及与
    /// outside quotes; a short first item takes the rest of the last (化肥 + 使用量); `城乡…`
    /// becomes 城镇… and 农村…. Returns `[subject]` when the counts do not agree.
    static func splitSubjects(_ subject: String, count: Int) -> [String] {
        guard count > 1 else { return [subject] }
        var items: [String] = []
        var current = ""
        var depth = 0
        var characters = Array(subject)[...]
        while let c = characters.popFirst() {
            if "“《「（(".contains(c) { depth += 1 }
            if "”》」）)".contains(c) { depth = max(0, depth - 1) }
            if depth == 0, "、和及与".contains(c) {
                if !current.isEmpty { items.append(current) }
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { items.append(current) }
        if items.count == 1, count == 2, subject.hasPrefix("城乡") {
            let rest = subject.dropFirst(2)
            return ["城镇" + rest, "农村" + rest]
        }
        guard items.count == count, let last = items.last else { return [subject] }
        guard let head = FigureLexicon.headNouns.first(where: { last.hasSuffix($0) && last.count > $0.count }) else { return items }
        return items.enumerated().map { index, item in
            guard index < items.count - 1, item.count <= 4, !FigureLexicon.headNouns.contains(where: { item.hasSuffix($0) }) else { return item }
            return item + head
        }
    }

    // MARK: - Measure and kind

    func measure(_ q: Quantity, linking: LinkingWords, subject: Subject, name: String) -> FigureMeasure {
        switch q.baseUnit {
        case "%", "‰":
            if subject.growthNoun || has("增长", at: q.end) || has("的增长", at: q.end) { return .growth }
            if FigureLexicon.growthVerbs.contains(linking.direction), !linking.reachesLevel { return .growth }
            return .level
        case "个百分点", "百分点": return .points
        case "倍": return .multiple
        case "位", "名":
            if q.ordinal { return .rank }
            if q.baseUnit == "位", !linking.direction.isEmpty || name.contains("排名") || name.contains("位次") { return .rank }
            return .level
        default: return .level
        }
    }

    /// A capacity written inside a project's name: a capacity unit between a name and a
    /// product, with no verb (`久泰100万吨乙二醇项目`, `12GW 单晶硅片`).
    func isProject(_ q: Quantity, linking: LinkingWords) -> Bool {
        guard FigureLexicon.capacityUnits.contains(q.baseUnit), q.end == q.unitEnd, !linking.hasVerb, q.start > 0,
              Self.isHan(t[q.start - 1]) else { return false }
        let next = skipSpaces(q.end)
        guard next < t.count, Self.isHan(t[next]) else { return false }
        let rest = folded(next..<clauseEnd(next))
        return ["项目", "工程", "基地", "生产线", "电站", "电厂", "一期", "二期", "三期"].contains { rest.contains($0) }
    }

    // MARK: - Main targets

    /// The sentence of the main expected targets, after `主要预期目标是：`, if the passage has one.
    func mainTargetRange() -> Range<Int>? {
        // Every marker has `目标` at its third or fourth character.
        guard let first = t.firstIndex(where: { $0 == "目" }), first + 1 < t.count else { return nil }
        for marker in FigureLexicon.mainTargetMarkers {
            var i = max(0, first - 4)
            while i < t.count {
                if t[i] == "主" || t[i] == "预", has(marker, at: i) {
                    var start = i + marker.count
                    while start < t.count, t[start] == ":" || t[start] == " " { start += 1 }
                    var end = start
                    while end < t.count, t[end] != "。", t[end] != "\n" { end += 1 }
                    return start..<end
                }
                i += 1
            }
        }
        return nil
    }

    /// Items of the main targets without a number (`完成自治区下达的节能减排目标任务`), as
    /// qualitative targets. Items are split at `；` when the sentence has one, else at `，`.
    func qualitativeTargets(in range: Range<Int>, context: FigureContext) -> [ExtractedFigure] {
        let separators: Set<Unicode.Scalar> = t[range].contains(";") ? [";"] : [",", ";"]
        var items: [Range<Int>] = []
        var start = range.lowerBound
        for i in range where separators.contains(t[i]) {
            items.append(start..<i)
            start = i + 1
        }
        items.append(start..<range.upperBound)
        return items.compactMap { item in
            guard !quantities.contains(where: { !$0.skipped && item.contains($0.start) }) else { return nil }
            let written = text(item).trimmingWhitespace()
            guard written.count >= 4 else { return nil }
            return ExtractedFigure(
                indicator: written, value: nil, valueHigh: nil, unit: "", baseUnit: "", scaleExponent: 0, measure: .qualitative,
                direction: "", modifier: .exact, kind: .target, period: context.reportYear > 0 ? String(context.reportYear) : "", display: written,
                sourceText: written, isMainTarget: true, range: item)
        }
    }
}

extension String {
    /// The length of an opening year (`2021年`, `2013年以来`), if the string opens with one.
    func firstMatchOfYearPrefix() -> Int? {
        let characters = Array(unicodeScalars)
        var i = 0
        while i < characters.count, FigureScan.isDigit(characters[i]) { i += 1 }
        guard i == 4, i < characters.count, characters[i] == "年" else { return nil }
        i += 1
        if i + 1 < characters.count, characters[i] == "以", characters[i + 1] == "来" { i += 2 }
        return i < characters.count ? i : nil
    }
}
