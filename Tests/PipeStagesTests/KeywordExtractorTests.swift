import PipeKit
@testable import PipeStages
import Testing

@Suite("KeywordExtractor")
struct KeywordExtractorTests {
    @Test(arguments: [0, 1, 5, 48, 999, 1000, 5000])
    func theSmallestAreTheSortedPrefix(limit: Int) {
        // A fixed linear congruential sequence with many repeated values.
        var state: UInt64 = 42
        let values = (0..<1000).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 54)
        }
        // Each value with its place below it, as phrases are ordered by score, then by index.
        let keys = values.enumerated().map { UInt128($1) << 64 | UInt128($0) }
        let smallest = KeywordExtractor.smallest(limit, of: keys)
        #expect(smallest == Array(keys.sorted().prefix(limit)))
    }

    /// Stems of `first` and `second`, each the only word of a body.
    private func stems(_ first: String, _ second: String) -> (KeywordExtractor.Stem, KeywordExtractor.Stem) {
        let body = first + " " + second
        let tokens = Tokenizer.tokens(of: Article(id: "a", source: "s", date: nil, title: "", body: body))
        let extractor = KeywordExtractor(texts: TokenTexts(body: body))
        return (extractor.stem(of: tokens[0]), extractor.stem(of: tokens[1]))
    }

    @Test(arguments: [("Japan's", "japan"), ("Japan’s", "JAPAN"), ("profits", "Profit"), ("Zürich’s", "zürich"),
                      ("bosses", "bosse"), ("internationalisations", "internationalisation")])
    func repeatsHaveOneStem(first: String, second: String) {
        let (a, b) = stems(first, second)
        #expect(a == b)
    }

    @Test(arguments: [("boss", "bos"), ("its", "it"), ("gas", "ga"), ("Zürich", "Zurich")])
    func differentWordsKeepTheirStems(first: String, second: String) {
        let (a, b) = stems(first, second)
        #expect(a != b)
    }
}
