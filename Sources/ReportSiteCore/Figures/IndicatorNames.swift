/// Names of indicators made comparable across reports: `国内生产总值` (the nation),
/// `全省地区生产总值`, `全市生产总值` and `生产总值` all compare as 地区生产总值.
enum IndicatorNames {
    /// Synonyms, matched after scope words are removed, longest first.
    static let synonyms: [(String, String)] = [
        ("国内生产总值", "地区生产总值"), ("全市生产总值", "地区生产总值"), ("生产总值", "地区生产总值"), ("gdp", "地区生产总值"),
        ("地区地区生产总值", "地区生产总值"),
        ("规上工业增加值", "规模以上工业增加值"),
        ("外贸进出口总额", "进出口总额"), ("货物进出口总额", "进出口总额"), ("外贸进出口", "进出口总额"),
        ("单位gdp能耗", "单位地区生产总值能耗"), ("单位生产总值能耗", "单位地区生产总值能耗"),
        ("粮食总产量", "粮食产量"),
        ("研究与试验发展经费投入强度", "研发投入强度"), ("全社会研发投入强度", "研发投入强度"), ("研发经费投入强度", "研发投入强度"),
        ("常住居民", "居民"),
    ]

    /// Scope words at the start that do not change what is measured.
    static let scopes = ["全省", "全区", "全市", "全国", "我省", "我区", "我市", "地方", "全年"]

    /// The comparable form of an indicator: folded, without quotes, spaces and scope words,
    /// synonyms replaced.
    static func canonical(_ indicator: String) -> String {
        var name = String(indicator.map(TextFolding.fold).filter { !" “”\"《》".contains($0) })
        for scope in scopes where name.hasPrefix(scope) && name.count > scope.count + 2 {
            name.removeFirst(scope.count)
            break
        }
        for (from, to) in synonyms where name.contains(from) {
            name = name.replacingOccurrences(of: from, with: to)
        }
        return name.replacingOccurrences(of: "地区地区", with: "地区")
    }
}
