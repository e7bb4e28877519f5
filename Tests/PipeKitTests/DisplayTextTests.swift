@testable import PipeKit
import Testing

@Suite("DisplayText")
struct DisplayTextTests {
    @Test(arguments: [
        ("plain name.jsonl", "plain name.jsonl"),
        ("two\nlines\tand a tab", "two\nlines\tand a tab"),
        ("\u{1B}[31mred", "\\u{1B}[31mred"),
        ("a\u{0}b\u{7F}c\u{85}", "a\\u{0}b\\u{7F}c\\u{85}"),
        ("file\u{202E}gpj.exe", "file\\u{202E}gpj.exe"),
        ("\u{2066}x\u{2069}\u{200F}\u{2028}", "\\u{2066}x\\u{2069}\\u{200F}\\u{2028}"),
        ("Zürich, 東京", "Zürich, 東京"),
    ])
    func escapesControlAndBidiCharacters(text: String, shown: String) {
        #expect(DisplayText.escaped(text) == shown)
    }
}
