import Foundation
import PipeKit
import PipeStages
import PipeTesting
import Sentiment
import Testing

@Suite("SentimentLexicon")
struct SentimentLexiconTests {
    @Test func theShippedLexiconParsesWithoutAProblem() {
        let text = String(decoding: try! Data(contentsOf: Self.lexiconFile), as: UTF8.self)
        let (lexicon, problems) = SentimentLexicon.parse(text)
        #expect(problems.isEmpty)
        #expect(lexicon.valences.count >= 400)
        #expect(SentimentLexicon.builtIn.valences == lexicon.valences)
        #expect(lexicon.valences["massacre"] == -3)
        #expect(lexicon.valences["ceasefire"] == 2)
    }

    @Test func malformedLinesAreReportedWithTheirNumbers() {
        let (lexicon, problems) = SentimentLexicon.parse("# c\ngood\t2\nbad 2\nugly\tx\nworst\t9\n\nBest\t3\n")
        #expect(problems.map(\.line) == [3, 4, 5])
        #expect(lexicon.valences == ["good": 2, "best": 3])
    }

    static let lexiconFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Resources/lexicon.tsv")
}

@Suite("SentimentScorer")
struct SentimentScorerTests {
    let scorer = SentimentScorer(lexicon: SentimentLexicon(valences: ["good": 2, "attack": -2, "hope": 2]))

    @Test(arguments: [
        ("A good day.", 2.0),
        ("The attack.", -2.0),
        ("It was not good.", -1.48),
        ("They didn't attack.", 1.48),
        ("Never, ever good.", -1.48),
        ("A very good day.", 2.3),
        ("A slightly good day.", 1.7),
        ("Good. Attack.", 0.0),
        ("Nothing here.", 0.0),
    ])
    func sumsValencesWithNegationAndIntensifiers(text: String, sum: Double) {
        let expected = sum / (sum * sum + 15).squareRoot()
        #expect(abs(scorer.score(text).value - expected) < 1e-9)
    }

    @Test func negationReachesThreeWordsBack() {
        #expect(scorer.score("not a very good idea").value < 0)
        #expect(scorer.score("not one of the good ones").value > 0)
    }

    @Test func scoresStayWithinMinusOneAndOne() {
        let long = Array(repeating: "good hope", count: 5_000).joined(separator: " ")
        let score = scorer.score(long)
        #expect(score.value > 0.99 && score.value < 1)
        #expect(score.matches == 10_000)
    }
}

@Suite("SentimentStage")
struct SentimentStageTests {
    let setup = StageSetup(pipeline: "t", stageID: "sentiment")
    let context = StageContext(stageID: "sentiment", pipeline: "t")

    func run(_ title: String, _ body: String, language: String? = nil, options: SentimentStage.Options = .init()) async throws -> Article? {
        var article = Article(id: "a", source: "s", title: title, body: body)
        article.language = language
        return try await SentimentStage(options: options, setup: setup).process(article, context: context)
    }

    @Test func labelsNewsByTheShippedLexicon() async throws {
        let bad = try await run("Deadly attack", "At least 30 people were killed and dozens wounded when missiles struck the market.")
        let good = try await run("Ceasefire holds", "Residents welcomed the agreement and celebrated as aid convoys reached the city safely.")
        let plain = try await run("Council meets", "The council met on Tuesday to discuss the budget for next year.")
        #expect(bad?.fields["sentiment"]?.object?["label"] == .string("negative"))
        #expect(good?.fields["sentiment"]?.object?["label"] == .string("positive"))
        #expect(plain?.fields["sentiment"] == .object(["score": .double(0), "label": .string("neutral"), "matches": .int(0)]))
    }

    @Test func leavesArticlesInOtherLanguagesWithoutTheField() async throws {
        let article = try await run("Attaque meurtrière", "Des missiles ont frappé le marché.", language: "fr")
        #expect(article?.fields["sentiment"] == nil)
        #expect(try await run("Deadly attack", "killed", language: "en")?.fields["sentiment"] != nil)
    }

    @Test func writesTheFieldTheOptionsName() async throws {
        var options = SentimentStage.Options()
        options.field = "tone"
        #expect(try await run("Peace", "hope", options: options)?.fields["tone"] != nil)
    }

    @Test(arguments: ["field: body", "field: \"\"", "neutral: 1", "neutral: -0.1", "neutral: some"])
    func rejectsBadOptions(options: String) throws {
        let error = try #require(throws: PipelineFileError.self) { try StageTest.make(SentimentStage.self, options: options) }
        #expect(error.diagnostics.count == 1 && error.diagnostics.first?.location?.line == 1)
    }

    @Test func declaresItsOptionsSoundly() {
        #expect(StageTest.declarationProblems(SentimentStage.self).isEmpty)
    }

    @Test func scoresARunOfArticlesWithoutFailures() async throws {
        let run = try await StageTest.run(try StageTest.make(SentimentStage.self), over: [
            .sample(id: "war", title: "Massacre", body: "Killed and wounded in a deadly attack."),
            .sample(id: "peace", title: "Ceasefire", body: "Hope for peace and a lasting agreement."),
        ], concurrency: .workers(2))
        #expect(run.failures.isEmpty)
        let labels = run.outputs.map { article -> JSONValue? in
            guard case .object(let sentiment)? = article.fields["sentiment"] else { return nil }
            return sentiment["label"]
        }
        #expect(labels == [.string("negative"), .string("positive")])
    }

    @Test func optionErrorsPointAtTheOptionInThePipelineFile() throws {
        var registry = BuiltinStages.registry
        registry.register(stages)
        let yaml = "input: {path: x}\nstages:\n  - type: parse\n  - type: sentiment\n    options: {neutral: 2}\n"
        let error = try #require(throws: PipelineFileError.self) {
            _ = try PipelineLoader(registry: registry).load(yaml: yaml, file: "s.yaml")
        }
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.message.contains("`neutral` must be at least 0 and below 1"))
        #expect(diagnostic.location?.line == 5)
        #expect(diagnostic.location?.column == 24)
    }
}

extension JSONValue {
    var object: [String: JSONValue]? {
        if case .object(let members) = self { members } else { nil }
    }
}
