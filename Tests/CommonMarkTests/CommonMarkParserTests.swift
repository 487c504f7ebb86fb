import CommonMark
import Testing

@Suite("CommonMark parser")
struct CommonMarkParserTests {
    @Test func parsesHeadingsParagraphsAndInlineMarkup() throws {
        let document = try CommonMarkParser.parse("## 一、回顾\n\n**积极扩大有效投资**。坚持把*项目*建设\n")
        #expect(document.kind == .document)
        #expect(document.children.count == 2)
        #expect(document.children[0].kind == .heading(level: 2))
        #expect(document.children[0].plainText == "一、回顾")
        let paragraph = document.children[1]
        #expect(paragraph.kind == .paragraph)
        #expect(paragraph.children.first?.kind == .strong)
        #expect(paragraph.plainText == "积极扩大有效投资。坚持把项目建设")
        #expect(paragraph.children.contains { $0.kind == .emphasis })
    }

    @Test func positionsCountLinesAndUnicodeScalarColumns() throws {
        let document = try CommonMarkParser.parse("各位代表：\n\n  现在，我代表\n")
        #expect(document.children[0].range?.start == SourcePosition(line: 1, column: 1))
        #expect(document.children[0].range?.end == SourcePosition(line: 1, column: 5))
        // Indented by two spaces: the paragraph starts at column 3.
        #expect(document.children[1].range?.start == SourcePosition(line: 3, column: 3))
    }

    @Test func positionsAfterCarriageReturnLineEnds() throws {
        let document = try CommonMarkParser.parse("第一段\r\n\r\n第二段\r\n")
        #expect(document.children.map { $0.range?.start.line } == [1, 3])
    }

    @Test func keepsHTMLCommentsAsHTMLNodes() throws {
        let document = try CommonMarkParser.parse("<!-- topics: +ecology -->\n段落<!-- x -->\n")
        #expect(document.children[0].kind == .htmlBlock("<!-- topics: +ecology -->\n"))
        #expect(document.children[1].children.contains { $0.kind == .htmlInline("<!-- x -->") })
    }

    @Test func readsListsCodeLinksAndImages() throws {
        let document = try CommonMarkParser.parse("3. 甲\n4. 乙\n\n```txt\ncode\n```\n\n[链接](a.html \"t\") ![图](p.png)\n")
        #expect(document.children[0].kind == .list(ordered: true, start: 3, tight: true))
        #expect(document.children[0].children.count == 2)
        #expect(document.children[1].kind == .codeBlock(info: "txt", literal: "code\n"))
        let inlines = document.children[2].children
        #expect(inlines.first?.kind == .link(destination: "a.html", title: "t"))
        #expect(inlines.last?.kind == .image(source: "p.png", title: ""))
    }

    @Test func survivesDeeplyNestedInputWithoutRecursion() throws {
        let depth = 10_000
        let document = try CommonMarkParser.parse(String(repeating: ">", count: depth) + " 深\n")
        var node = document
        var levels = 0
        while let child = node.children.first, child.kind == .blockQuote {
            node = child
            levels += 1
        }
        #expect(levels == depth, "libcmark keeps every level; the structurer flattens them")
        #expect(document.plainText.contains("深"))
    }

    @Test func emptyInputGivesAnEmptyDocument() throws {
        let document = try CommonMarkParser.parse("")
        #expect(document.kind == .document)
        #expect(document.children.isEmpty)
    }

    @Test func reportsTheLibraryVersion() {
        #expect(CommonMarkParser.libraryVersion.split(separator: ".").count == 3)
    }
}
