/// The words the figure extractor knows, in folded form (``TextFolding``: ASCII lower case,
/// full-width forms folded). Counts and examples are from `shared/docs/domain.md` section 5 and
/// the ten reports in `Content/`.
///
/// Lists that are matched at the end of a text are tried longest first, so `提升至` wins over
/// `提升` and `个百分点` over `个`.
enum FigureLexicon {
    // MARK: - Numbers and units

    /// Scale words and their power of ten (`2.6万亿元`, `35.4亿斤`, `3700多万`).
    static let scales: [(word: String, exponent: Int)] = [("万亿", 12), ("千万", 7), ("百万", 6), ("亿", 8), ("万", 4)]

    /// Units that may follow a number (after its scale). A number with neither a unit nor a
    /// scale is not an indicator (`2021中国…`, `2.0版`, `3大`); neither is one followed by a word
    /// that is not here (`2021年`, `10月`, `1号线`, `30周年`, `4A级`).
    static let units: [String] = sortedLongestFirst([
        "%", "‰", "个百分点", "百分点", "倍", "位", "名",
        "元", "美元", "欧元", "元/人", "元/吨", "元/平方米",
        "亩", "公顷", "平方公里", "平方米", "立方米", "千米", "公里", "米", "km",
        "吨", "千克", "公斤", "斤", "吨标准煤", "蒸吨", "微克/立方米",
        "千瓦时", "千瓦", "瓦", "gw", "mw", "kw", "度",
        "人次", "人", "户次", "户", "家次", "家", "个工作日", "个月", "个", "项", "条", "件", "所", "座", "处", "套",
        "头只", "头", "只", "羽", "辆次", "车次", "艘次", "班次", "吨/年", "吨/日", "立方米/日", "场次", "场", "次", "架次", "列", "辆", "台", "艘", "张", "部", "批", "篇", "株", "棵",
        "间", "栋", "床", "台套", "台(套)", "张床位", "床位", "标准箱", "标箱", "teu", "宗", "笔", "种", "款", "例", "片", "支", "轮",
        "天", "小时", "分钟", "岁", "年度", "eflops", "pflops", "p",
    ])

    /// Units of production capacity: followed by a product name, they describe a project
    /// (`久泰100万吨乙二醇项目`, `12GW单晶硅片`).
    static let capacityUnits: Set<String> = [
        "吨", "千瓦", "瓦", "gw", "mw", "kw", "千瓦时", "度", "立方米", "标准箱", "标箱", "teu", "头", "只", "羽", "片",
        "辆", "台", "套", "吨标准煤", "蒸吨",
    ]

    /// Units that count things: `27条市政道路` names what is counted after the number.
    static let counterUnits: Set<String> = [
        "个", "家", "条", "项", "所", "座", "处", "套", "件", "名", "人", "户", "头", "只", "场", "场次", "次", "列", "辆",
        "台", "艘", "张", "部", "批", "篇", "株", "棵", "间", "栋", "宗", "笔", "种", "款", "例", "支",
    ]

    // MARK: - Words before a number

    /// Words right before a number that say how exact it is.
    static let prefixModifiers: [(word: String, modifier: FigureModifier)] = [
        ("不低于", .atLeast), ("不少于", .atLeast), ("不超过", .within), ("不高于", .within), ("不足", .below), ("不到", .below),
        ("超过", .over), ("突破", .over), ("逾", .over), ("超", .over), ("接近", .nearly), ("近", .nearly), ("大约", .about), ("约", .about),
    ].sorted { $0.word.count > $1.word.count }

    /// Verbs of change before a number, as written; with `至`/`到` after them they lead to a
    /// level (`提升至28.1%`). The direction column keeps the verb.
    static let changeVerbs: [String] = sortedLongestFirst([
        "增长", "下降", "上涨", "增加", "减少", "降低", "提高", "提升", "回落", "上升", "下滑", "扩大", "缩小", "缩短", "压减",
        "压降", "压缩", "新增", "净增", "增", "降", "减", "前移", "上升", "进位",
    ])

    /// Verbs of change whose number is a rate of change when it is in per cent (`增长6.5%`).
    static let growthVerbs: Set<String> = [
        "增长", "下降", "上涨", "增加", "减少", "降低", "提高", "提升", "回落", "上升", "下滑", "扩大", "缩小", "增", "降", "减",
        "压减", "压降",
    ]

