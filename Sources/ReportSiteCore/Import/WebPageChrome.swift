/// Lines of a web page around a report copied out of a browser (navigation, page tools,
/// publishing data, footer): `首页 > 政务公开 > …`, `字号：大 中 小 | 打印 | 关闭`,
/// `发布时间：2025-01-20 09:30`, `【打印本页】【关闭窗口】`, `上一篇：…`, `版权所有：…`, `ICP备…`.
///
/// They are not the report's text, but the importer cannot be sure, and it drops nothing: such
/// a line is kept (in the body) with a warning at its input line, saying to delete it from the
/// imported file; and it is never taken for the report's title.
enum WebPageChrome {
    /// Patterns of such lines (regular expressions, matched anywhere in the line).
    static let patterns = [
        #"^(首页|当前位置|您的位置|您现在的位置)\s*[>＞»:：]"#, #"\S\s*[>＞»]\s*\S.*[>＞»]"#,
        #"字号[：:]"#, #"^发布时间[：:]"#, #"【(打印|关闭|打印本页|关闭窗口|收藏|分享)[^】]*】"#,
        #"^(上一篇|下一篇)[：:]"#, #"版权所有"#, #"ICP备"#, #"^(扫一扫|分享到)"#,
    ]

    /// True when `text` looks like web-page navigation rather than report text.
    static func isChrome(_ text: String) -> Bool {
        patterns.contains { text.range(of: $0, options: .regularExpression) != nil }
    }

    /// A warning for each paragraph of `paragraphs` that looks like web-page navigation.
    static func warnings(_ paragraphs: [SourceParagraph], path: String) -> [Diagnostic] {
        paragraphs.filter { isChrome($0.text) }.map { paragraph in
            Diagnostic(
                .warning, at: SourceLocation(path: path, line: paragraph.line),
                "this line looks like web-page navigation, not report text: \(Repair.quoted(String(paragraph.text.prefix(30))))",
                hint: "it is imported as it is (nothing is dropped); delete it from the imported file, or from the input before importing",
                stage: .importing)
        }
    }
}
