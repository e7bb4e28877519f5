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

    /// The keywords of `body`, normalized as the pipeline does it (so that its sentences are known).
    private func keywords(_ body: String, count: Int = 40) throws -> [String] {
        let article = try NormalizeStage().normalize(Article(id: "a", source: "s", date: nil, title: "", body: body))
        let extractor = KeywordExtractor(texts: TokenTexts(body: article.body))
        return extractor.extract(Tokenizer.tokens(of: article), count: count).map(\.text)
    }

    /// A phrase is one to three words side by side in one sentence: content words, or `of`
    /// between two of them; punctuation and a sentence's end part words.
    @Test func phrasesAreContentWordsSideBySideInASentence() throws {
        let found = try keywords("Rates rose at the Bank of England. Bank of England officials met traders, markets fell.")
        // Every phrase that does not repeat a better one; `bank`, `england`, `officials met` and
        // others repeat these.
        #expect(found == ["bank of england", "rates rose", "england officials met", "markets fell", "met traders"])
        for crossing in ["england bank", "traders markets", "rose at", "at the", "of england", "bank of", "officials met traders"] {
            #expect(!found.contains(crossing))
        }
    }
}
