import Foundation
import PipeKit
import PipeStages
import Testing

@Suite("ExtractStage")
struct ExtractStageTests {
    /// The rules: the trained tagger is tested in `EntityTaggerTests` and `findsTheSeedFacts`,
    /// and is slow in a debug build.
    let stage: ExtractStage = {
        var options = ExtractStage.Options()
        options.entities = .rules
        return try! ExtractStage(options: options)
    }()

    func extract(_ body: String, date: String? = "2024-12-08", title: String = "Title") throws -> Article {
        let article = Article(id: "a", source: "s", date: date.flatMap { CalendarDate($0) }, title: title, body: body)
        return stage.extract(try NormalizeStage().normalize(article))
    }

    func entities(_ article: Article) -> [String: EntityType] {
        Dictionary((article.entities ?? []).map { ($0.text, $0.type) }, uniquingKeysWith: { first, _ in first })
    }

    @Test(Fixtures.needsCorpus, arguments: [ExtractStage.Entities.model(path: nil), .rules])
    func findsTheSeedFacts(finder: ExtractStage.Entities) throws {
        let parsed = try Fixtures.seedArticle()
        var options = ExtractStage.Options()
        options.entities = finder
        let article = try ExtractStage(options: options).extract(try NormalizeStage().normalize(parsed))
        let found = entities(article)
        for (text, type) in [("Bashar al-Assad", EntityType.person), ("Geir Pedersen", .person),
                             ("Russian Foreign Ministry", .organization), ("UN Security Council", .organization),
                             ("Syria", .location), ("Russia", .location), ("Moscow", .location), ("Geneva", .location)] {
            #expect(found[text] == type, "\(text) should be a \(type)")
        }
        for word in ["The", "Meanwhile", "Earlier", "Currently", "Furthermore", "As", "In", "We"] {
            #expect(found[word] == nil, "\(word) is not an entity")
            #expect(!found.keys.contains { $0.hasPrefix(word + " ") }, "no entity starts with \(word)")
        }
        let quotes = try #require(article.quotes)
        #expect(quotes.count == 3)
        #expect(quotes.allSatisfy { $0.speaker == "Russian Foreign Ministry" })
        #expect(quotes[0].text.hasPrefix("As a result of negotiations"))
        #expect(quotes[0].text.hasSuffix("involved in these negotiations"))
        for quote in quotes {
            // Each quotation here is one piece: its span holds exactly its text.
            #expect(quote.span.text(in: article.body) == quote.text)
        }
        #expect(article.dates?.first == DateMention(text: "2024-12-08", value: CalendarDate("2024-12-08")!, span: nil))
        let ministry = try #require(article.entities?.first { $0.text == "Russian Foreign Ministry" })
        if finder == .rules {
            // The rules count a short form with the full name it refers to.
            #expect(ministry.count == 3, "the full name, the short form and the ministry's second mention")
            #expect(ministry.spans.map { $0.text(in: article.body) } == ["Russian Foreign Ministry", "Russian Foreign Ministry", "Foreign Ministry"])
        } else {
            #expect(ministry.spans.map { $0.text(in: article.body) } == ["Russian Foreign Ministry", "Russian Foreign Ministry"])
            #expect(found["Foreign Ministry"] == .organization)
        }
    }

