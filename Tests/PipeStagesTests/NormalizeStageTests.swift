import Foundation
import PipeKit
import PipeStages
import Testing

@Suite("NormalizeStage")
struct NormalizeStageTests {
    let stage = NormalizeStage()

    func normalized(_ body: String, title: String = "Title") throws -> Article {
        try stage.normalize(Article(id: "a", source: "a", title: title, body: body))
    }

    @Test(arguments: [
        ("in a Telegram post.The ministry said", "in a Telegram post. The ministry said"),
        ("on high alert.\"Russian bases are ready,\" it said.", "on high alert. \"Russian bases are ready,\" it said."),
        ("he said.\u{201C}We will", "he said. \u{201C}We will"),
        ("\"We stay,\" he said.\"We fight.\"Then he left.", "\"We stay,\" he said. \"We fight.\" Then he left."),
        ("Is it over?Yes!Maybe", "Is it over? Yes! Maybe"),
        ("the decision.UN envoys met", "the decision. UN envoys met"),
        ("the U.S. Department", "the U.S. Department"),
        ("the U.S.A. and", "the U.S.A. and"),
        ("e.g. The rule", "e.g. The rule"),
        ("growth of 2.5 per cent", "growth of 2.5 per cent"),
        ("see sputnikglobe.com for more", "see sputnikglobe.com for more"),
        ("at https://example.com/News.Html today", "at https://example.com/News.Html today"),
        ("mail press@Ministry.Gov now", "mail press@Ministry.Gov now"),
        ("at www.Example.Org today", "at www.Example.Org today"),
        ("at WWW.Example.Org today", "at WWW.Example.Org today"),
        ("see ftp://Files.Example.Org now", "see ftp://Files.Example.Org now"),
        ("the café.The owner", "the café. The owner"),
        ("in Zürich.\u{201C}We stay", "in Zürich. \u{201C}We stay"),
        ("mail presse@Zürich.Ch now", "mail presse@Zürich.Ch now"),
        ("the wwwx.Com site", "the wwwx. Com site"),
        ("it ended.the end", "it ended.the end"),
    ])
    func repairsGluedSentencesOnly(input: String, expected: String) throws {
        #expect(try normalized(input).body == expected)
    }

    @Test func repairCanBeTurnedOff() throws {
        var options = NormalizeStage.Options()
        options.repairSentences = false
        let article = try NormalizeStage(options: options).normalize(Article(id: "a", source: "a", title: "T", body: "post.The end"))
        #expect(article.body == "post.The end")
    }

    @Test func collapsesWhitespaceWithinParagraphs() throws {
        let article = try normalized("  One\tline\nwrapped   here.\u{00A0}Done \n \n\n\nSecond\r\n  para.  ", title: "  T  \n x ")
        #expect(article.title == "T x")
        #expect(article.body == "One line wrapped here. Done\n\nSecond para.")
        #expect(article.paragraphs == [TextSpan(start: 0, end: 27), TextSpan(start: 29, end: 41)])
        #expect(article.paragraphTexts == ["One line wrapped here. Done", "Second para."])
    }

    @Test(arguments: [
        ("One\r\n\r\nTwo", ["One", "Two"]),
        ("One\rstill one\r\rTwo", ["One still one", "Two"]),
        ("One\u{2029}\u{2029}Two\u{85}\u{85}Three", ["One", "Two", "Three"]),
        ("One\n\u{200B} \t\nTwo", ["One", "Two"]),
        ("\n\n\nOne\n\n", ["One"]),
        ("One\u{2028}line", ["One line"]),
    ])
    func blankLinesOfEveryKindSeparateParagraphs(body: String, paragraphs: [String]) throws {
        #expect(try normalized(body).paragraphTexts == paragraphs)
    }

    /// The spans of a body that is not ASCII are recounted from bytes into scalars: they must be
    /// those of the same text in ASCII.
    @Test(arguments: [
        "in a Telegram post.The ministry said.\"We stay,\" he said.\"We fight.\"Then he left.",
        "  One\tline\nwrapped   here. Done \n \n\n\nSecond\r\n  para.  Mr. Smith met Gen. Jones at 5 p.m. in the U.S. yesterday.",
        "see www.Example.Org and mail press@Ministry.Gov or https://example.com/News.Html today.Then",
    ])
    func asciiAndUnicodeBodiesAreNormalizedAlike(body: String) throws {
        let ascii = try normalized(body)
        let unicode = try normalized(body + "\n\n\u{E9}t\u{E9}")
        #expect(unicode.body == ascii.body + "\n\n\u{E9}t\u{E9}")
        #expect(Array(unicode.paragraphs.dropLast()) == ascii.paragraphs)
        #expect(Array(unicode.sentences.dropLast()) == ascii.sentences)
    }

