import PipeKit
@testable import PipeStages
import Testing

@Suite("MarkdownReport")
struct MarkdownReportTests {
    private let report = MarkdownReport(article: Article(id: "a", source: "s", date: nil, title: "", body: ""))

    @Test(arguments: [
        ("plain text", "plain text"), ("", ""), ("Zürich", "Zürich"), ("a*b_c", "a\\*b\\_c"),
        ("\\`*_[]<>#|", "\\\\\\`\\*\\_\\[\\]\\<\\>\\#\\|"), ("5 < 6 | x", "5 \\< 6 \\| x"),
        // A mark followed by a combining accent is still that mark to a Markdown reader.
        ("*\u{301}", "\\*\u{301}"),
        // Every text stays on its line.
        ("a\n# b\r\n<script>", "a \\# b  \\<script\\>"),
    ])
    func escapesWhatMarkdownWouldFormat(text: String, expected: String) {
        #expect(report.escape(text) == expected)
    }

    @Test func theLeadIsTheFirstParagraph() throws {
        let article = try NormalizeStage().normalize(
            Article(id: "a", source: "s", date: nil, title: "Talks", body: "First *one*.\n\nSecond one."))
        let text = MarkdownReport(article: article).text
        #expect(text.contains("> First \\*one\\*.\n"))
        #expect(!text.contains("Second one"))
    }

    @Test func anIdTitleOrURLCannotAddHTMLOrHeadings() {
        let article = Article(id: "x`\n# Owned\n<img src=x onerror=alert(1)>", source: "s", date: nil,
                              url: "http://a.example/> <b>bold</b>", title: "T\n\n<script>alert(1)</script>", body: "Body.")
        let text = MarkdownReport(article: article).text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.hasPrefix("#") } == ["## T  \\<script\\>alert(1)\\</script\\>"])
        // Every `<` is escaped: no HTML reaches the reader.
        let bytes = Array(text.utf8)
        #expect(bytes.indices.allSatisfy { bytes[$0] != UInt8(ascii: "<") || ($0 > 0 && bytes[$0 - 1] == UInt8(ascii: "\\")) })
        #expect(text.contains("**id** x\\` \\# Owned \\<img src=x onerror=alert(1)\\>"))
        #expect(text.contains("http://a.example/\\> \\<b\\>bold\\</b\\>"))
    }
}