    /// Phrasings modelled on the corpus's news, resolved against an article of Sunday 2024-12-08
    /// (ISO week 49); the value is ISO 8601 at the date's precision.
    @Test(arguments: [
        // Absolute days.
        ("He arrived on December 8, 2024 in the city.", "December 8, 2024", "2024-12-08"),
        ("The vote on 8 Dec 2024 was close.", "8 Dec 2024", "2024-12-08"),
        ("It was signed on Dec. 3 last year.", "Dec. 3", "2024-12-03"),
        ("Snow fell on Dec. 3, 2024 in the hills.", "Dec. 3, 2024", "2024-12-03"),
        ("Talks began 2024-11-30 in Geneva.", "2024-11-30", "2024-11-30"),
        ("The attack of 11 September 2001 changed the region.", "11 September 2001", "2001-09-11"),
        ("The strike began on the 5th of December in the port.", "5th of December", "2024-12-05"),
        ("The deal dates from 20 February in the capital.", "20 February", "2024-02-20"),
        ("The summit is set for January 15 in the capital.", "January 15", "2025-01-15"),
        ("Talks resume on 15 January in Geneva.", "15 January", "2025-01-15"),
        // Months and years.
        ("The war began in March 2011 with protests.", "March 2011", "2011-03"),
        ("Aid arrived in November, officials said.", "November", "2024-11"),
        ("The vote is due in January in the capital.", "January", "2025-01"),
        ("The siege ended last March after months.", "March", "2024-03"),
        ("The talks resume next March in Geneva.", "March", "2025-03"),
        ("The offensive began in mid-October in the north.", "mid-October", "2024-10"),
        ("He was elected in 2004 and re-elected later.", "2004", "2004"),
        ("Prices have risen since 1999 in the capital.", "1999", "1999"),
        // Weekdays and days.
        ("Officials met on Sunday to talk.", "on Sunday", "2024-12-08"),
        ("Officials met on Thursday to talk.", "on Thursday", "2024-12-05"),
        ("Protesters gathered on Saturday in the square.", "on Saturday", "2024-12-07"),
        ("The convoy was hit Tuesday night near the border.", "Tuesday night", "2024-12-03"),
        ("A vote is due next Tuesday in the city.", "next Tuesday", "2024-12-10"),
        ("The minister resigned last Tuesday after protests.", "last Tuesday", "2024-12-03"),
        ("The council meets this Friday in the capital.", "this Friday", "2024-12-06"),
        ("The convoy left yesterday at dawn.", "yesterday", "2024-12-07"),
        ("The results come tomorrow in the capital.", "tomorrow", "2024-12-09"),
        ("The envoy spoke tonight in Geneva.", "tonight", "2024-12-08"),
        ("Residents fled this morning as shells fell.", "this morning", "2024-12-08"),
        ("The ceasefire holds this weekend, monitors said.", "this weekend", "2024-12-07"),
        // Weeks, months and years around the article's date.
        ("Prices rose last week in the capital.", "last week", "2024-W48"),
        ("Shelling continued this week around the city.", "this week", "2024-W49"),
        ("Officials met earlier this week in Ankara.", "earlier this week", "2024-W49"),
        ("Exports fell last month, the ministry said.", "last month", "2024-11"),
        ("Fighting resumed earlier this month near Idlib.", "earlier this month", "2024-12"),
        ("A new round starts next month in Vienna.", "next month", "2025-01"),
        ("Turnout fell last year in the province.", "last year", "2023"),
        ("The ceasefire collapsed earlier this year in the north.", "earlier this year", "2024"),
        ("Aid convoys left late last year from Turkey.", "late last year", "2023"),
        ("Elections are planned next year across the country.", "next year", "2025"),
        // Counts before `ago`.
        ("The attack happened three days ago near the border.", "three days ago", "2024-12-05"),
        ("The town was taken 10 days ago by rebels.", "10 days ago", "2024-11-28"),
        ("The plant closed two weeks ago in the north.", "two weeks ago", "2024-W47"),
        ("The bridge fell several months ago after floods.", "several months ago", "2024-09"),
        ("The law passed a year ago in parliament.", "a year ago", "2023"),
    ])
    func findsAndResolvesDates(body: String, text: String, value: String) throws {
        let dates = try #require(try extract(body).dates)
        let found = try #require(dates.first { $0.span != nil }, "no date in: \(body)")
        #expect(found.text == text)
        #expect(found.valueText == value)
    }