    @Test func dropsAFirstParagraphThatRepeatsTheTitle() throws {
        #expect(try normalized("The Title.\n\nBody.", title: "The title").body == "Body.")
        #expect(try normalized("The Title is longer\n\nBody.", title: "The title").body == "The Title is longer\n\nBody.")
    }

    @Test func aRepeatedTitleIsKeptWhenDropRepeatedTitleIsFalse() throws {
        var options = NormalizeStage.Options()
        options.dropRepeatedTitle = false
        let keeping = NormalizeStage(options: options)
        let article = try keeping.normalize(Article(id: "a", source: "a", title: "The title", body: "The Title.\n\nBody."))
        #expect(article.body == "The Title.\n\nBody.")
        #expect(article.paragraphs.count == 2)
    }

    @Test func nfcLeavesTextThatIsAlreadyComposedAndComposesTheRest() throws {
        let composed = "Genève \u{2014} \u{201C}Ça va\u{201D}, said Łukasz in Київ for \u{20AC}5\u{2026}"
        #expect(try normalized(composed).body == composed)
        #expect(try normalized("Gene\u{300}ve and \u{2126}hm").body == "Gen\u{E8}ve and \u{3A9}hm")
        #expect(try normalized("\u{2000}x").body == "x")
    }

    @Test func appliesNFCByDefaultAndNFKCOnRequest() throws {
        let decomposed = "Cafe\u{301} \u{FB01}nal"
        #expect(try normalized(decomposed).body == "Caf\u{E9} \u{FB01}nal")
        var options = NormalizeStage.Options()
        options.unicode = .nfkc
        let article = try NormalizeStage(options: options).normalize(Article(id: "a", source: "a", title: "T", body: decomposed))
        #expect(article.body == "Caf\u{E9} final")
    }

    @Test func findsSentencesCountedInUnicodeScalars() throws {
        let article = try normalized("Mr. Smith met Dr. Jones in the U.S. on Monday. \"It went well,\" he said. Then — é — he left!\n\nNew para? Yes.")
        #expect(article.sentenceTexts == [
            "Mr. Smith met Dr. Jones in the U.S. on Monday.",
            "\"It went well,\" he said.",
            "Then — é — he left!",
            "New para?",
            "Yes.",
        ])
        let scalars = Array(article.body.unicodeScalars)
        for span in article.sentences {
            #expect(span.end <= scalars.count)
        }
    }

    /// Stops after and before scalars of two and three bytes: a one-letter initial that is not
    /// ASCII, a closing curly quote, capitals of other scripts; spans counted in scalars.
    @Test func findsSentencesAroundScalarsOfManyBytes() throws {
        let article = try normalized("Meet \u{C9}. Zola today. He said \u{201C}go.\u{201D} Then \u{201C}\u{C7}a va,\u{201D} he said. "
            + "\u{417}\u{430}\u{44F}\u{432}\u{438}\u{43B} \u{43E}\u{43D}. \u{415}\u{449}\u{451} \u{1F600} \u{440}\u{430}\u{437}!")
        #expect(article.sentenceTexts == [
            "Meet \u{C9}. Zola today.",
            "He said \u{201C}go.\u{201D}",
            "Then \u{201C}\u{C7}a va,\u{201D} he said.",
            "\u{417}\u{430}\u{44F}\u{432}\u{438}\u{43B} \u{43E}\u{43D}.",
            "\u{415}\u{449}\u{451} \u{1F600} \u{440}\u{430}\u{437}!",
        ])
    }

    @Test func emptyBodyAfterNormalizationIsAnError() {
        #expect(throws: PipeError.self) { try normalized(" \n\n \u{00A0}\n") }
        #expect(throws: PipeError.self) { try normalized("Title", title: "Title") }
    }

    @Test(Fixtures.needsCorpus) func repairsTheSeedArticle() throws {
        let parsed = try Fixtures.seedArticle()
        let article = try stage.normalize(parsed)
        let title = "Syria's Assad Resigns Amid Peace Efforts, Orders Peaceful Power Handover - Russian Foreign Ministry"
        #expect(article.title == title)
        #expect(!article.body.contains(title), "the title must appear once")
        for repaired in ["Telegram post. The ministry", "unfolding in Syria. Furthermore", "opposition factions. \"In this context",
                         "emphasized. Earlier, UN", "in Geneva. Meanwhile", "on high alert. \"Russian military"] {
            #expect(article.body.contains(repaired), "missing: \(repaired)")
        }
        #expect(!article.body.contains(".The ") && !article.body.contains(".\"In ") && !article.body.contains(".Earlier"))
        #expect(article.paragraphs.count == 2)
        #expect(article.sentenceTexts.contains("Meanwhile, Russian military bases in Syria are on high alert."))
    }
}