    /// Verbs and adverbs between a subject and its number that are not part of the subject
    /// (`达到`, `保持在`, `分别`, `比上年`). Stripped from the end of the text before a number.
    static let linkingWords: [String] = sortedLongestFirst([
        "达到", "达", "完成", "实现", "为", "是", "保持在", "控制在", "稳定在", "保持", "稳定", "拟按", "按", "占", "位列", "位居",
        "居", "累计", "共计", "合计", "总计", "约为", "分别", "各", "均", "平均", "年均", "年平均", "同比", "比上年",
        "较上年", "比去年", "较去年", "比上年末", "由上年", "由", "从", "再", "又", "首次", "始终", "继续", "持续",
        "全年", "当年", "力争", "确保", "争取", "预计", "将", "拟", "已", "已经", "实际", "名义", "同口径", "跨过", "超额",
        "提升至", "提升到", "提高到", "提高至", "增加到", "增加至", "增长到", "增长至", "增至", "降至", "降到", "下降到", "下降至",
        "降低到", "降低至", "减少到", "减少至", "扩大到", "扩大至", "缩短至", "缩短到", "压缩至", "压缩到", "上升至", "上升到", "达",
        "第", "共", "迈上", "跨上", "跨越", "站上", "占全省", "占全国", "占全市", "占全区", "高于全国", "低于全国", "高于全省", "低于全省", "快于全国", "高于",
        "低于", "快于", "优于", "更新至", "升至", "升到", "增至", "降为", "比上次", "较上次", "比上届", "有望", "居全国", "保持全国", "位居全国", "稳居全国", "居全省", "居全区",
        "居西部省份", "居西部", "居中部", "居东部", "调整为", "整合为", "合并为", "调整至", "在", "都",
    ])

    /// Nouns ending a subject that make a per-cent number a rate of change (`增速保持7%左右`).
    static let growthNouns: [String] = sortedLongestFirst(["增速", "增幅", "涨幅", "增长率", "降幅", "年均增速"])

    /// Subjects too generic to stand alone: they take the indicator before them (`地区生产总值
    /// 增速保持7%左右、总值突破4000亿元` → 地区生产总值).
    static let attributeNouns: Set<String> = ["总值", "总量", "规模", "总额", "比重", "占比", "总数", "数量", "增量"]

    // MARK: - Words around a subject

    /// Words of scope and time that open a clause but are not the subject (`全市`, `其中`).
    static let leadingScope: [String] = sortedLongestFirst([
        "全市", "全年", "今年", "去年", "上年", "当年", "其中", "此外", "同时", "另外", "我市", "我省", "我区", "我国", "各类",
        "各级", "是", "累计", "力争", "确保", "争取", "预计", "将", "拟", "为", "与", "在", "和", "及", "、",
        "一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是", "通过", "全力", "积极", "大力", "着力",
        "努力", "加快", "持续", "进一步", "一次性",
    ])

    /// Verbs that open a clause before what they act on (`完成高标准农田建设51.2万亩`): not
    /// part of the subject.
    static let leadingVerbs: [String] = sortedLongestFirst([
        "完成", "实施", "新增", "建成", "新建", "续建", "新建续建", "新建改扩建", "改扩建", "改造", "改造提升", "提升改造", "新改建",
        "引进", "投入", "开工", "新开工", "开工建设", "举办", "打造", "培育", "开展", "推动", "实现", "解决", "兑现", "拆除",
        "关停整治", "关停", "整治", "选树", "受理", "发放", "确定", "制定修订", "制定", "修订", "出台", "荣获", "获得", "获批",
        "创建", "认定", "新认定", "吸引", "招引", "签约", "安排", "节约", "治理", "修复", "惠及", "带动", "帮助", "支持", "救助",
        "资助", "培训", "接待", "新开", "开通", "开行", "新开通", "提供", "发行", "落实", "减免", "退还", "清理", "化解",
        "消除", "处置", "查处", "办理", "办结", "交付", "筹集", "建立", "设立", "组建", "成立", "引育", "新引进", "集聚", "提请",
        "新开工改造", "种植", "新筹建", "筹建", "新设", "按时办复", "办复", "制定修改废止", "修改废止", "减轻", "统筹", "推进", "强力推进", "废止", "新造", "稳定", "编制完成", "编制", "用足用好", "争取", "造林", "推广", "培养", "招收", "招聘", "扶持", "认证", "评选", "争创", "承办",
    ])