    @Test(arguments: [
        "He won 2004 votes in the district.",
        "The group numbers 1999 members and 12 leaders.",
        "She said it was the last time.",
        "The May protests spread.",
        "Most people fled this city.",
    ])
    func numbersAndWordsThatAreNoDates(body: String) throws {
        #expect(try extract(body).dates?.contains { $0.span != nil } == false)
    }

    @Test func relativeDatesNeedTheArticleDate() throws {
        let dates = try extract("They met on Sunday and again yesterday.", date: nil).dates
        #expect(dates == [])
    }

    @Test func mayAsAVerbIsNotADate() throws {
        #expect(try extract("Prices may 5 times rise.").dates?.count == 1)
    }

    @Test(arguments: [
        (#""We will rebuild the schools first," said Mayor Ahmad Khalil."#, "Ahmad Khalil"),
        (#"Mayor Ahmad Khalil said: "We will rebuild the schools first.""#, "Ahmad Khalil"),
        (#"“We will rebuild the schools first,” the Housing Ministry said."#, "Housing Ministry"),
        (#""We will rebuild the schools first," according to Amnesty International."#, "Amnesty International"),
        (#"John Carter arrived. "We will rebuild the schools first," he said."#, "John Carter"),
        (#"The Housing Ministry spoke first. "We will rebuild the schools first," the ministry said."#, "Housing Ministry"),
        (#""We will rebuild the schools first," a senior official said."#, "senior official"),
        (#""We will rebuild the schools first," federal engineers wrote."#, "federal engineers"),
        // The attribution in the sentence before, in the same paragraph.
        (#"Mayor Ahmad Khalil said in a statement. "We will rebuild the schools first.""#, "Ahmad Khalil"),
        // A question ends its sentence before the attribution.
        (#""We will rebuild the schools first?" Mayor Ahmad Khalil asked."#, "Ahmad Khalil"),
        // A verb the lists do not know, after a quotation that ends with a comma.
        (#"Mayor Ahmad Khalil came late. "We will rebuild the schools first," Khalil barked."#, "Ahmad Khalil"),
        // A colon after any verb.
        (#"Asked about the budget, Mayor Ahmad Khalil demurred: "We will rebuild the schools first.""#, "Ahmad Khalil"),
        // A partial quotation inside the sentence, and a participle: the sentence's subject speaks.
        (#"Mayor Ahmad Khalil promised on Sunday that "We will rebuild the schools first.""#, "Ahmad Khalil"),
        (#"Mayor Ahmad Khalil spoke for an hour, adding "We will rebuild the schools first.""#, "Ahmad Khalil"),
        (#"Mayor Ahmad Khalil spoke for an hour and then told reporters "We will rebuild the schools first.""#, "Ahmad Khalil"),
        // An apposition after the quotation, and a possessive before the name.
        (#""We will rebuild the schools first," Ahmad Khalil, the mayor of Aleppo, told reporters."#, "Ahmad Khalil"),
        (#""We will rebuild the schools first," Ahmad Khalil's spokeswoman, Mayor Rana Saleh, said."#, "Rana Saleh"),
        // `she` is the woman named before, not the nearest man.
        (#"Mayor Nancy Fox met Mayor Ahmad Khalil. "We will rebuild the schools first," she said."#, "Nancy Fox"),
        // A dash and a name after the quotation.
        (#""We will rebuild the schools first." ― Ahmad Khalil"#, "Ahmad Khalil"),
    ])
    func attributesQuotes(body: String, speaker: String) throws {
        let quotes = try #require(try extract(body).quotes)
        #expect(quotes.count == 1)
        #expect(quotes.first?.speaker == speaker)
        #expect(quotes.first?.text.hasPrefix("We will rebuild the schools first") == true)
    }

    @Test(arguments: [
        // Interrupted by its attribution: one quotation.
        (#""We will rebuild the schools," said Mayor Ahmad Khalil, "and then the clinic.""#,
         "We will rebuild the schools and then the clinic.", "Ahmad Khalil"),
        // Running over two paragraphs: the first does not close its quote, the second opens it again.
        ("Mayor Ahmad Khalil spoke on Sunday.\n\n\"We will rebuild the schools first.\n\n\"Then the clinic will open,\" he said.",
         "We will rebuild the schools first. Then the clinic will open", "Ahmad Khalil"),
        // A second quotation with no attribution of its own continues the first.
        (#""We will rebuild the schools first," Mayor Ahmad Khalil said. "The clinic comes next.""#,
         "We will rebuild the schools first The clinic comes next.", "Ahmad Khalil"),
    ])
    func joinsThePiecesOfOneQuotation(body: String, text: String, speaker: String) throws {
        let quotes = try #require(try extract(body).quotes)
        #expect(quotes.map(\.text) == [text])
        #expect(quotes.first?.speaker == speaker)
    }

    @Test func twoSpeakersInOneParagraphStayApart() throws {
        let body = #""We will rebuild the schools first," Mayor Ahmad Khalil said. "The clinic must come first," Nancy Fox replied."#
        let quotes = try #require(try extract(body).quotes)
        #expect(quotes.map(\.speaker) == ["Ahmad Khalil", "Nancy Fox"])
    }

    @Test func scareQuotesAreNotQuotations() throws {
        #expect(try extract(#"The so-called "terrorists" left the town."#).quotes == [])
    }

    @Test func keywordsAreRankedAndSkipStopwords() throws {
        let body = """
            The water shortage in Aleppo worsened this week. Engineers said the water network lost pressure after \
            the pumping station failed. Residents queued for water at tankers. The pumping station needs spare parts, \
            engineers said, and the water shortage will last until they arrive.
            """
        let keywords = try #require(try extract(body).keywords)
        #expect(keywords.count == 8)
        #expect(keywords.map(\.score) == keywords.map(\.score).sorted())
        #expect(keywords.contains { $0.text.contains("water") })
        #expect(keywords.contains { $0.text.contains("pumping station") })
        #expect(!keywords.contains { ["the", "this", "will", "after"].contains($0.text) })
    }

    @Test func negativeKeywordCountIsAConfigurationError() throws {
        do {
            _ = try PipelineLoader(registry: BuiltinStages.registry).load(
                yaml: "input: {path: x}\nstages:\n  - type: parse\n  - type: extract\n    options:\n      keywords: -2\n", file: "x.yaml")
            Issue.record("expected an error")
        } catch let error as PipelineFileError {
            #expect(error.diagnostics.map(\.description) == [
                "x.yaml:6:17: error: stage `extract`: `keywords` must not be negative; write 0 to turn keywords off",
            ])
        }
    }

    /// Words that mix ASCII and other letters keep exact spans: the tokenizer's ASCII fast path
    /// must stop at the first byte that is not ASCII.
    @Test func spansOfNamesWithAccentsMapBackToTheText() throws {
        let body = "President Zoë Müller met Envoy Geneviève Léger in Genève on Sunday. Müller said: \"The talks in Genève went well today.\""
        let article = stage.extract(Article(id: "a", source: "s", date: CalendarDate("2024-12-08"), title: "T", body: body))
        let entities = try #require(article.entities)
        #expect(entities.map(\.text).contains("Zoë Müller"))
        #expect(entities.map(\.text).contains("Geneviève Léger"))
        for entity in entities {
            for span in entity.spans {
                #expect(entity.text.hasSuffix(try #require(span.text(in: body))), "\(entity.text) at \(span)")
            }
        }
        for quote in article.quotes ?? [] { #expect(quote.span.text(in: body) == quote.text) }
        #expect(article.dates?.compactMap { $0.span?.text(in: body) } == ["on Sunday", "today"])
    }

    /// A body made of nothing but quotation pieces and their attribution, with no sentence end:
    /// every piece is still read and attributed, as before the finder's walks were bounded (in
    /// time linear in the body: Scripts/pathological.sh), and a pronoun still finds its person.
    @Test(arguments: [(#""a b c," he said, ""#, 1_000), (#""a b c," John Smith said, ""#, 2_000)])
    func aBodyOfNothingButQuotationPiecesIsReadWhole(piece: String, count: Int) throws {
        let body = "John Smith arrived. " + String(repeating: piece, count: 2_000) + "end.\""
        let quotes = try #require(try ExtractStage(options: .init()).extract(Article(id: "q", source: "s", title: "T", body: body)).quotes)
        #expect(quotes.count == count)
        #expect(quotes.filter { $0.text == "a b c" && $0.speaker == "John Smith" }.count == 1_000)
        #expect(quotes.allSatisfy { $0.speaker != nil && $0.span.end <= body.unicodeScalars.count })
    }

    @Test func anArticleWithMoreTokensThanTheLimitFailsWithItsReason() async throws {
        var options = ExtractStage.Options()
        options.maxTokens = 100
        let stage = try ExtractStage(options: options)
        let fits = Article(id: "a", source: "s", title: "T", body: String(repeating: "word ", count: 100))
        #expect(try await stage.process(fits, context: Fixtures.context)?.keywords?.isEmpty == false)
        let tooLong = Article(id: "b", source: "s", title: "T", body: String(repeating: "\"", count: 101))
        await #expect {
            _ = try await stage.process(tooLong, context: Fixtures.context)
        } throws: { error in
            (error as? PipeError)?.message == "the body has more than 100 tokens (`max_tokens`), more than any news article"
        }
        options.maxTokens = 0
        #expect(throws: OptionErrors.self) { _ = try ExtractStage(options: options) }
    }

    @Test func emptyAndOddBodiesDoNotTrip() throws {
        for body in ["\"", "\"\"\"", "“unclosed quote and more words here", "A.", "1 2 3 4", "— — —", "MAY", "on Sunday"] {
            let article = stage.extract(Article(id: "a", source: "s", date: CalendarDate("2024-12-08"), title: "", body: body))
            #expect(article.quotes != nil && article.entities != nil && article.keywords != nil)
        }
    }

    @Test func disabledExtractorsLeaveTheirFieldsOut() throws {
        var options = ExtractStage.Options()
        options.entities = .off
        options.keywords = 0
        let article = try ExtractStage(options: options).extract(Article(id: "a", source: "s", title: "T", body: "Nothing here."))
        #expect(article.entities == nil)
        #expect(article.keywords == nil)
        #expect(article.quotes == [])
        #expect(article.dates == [])
        #expect(article.jsonLine.contains(#""dates":[],"quotes":[]"#))
        #expect(!article.jsonLine.contains("entities"))
    }

    @Test(Fixtures.needsCorpus) func runsOverTheWholeCorpusWithoutProblems() async throws {
        let corpus = try Fixtures.requiredCorpus()
        var count = 0
        for try await record in InputReader(spec: InputSpec(path: corpus + "/fa-kes/articles.jsonl", format: .jsonl)) {
            let article = stage.extract(try NormalizeStage().normalize(try ParseStage.parse(record)))
            for entity in article.entities ?? [] {
                for span in entity.spans {
                    let text = try #require(span.text(in: article.body))
                    #expect(entity.text.hasSuffix(text) || text.contains(entity.text.split(separator: " ").last ?? ""),
                            "\(article.id): span \(text) of \(entity.text)")
                }
            }
            for quote in article.quotes ?? [] {
                // A quotation in several parts spans from its first word to its last.
                let covered = try #require(quote.span.text(in: article.body))
                let words = quote.text.split(separator: " ")
                #expect(covered.hasPrefix(words.first ?? "") && covered.hasSuffix(words.last ?? ""), "\(article.id): \(quote.text)")
            }
            count += 1
        }
        #expect(count > 500)
    }
}
