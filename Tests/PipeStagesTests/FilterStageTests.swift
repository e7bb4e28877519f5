import PipeKit
import PipeStages
import PipeTesting
import Testing

@Suite("FilterStage")
struct FilterStageTests {
    func article(words: Int, language: String? = nil, entities: [Entity]? = nil) -> Article {
        var article = Article(id: "a", source: "s", title: "T",
                              body: Array(repeating: "word", count: words).joined(separator: " "))
        article.language = language
        article.entities = entities
        return article
    }

    @Test func keepsByLanguageWordsAndRequiredFields() {
        var options = FilterStage.Options()
        options.language = ["en", "fr"]
        options.minWords = 50
        options.require = ["entities"]
        let stage = FilterStage(options: options)
        let entity = Entity(text: "Syria", type: .location, spans: [TextSpan(start: 0, end: 5)])
        #expect(stage.keeps(article(words: 50, language: "en", entities: [entity])))
        #expect(!stage.keeps(article(words: 49, language: "en", entities: [entity])))
        #expect(!stage.keeps(article(words: 80, language: "de", entities: [entity])))
        #expect(!stage.keeps(article(words: 80, language: nil, entities: [entity])))
        #expect(!stage.keeps(article(words: 80, language: "fr", entities: [])))
        #expect(!stage.keeps(article(words: 80, language: "fr", entities: nil)))
    }

    @Test(arguments: [(9, true), (10, true), (11, false), (0, true)])
    func maxWordsKeepsArticlesUpToTheLimit(words: Int, kept: Bool) {
        var options = FilterStage.Options()
        options.maxWords = 10
        #expect(FilterStage(options: options).keeps(article(words: words)) == kept)
    }

    @Test func minAndMaxWordsTogetherKeepABand() {
        var options = FilterStage.Options()
        options.minWords = 3
        options.maxWords = 5
        let stage = FilterStage(options: options)
        #expect((1...7).map { stage.keeps(article(words: $0)) } == [false, false, true, true, true, false, false])
    }

    @Test(arguments: ["{min_words: -1}", "{max_words: -2}", "{min_words: 5, max_words: 4}"])
    func impossibleWordLimitsAreRefused(options: String) throws {
        #expect(throws: PipelineFileError.self) { try StageTest.make(FilterStage.self, options: options) }
    }

    @Test func everyImpossibleLimitIsReportedAtOnce() throws {
        let error = try #require(throws: PipelineFileError.self) {
            try StageTest.make(FilterStage.self, options: "{min_words: -1, max_words: -2}")
        }
        #expect(error.diagnostics.map(\.message) == ["stage `filter`: `min_words` must not be negative",
                                                     "stage `filter`: `max_words` must not be negative"])
    }

    @Test func requireChecksCustomFields() {
        var options = FilterStage.Options()
        options.require = ["topic"]
        let stage = FilterStage(options: options)
        var article = article(words: 3)
        #expect(!stage.keeps(article))
        article.fields["topic"] = ""
        #expect(!stage.keeps(article))
        article.fields["topic"] = "politics"
        #expect(stage.keeps(article))
    }

    @Test func languageWithoutDetectionIsAConfigurationError() throws {
        let loader = PipelineLoader(registry: BuiltinStages.registry)
        do {
            _ = try loader.load(yaml: "input: {path: x}\nstages:\n  - type: parse\n  - type: filter\n    options: {language: [en]}\n",
                                file: "f.yaml")
            Issue.record("expected an error")
        } catch let error as PipelineFileError {
            #expect(error.diagnostics.map(\.description) == [
                "f.yaml:4:11: error: stage `filter` reads `language`, which no stage before it sets; insert a stage that sets it before this one, for example `translate-stub`",
            ])
        }
        _ = try loader.load(yaml: "input: {path: x}\nstages:\n  - type: parse\n  - type: translate-stub\n  - type: filter\n    options: {language: [en]}\n",
                            file: "f.yaml")
    }

    @Test func droppedArticlesAreCountedAsFiltered() async throws {
        var options = FilterStage.Options()
        options.minWords = 10
        let pipeline = Pipeline(FilterStage(options: options))
        let articles = (0..<20).map { article(words: $0) }
        let summary = try await pipeline.run(Sequenced(articles)) { _ in }
        #expect(summary.filtered == 10)
        #expect(summary.written == 10)
        #expect(summary.skipped == 0 && summary.deadLettered == 0)
        #expect(summary.isBalanced)
    }
}

/// A fixed list as an async sequence.
struct Sequenced<Element: Sendable>: AsyncSequence, Sendable {
    let elements: [Element]
    init(_ elements: [Element]) { self.elements = elements }
    struct AsyncIterator: AsyncIteratorProtocol {
        var iterator: IndexingIterator<[Element]>
        mutating func next() async -> Element? { iterator.next() }
    }
    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(iterator: elements.makeIterator()) }
}
