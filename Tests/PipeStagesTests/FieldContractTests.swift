import PipeKit
import PipeStages
import Testing

/// A custom stage that needs one field and sets another, both named in its options.
private struct Relay: ConfigurableStage {
    struct Options: StageOptions {
        @Option("needs", help: "field read") var needs = "entities"
        @Option("sets", help: "field set") var sets = "topic"
        init() {}
    }

    static let name = "relay"
    static let summary = "test stage"
    let options: Options

    init(options: Options, setup: StageSetup) throws {
        guard !options.needs.isEmpty else { throw OptionError(key: "needs", "`needs` is empty") }
        self.options = options
    }

    var fieldAccess: FieldAccess { FieldAccess(reads: [ArticleField(options.needs)], writes: [ArticleField(options.sets)]) }

    func process(_ article: Article, context: StageContext) async throws -> Article? { article }
}

@Suite("FieldAccess checks in the loader")
struct FieldContractTests {
    let loader: PipelineLoader = {
        var registry = BuiltinStages.registry
        registry.register(Relay.self)
        return PipelineLoader(registry: registry)
    }()

    func errors(_ stages: String, format: String = "dated-text") -> [String] {
        do {
            _ = try loader.load(yaml: "input: {path: x, format: \(format)}\nstages:\n  - type: parse\n" + stages, file: "c.yaml")
            return []
        } catch let error as PipelineFileError {
            return error.diagnostics.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func aStageReadingAFieldSetOnlyLaterIsToldToMove() {
        #expect(errors("  - type: normalize\n  - type: relay\n  - type: extract\n") == [
            "c.yaml:5:11: error: stage `relay` reads `entities`, which no stage before it sets; move it after `extract` (line 6), which sets entities",
        ])
    }

    @Test func aFieldNoStageOfThePipelineSetsNamesARegisteredStageThatDoes() {
        #expect(errors("  - type: relay\n    options: {needs: sentences}\n") == [
            "c.yaml:4:11: error: stage `relay` reads `sentences`, which no stage before it sets; insert a stage that sets it before this one, for example `normalize`",
        ])
    }

    @Test func theOptionsOfTheWriterCount() {
        #expect(errors("  - type: extract\n    options: {entities: false}\n  - type: relay\n").count == 1)
        #expect(errors("  - type: extract\n  - type: relay\n").isEmpty)
    }

    @Test func customFieldsComeFromEarlierStagesOrFromJSONLinesRecords() {
        #expect(errors("  - type: relay\n    options: {needs: weather}\n") == [
            "c.yaml:4:11: error: stage `relay` reads the custom field `weather`, which no stage before it sets; insert a stage that sets it before this one",
        ])
        #expect(errors("  - type: relay\n    options: {needs: weather}\n", format: "jsonl").isEmpty)
        #expect(errors("  - type: extract\n  - type: relay\n  - type: relay\n    id: second\n    options: {needs: topic, sets: x}\n").isEmpty)
    }

    @Test func nothingMoreIsReportedPastAStageThatCouldNotBeBuilt() {
        let reported = errors("  - type: relay\n    options: {needs: \"\"}\n  - type: filter\n    options: {require: [quotes]}\n")
        #expect(reported == ["c.yaml:5:22: error: stage `relay`: `needs` is empty"])
    }

    @Test(arguments: BuiltinStages.registry.descriptors.map(\.name))
    func everyBuiltInStageFitsTheMainPipelineOrder(name: String) {
        // Each stage's reads are met by the stages of Pipelines/syria.yaml before extract.
        let access = BuiltinStages.registry[name]?.defaultFieldAccess ?? FieldAccess()
        let available = Set(ArticleField.record + ["paragraphs", "sentences", "language", "language_confidence", "translation"])
        #expect(Set(access.reads).isSubset(of: available))
    }
}
