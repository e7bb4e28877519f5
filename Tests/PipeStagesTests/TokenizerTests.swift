import Foundation
import PipeKit
@testable import PipeStages
import Testing

@Suite("Tokenizer")
struct TokenizerTests {
    private func tokens(_ body: String, sentences: [TextSpan] = []) -> [Token] {
        var article = Article(id: "a", source: "s", date: nil, title: "", body: body)
        article.sentences = sentences
        return Tokenizer.tokens(of: article)
    }

    /// Random words of the kinds the eight-bytes-at-a-time facts must tell apart: capitals, small
    /// letters, digits, inner apostrophes, hyphens and dots, accents, and words past 24 bytes.
    private static func randomText(seed: UInt64, words: Int) -> String {
        var generator = EntityTagger.SeededGenerator(state: seed)
        let pieces = ["A", "b", "Z", "q", "N", "7", "0", "'", "-", ".", "é", "Ö", "’", "&", "x", "Y"]
        let gaps = [" ", " ", ", ", ". ", " (", "\" ", "\n", " — "]
        var text = ""
        for _ in 0..<words {
            let length = Int.random(in: 1...(Bool.random(using: &generator) ? 6 : 30), using: &generator)
            for _ in 0..<length { text += pieces.randomElement(using: &generator) ?? "a" }
            text += gaps.randomElement(using: &generator) ?? " "
        }
        return text
    }

    /// Plain words, made from one or two loads of eight bytes, are the tokens the general loop
    /// makes of them: at every length up to 17 bytes, before every kind of mark, at the end of a
    /// sentence and of the text.
    @Test(arguments: [4, 5, 6] as [UInt64])
    func plainWordsAreThoseOfTheGeneralLoop(seed: UInt64) {
        let text = Self.randomText(seed: seed, words: 600)
        var article = Article(id: "a", source: "s", date: nil, title: "", body: text)
        expectPlainWordsMatchTheGeneralLoop(article)
        // Sentences that end inside words and at their ends.
        article.sentences = stride(from: 0, to: text.unicodeScalars.count, by: 37).map { TextSpan(start: $0, end: $0 + 37) }
        expectPlainWordsMatchTheGeneralLoop(article)
    }

    /// Expects the tokens of `article` to be the same with plain words and without; returns how many there are.
    @discardableResult
    private func expectPlainWordsMatchTheGeneralLoop(_ article: Article, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Int {
        let plain = Tokenizer.tokens(of: article), general = Tokenizer.tokens(of: article, plainWords: false)
        #expect(plain.count == general.count, "\(article.id)", sourceLocation: sourceLocation)
        let texts = TokenTexts(body: article.body)
        // The first token that differs, with its text, rather than two whole lists.
        if let index = zip(plain, general).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            Issue.record("\(article.id): token \(index) `\(texts[general[index]])`: \(plain[index]) instead of \(general[index])",
                         sourceLocation: sourceLocation)
        }
        return plain.count
    }

    /// The same on the first 150 articles of each corpus source (curly quotes and accents in
    /// some, CoNLL's spaces before punctuation in another), normalized as `extract` sees them.
    @Test(Fixtures.needsCorpus, arguments: ["bbc", "fa-kes", "polnear", "conll2003"])
    func plainWordsOfTheCorpusAreThoseOfTheGeneralLoop(source: String) throws {
        let corpus = try Fixtures.requiredCorpus()
        var checked = 0
        let lines = try String(contentsOfFile: corpus + "/\(source)/articles.jsonl", encoding: .utf8).split(separator: "\n")
        for line in lines.prefix(150) {
            let article = try NormalizeStage().normalize(ParseStage.parse(Fixtures.record(String(line), format: .jsonl)))
            checked += expectPlainWordsMatchTheGeneralLoop(article)
        }
        #expect(checked > 5_000)
    }

