@testable import PipeKit
import PipeTesting
import Testing

@Suite("Article")
struct ArticleTests {
    private func article(_ body: String) -> Article {
        Article(id: "a", source: "s", date: nil, title: "", body: body)
    }

    @Test(arguments: [
        ("", 0), ("one", 1), ("two words", 2), ("don't stop-gap", 2), ("'quoted' - dash", 2), ("a1 b2, c3.", 3),
        ("Zürich’s café", 2), ("٣ apples and 三 pears", 5), ("  spaced\n\nout  ", 2),
    ])
    func countsRunsOfLettersAndDigits(body: String, words: Int) {
        #expect(article(body).wordCount == words)
    }

    /// ASCII bodies, read byte by byte, count as the scalar-by-scalar path counts: the same body
    /// with one non-ASCII letter appended (which takes that path) counts one word more.
    @Test func asciiBodiesCountAsTheGeneralPathCounts() {
        let pieces = ["a", "Z", "7", " ", "'", "-", ".", ",", "\n", "ab", "--", "''", "x-y", "it's"]
        var numbers = SeededNumbers(seed: 5)
        for length in 0..<300 {
            let body = numbers.text(of: pieces, count: length)
            #expect(article(body).wordCount + 1 == article(body + " é").wordCount, "\(body.debugDescription)")
        }
    }
}
