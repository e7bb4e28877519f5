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
}
