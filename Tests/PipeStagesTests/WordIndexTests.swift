@testable import PipeStages
import Testing

@Suite("WordIndex")
struct WordIndexTests {
    @Test func wordIndexSharesOneNumberingBetweenShortAndLongWords() {
        var index = WordIndex()
        let long = String(repeating: "x", count: 40)
        #expect(index.id(of: PackedWord("the"), word: "the") == (0, true))
        #expect(index.id(of: nil, word: long) == (1, true))
        #expect(index.id(of: PackedWord("envoy"), word: "envoy") == (2, true))
        #expect(index.id(of: PackedWord("the"), word: "the") == (0, false))
        #expect(index.id(of: nil, word: long) == (1, false))
        #expect(index.id(of: nil, word: long + "y") == (3, true))
        #expect(index.id(of: PackedWord("x"), word: "x") == (4, true))
        #expect(index.id(of: nil, word: long + "y") == (3, false))
        #expect(index.count == 5)
    }
}
