import PipeKit
@testable import PipeStages
import Testing

@Suite("KeywordExtractor")
struct KeywordExtractorTests {
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
