import PipeKit
import PipeStages
import Testing

@Suite("DedupeStage")
struct DedupeStageTests {
    @Test func keepsTheFirstOfEachBodyIgnoringWhitespace() async throws {
        let stage = DedupeStage()
        let bodies = ["Same text.", "Other text.", "Same   text.\n", "  Same text.", "Same text!"]
        var kept: [String] = []
        for (index, body) in bodies.enumerated() {
            if let article = try await stage.process(Article(id: "a\(index)", source: "s", title: "T\(index)", body: body),
                                                     context: Fixtures.context) {
                kept.append(article.id)
            }
        }
        #expect(kept == ["a0", "a1", "a4"])
        #expect(stage.rememberedCount == 3)
    }

    @Test func titleAndBodyKey() async throws {
        var options = DedupeStage.Options()
        options.key = .titleAndBody
        let stage = DedupeStage(options: options)
        let first = try await stage.process(Article(id: "1", source: "s", title: "A", body: "x"), context: Fixtures.context)
        let second = try await stage.process(Article(id: "2", source: "s", title: "B", body: "x"), context: Fixtures.context)
        let third = try await stage.process(Article(id: "3", source: "s", title: "A", body: "x"), context: Fixtures.context)
        #expect(first != nil && second != nil && third == nil)
    }

    @Test(Fixtures.needsCorpus) func countsTheCorpusDuplicates() async throws {
        let corpus = try Fixtures.requiredCorpus()
        var articles: [Article] = []
        for try await record in InputReader(spec: InputSpec(path: corpus + "/bbc/articles.jsonl", format: .jsonl)) {
            articles.append(try ParseStage.parse(record))
        }
        var distinct = Set<String>()
        for article in articles {
            distinct.insert(article.body.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " "))
        }
        let summary = try await Pipeline(DedupeStage()).run(Sequenced(articles)) { _ in }
        #expect(summary.filtered > 50, "the BBC set has many exact duplicates")
        #expect(summary.written == distinct.count)
        #expect(summary.filtered == articles.count - distinct.count)
    }
}
