import PipeKit
@testable import PipeStages
import Testing

@Suite("TokenTexts")
struct TokenTextsTests {
    private func tokens(_ body: String) -> [Token] {
        Tokenizer.tokens(of: Article(id: "a", source: "s", date: nil, title: "", body: body))
    }

    @Test(arguments: ["Japan's", "Japan’s", "Zürich’s", "it's", "a's", "boss", "James'", "s", "x’", "Assad’S", "United's"])
    func possessiveBytesAgreeWithTheScalarRule(word: String) throws {
        let texts = TokenTexts(body: word)
        let token = try #require(tokens(word).first)
        let text = texts[token]
        let scalars = EntityRecognizer.possessiveLength(text)
        let bytes = texts.possessiveByteCount(token)
        #expect(bytes == String(text.unicodeScalars.suffix(scalars)).utf8.count, "\(text)")
    }

    /// A name is cut from the body in one piece where single spaces separate its words, and
    /// built word by word elsewhere: the same text either way.
    @Test(arguments: [
        ("Bashar al-Assad's", "Bashar  al-Assad's", "Bashar al-Assad"),
        ("Rod Eddington’s", "Rod\tEddington’s", "Rod Eddington"),
        ("Bank of England", "Bank of\u{A0}England", "Bank of England"),
        ("AT&T Inc", "AT&T   Inc", "AT&T Inc"),
    ])
    func namesAreTheSameCutOrBuilt(normalized: String, spaced: String, expected: String) {
        for body in [normalized, spaced] {
            let tokens = tokens(body)
            let name = EntityRecognizer(texts: TokenTexts(body: body)).name(of: tokens.indices, tokens: tokens)
            #expect(name == expected, "\(body)")
        }
    }

    /// A contraction is a function word when the part before its apostrophe is a stopword or a
    /// negation, whether the word is ASCII (looked up packed) or not (lower-cased).
    @Test(arguments: [
        ("that's", true), ("It's", true), ("It’s", true), ("I've", true), ("don't", true), ("Can't", true),
        ("WASN'T", true), ("they’re", true), ("Assad's", false), ("Zürich’s", false), ("rock'n'roll", false),
        ("o'clock", false), ("country's", false), ("abcdefghijklmnopqrstuvwxyz's", false), ("isn’t", true),
    ])
    func contractionsOfFunctionWordsAreTold(word: String, expected: Bool) throws {
        let token = try #require(tokens(word).first)
        #expect(token.bytes.count == word.utf8.count)
        #expect(TokenTexts(body: word).isContractedFunctionWord(token) == expected)
    }
}
