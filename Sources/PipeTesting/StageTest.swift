import Foundation
import PipeKit

/// Builds and runs one stage inside a Swift test, as a pipeline would run it.
///
/// ```swift
/// @Test func countsWords() async throws {
///     let stage = try StageTest.make(WordCountStage.self, options: "field: words")
///     let run = try await StageTest.run(stage, over: [.sample(body: "One two three.")])
///     #expect(run.outputs.first?.fields["words"] == .int(3))
///     #expect(run.failures.isEmpty)
/// }
/// ```
public enum StageTest {
    /// The stage built from the YAML of its `options:` mapping, checked as `pipe validate` checks
    /// a pipeline file.
    ///
    /// - Throws: ``PipelineFileError`` listing every problem, each at its line and column of `options`.
    public static func make<S: ConfigurableStage>(_ type: S.Type, options: String = "", id: String? = nil) throws -> S {
        try PipelineLoader.stage(type, options: options, setup: StageSetup(pipeline: "test", stageID: id ?? S.name))
    }

    /// Runs `stage` over `inputs` the way `pipe run` does: `start`, every input through
    /// ``Stage/process(_:context:)`` (`concurrency` workers unless the stage runs in order),
    /// `finish`. A failure is handled by `onError`; with `.deadLetter`, the default, it is in
    /// ``TestRun/failures`` with its message.
    public static func run<S: Stage>(
        _ stage: S, over inputs: [S.Input], id: String = "stage", concurrency: Concurrency = .workers(1),
        onError: ErrorPolicy = .deadLetter, timeout: Duration? = nil
    ) async throws -> TestRun<S.Output> {
        let pipeline = Pipeline(stage, id: id, concurrency: S.runsInOrder ? .workers(1) : concurrency,
                                onError: onError, timeout: timeout)
        return try await TestRun.collect { deadLetters, outputs in
            var configuration = RunConfiguration()
            configuration.pipelineName = "test"
            configuration.deadLetterPath = deadLetters
            return try await pipeline.run(InputSequence(inputs), configuration: configuration) { outputs.append($0) }
        }
    }

    /// What is wrong with the way `S` declares its options: a key declared twice, or declared and
    /// not decoded (a stored property that is not an `@Option`, a hand-written `init(from:)`).
    /// Empty when the declarations are sound.
    public static func declarationProblems<S: ConfigurableStage>(_ type: S.Type) -> [String] {
        let descriptor = StageDescriptor(type)
        let declared = descriptor.options.map(\.name)
        var problems = Dictionary(grouping: declared, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            .map { "the key `\($0)` is declared more than once" }
        if descriptor.decodedKeys() != declared {
            problems.append("`init(from:)` does not read exactly the declared keys \(declared): declare every stored "
                            + "property with `@Option` and leave `init(from:)` to the compiler")
        }
        return problems
    }
}