    /// Words that end a subject written after the number (`17个农畜产品入选…`, `158名知名
    /// 专家在我市多点执业`): the subject is cut before them.
    static let predicateCuts: [String] = [
        "入选", "在", "实现", "选择", "达成", "完成", "基本", "顺利", "受益", "被", "获", "纳入", "开工", "投用", "建成", "通车",
        "上市", "参与", "覆盖", "惠及", "得到", "已", "正式", "全部", "均", "成功", "累计", "整合", "重组", "进入", "投产", "运营",
        "开通", "落户", "签约", "大关", "优化", "全面", "加速", "跻身", "获批", "提供", "支持", "用于", "具有", "全覆盖", "都不", "都有", "都在", "都已", "都得到",
    ]

    /// Nouns that end a list of subjects and belong to each (`化肥和农药使用量` → 化肥使用量).
    static let headNouns: [String] = sortedLongestFirst([
        "使用量", "利用率", "零售额", "销售额", "增加值", "总额", "收入", "产量", "比重", "占比", "覆盖率", "人数", "起数", "投资", "贷款",
        "支出", "面积", "规模", "数量", "人均可支配收入", "居民人均可支配收入", "常住居民人均可支配收入", "进出口", "营业收入",
    ])

    /// Words of scope that say where, not what (`全省共增加2702亿元`): alone, no subject.
    static let scopeOnly: Set<String> = ["全省", "全区", "全国", "全市", "全县", "我省", "我市", "我区", "我国", "全年", "今年", "去年"]

    /// Words after a subject written before a number that mean the number quantifies the
    /// following noun instead (`…及36家医疗机构`).
    static let conjunctionEndings: [String] = ["及", "和", "与", "、", "等", "以及", "或"]

    // MARK: - Kind and period

    /// Words that open the main expected targets (`主要预期目标是：`).
    static let mainTargetMarkers = ["主要预期目标是", "主要预期目标为", "主要目标是", "主要目标为", "预期目标是", "预期目标为"]

    // MARK: - Lists as characters

    /// Words before a number: modifiers, linking words and verbs of change.
    static let linkingCandidates = WordList(prefixModifiers.map(\.word) + linkingWords + changeVerbs)
    /// Words that open a clause but are not its subject.
    static let openingWords = WordList(leadingScope + leadingVerbs)
    static let unitList = WordList(units)
    /// Verbs that may stand inside a subject before what they act on (`全区接待游客`). A short
    /// list: most verbs inside a subject belong to its name (`城镇新增就业`, `糖料蔗种植面积`,
    /// `社会救助资金`).
    static let innerVerbs = WordList([
        "接待", "制定修改废止", "修改废止", "培养", "减轻", "新筹建", "建设筹集", "筹集", "筹建", "新设", "按时办复", "办复", "带动",
        "遴选支持", "柔性引进", "引进", "更新改造", "升级改造", "新建", "建成", "开工建设", "提请",
    ])
    static let predicateCutList = WordList(predicateCuts)
    /// Words that continue a sentence rather than name what a number counts (`和`, `增长`,
    /// `达到`); one-character words other than conjunctions open too many nouns (居家, 达标).
    static let continuations = WordList(conjunctionEndings + (linkingWords + changeVerbs + prefixModifiers.map(\.word)).filter { $0.count >= 2 })

    private static func sortedLongestFirst(_ words: [String]) -> [String] {
        Array(Set(words)).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }
}

/// A list of words as character arrays, longest first, matched inside a character array
/// without making strings (the extractor runs over every passage of every build).
struct WordList {
    let words: [[Unicode.Scalar]]

    init(_ strings: [String]) {
        words = Array(Set(strings)).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }.map { Array($0.unicodeScalars) }
    }

    /// The longest word standing in `text` at `index` (before `limit`).
    func longest(in text: [Unicode.Scalar], at index: Int, limit: Int? = nil) -> [Unicode.Scalar]? {
        let end = limit ?? text.count
        return words.first { word in
            guard index >= 0, index + word.count <= end else { return false }
            for (offset, c) in word.enumerated() where text[index + offset] != c { return false }
            return true
        }
    }

    /// The longest word ending in `text` at `end` and starting at or after `start`.
    func longest(in text: [Unicode.Scalar], endingAt end: Int, from start: Int) -> [Unicode.Scalar]? {
        words.first { word in
            guard end - word.count >= start, end <= text.count else { return false }
            for (offset, c) in word.enumerated() where text[end - word.count + offset] != c { return false }
            return true
        }
    }
}