    /// Every word token's facts are those its text gives by the scalar rules, which the
    /// tokenizer applies only to long or non-ASCII words.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func wordFactsAreThoseOfTheScalarRules(seed: UInt64) {
        let text = Self.randomText(seed: seed, words: 400)
        let texts = TokenTexts(body: text)
        let words = tokens(text).filter(\.isWord)
        #expect(words.count > 300)
        for token in words {
            let word = texts[token]
            let scalars = word.unicodeScalars
            let letters = scalars.filter(\.properties.isAlphabetic)
            #expect(token.isCapitalized == (scalars.first?.properties.isUppercase ?? false), "\(word)")
            #expect(token.isAcronym == (letters.count >= 2 && letters.allSatisfy(\.properties.isUppercase)), "\(word)")
            #expect(token.isNumber == (scalars.first?.properties.numericType != nil), "\(word)")
            #expect(token.hasApostrophe == scalars.contains { $0 == "'" || $0 == "\u{2019}" }, "\(word)")
            #expect(token.hasEarlyHyphen == word.utf8.prefix(4).contains(UInt8(ascii: "-")), "\(word)")
            #expect(token.key == PackedWord(word.lowercased()), "\(word)")
            let lexeme = Lexicon.shared.lexeme(lower: PackedWord(word.lowercased()) ?? PackedWord(), exact: PackedWord(word) ?? PackedWord())
            #expect(token.lexeme == lexeme, "\(word)")
        }
    }

    @Test func lexemesComeFromTheWordListsAsWrittenAndInLowerCase() {
        let words = tokens("The President said Dec. 5 was a Monday at the Ministry").filter(\.isWord)
        let texts = words.map { TokenTexts(body: "The President said Dec. 5 was a Monday at the Ministry")[$0] }
        #expect(texts == ["The", "President", "said", "Dec", "5", "was", "a", "Monday", "at", "the", "Ministry"])
        #expect(words[0].lexeme.flags.contains(.stopword))
        #expect(words[1].lexeme.flags.contains(.title) && words[1].lexeme.flags.contains(.personNoun))
        #expect(words[2].lexeme.flags.contains(.speechVerb))
        #expect(words[3].lexeme.month == 12)
        #expect(words[7].lexeme.weekday == 1)
        #expect(words[10].lexeme.flags.contains(.organizationCue))
        #expect(words[4].lexeme == Lexeme())
    }

    /// A token takes one cache line: every extractor reads an article's tokens again.
    @Test func aTokenTakesSixtyFourBytes() {
        #expect(MemoryLayout<Token>.stride == 64)
    }

    /// A token keeps its offsets and its packed form as they were given, and punctuation has no key.
    @Test func aTokenGivesBackItsPlaceAndKey() {
        let text = "Far away, Secretary-General Ban Ki-moon’s delegation arrived."
        let found = tokens(text, sentences: [TextSpan(start: 0, end: text.unicodeScalars.count)])
        let utf8 = Array(text.utf8)
        for token in found {
            let scalars = Array(text.unicodeScalars)[token.span.start..<token.span.end]
            #expect(String(String.UnicodeScalarView(scalars)) == String(decoding: utf8[token.bytes], as: UTF8.self))
            #expect(token.sentence == 0)
            #expect(token.key == (token.isWord ? PackedWord(String(decoding: utf8[token.bytes], as: UTF8.self).lowercased()) : nil))
        }
        #expect(found.map(\.isWord).filter { $0 }.count == 7)
    }

    /// A body without sentence boundaries is read as one sentence (its end is `Int.max`, which
    /// the byte limit of an ASCII run must not overflow on).
    @Test func aBodyWithoutSentencesIsOneSentence() {
        let text = Self.randomText(seed: 9, words: 200)
        let whole = tokens(text, sentences: [TextSpan(start: 0, end: text.unicodeScalars.count)])
        #expect(tokens(text) == whole)
        #expect(!whole.isEmpty)
    }

    /// A text with more tokens than the first guess of room (a token for every four bytes) is
    /// tokenized again with room for a token per byte, and no token is lost.
    @Test(arguments: [0, 1, 7])
    func aTextDenserThanTheGuessKeepsEveryToken(sentences: Int) {
        let text = String(repeating: "a,", count: 300)
        let spans = sentences == 0 ? [] : (0..<sentences).map { TextSpan(start: 600 * $0 / sentences, end: 600 * ($0 + 1) / sentences) }
        let dense = tokens(text, sentences: spans)
        #expect(dense.count == 600)
        #expect(dense.map(\.span) == (0..<600).map { TextSpan(start: $0, end: $0 + 1) })
        #expect(dense.map(\.isWord) == (0..<600).map { $0 % 2 == 0 })
    }

    /// Sentence ends cut runs of letters: a word never reaches past its sentence.
    @Test func aSentenceEndCutsAWord() {
        let cut = tokens("Damascusairport", sentences: [TextSpan(start: 0, end: 8), TextSpan(start: 8, end: 15)])
        #expect(cut.map(\.span) == [TextSpan(start: 0, end: 8), TextSpan(start: 8, end: 15)])
        #expect(cut.map(\.sentence) == [0, 1])
    }

    @Test func asciiRunsEndWhereTheByteLoopEndsThem() {
        var generator = EntityTagger.SeededGenerator(state: 4)
        let alphabet = Array("aZ09 .-'\u{e9}@[`{/:".utf8)
        let bytes = (0..<300).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
        bytes.withUnsafeBufferPointer { buffer in
            let cursor = Tokenizer.Cursor(bytes: buffer, lexicon: .shared, output: UnsafeMutableBufferPointer(start: nil, count: 0), plainWords: true)
            for start in 0..<buffer.count {
                for limit in [start, min(start + 3, buffer.count), min(start + 11, buffer.count), buffer.count] {
                    let expected = buffer[start..<limit].firstIndex { byte in
                        !(0x30...0x39).contains(byte) && !(0x41...0x5A).contains(byte) && !(0x61...0x7A).contains(byte)
                    } ?? limit
                    #expect(cursor.asciiRunEnd(from: start, limit: limit) == expected, "\(start) \(limit)")
                }
            }
        }
    }
}
