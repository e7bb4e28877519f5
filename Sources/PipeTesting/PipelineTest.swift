import Foundation
import PipeKit

/// Loads a whole pipeline file's text and runs it over inputs inside a Swift test.
///
/// ```swift
/// let run = try await PipelineTest.run("""
///     input: {path: "-", format: jsonl}
///     stages:
///       - type: parse
///       - type: word-count
///     """, over: [.sample(jsonl: #"{"id": "a", "title": "T", "body": "One two."}"#)], registry: registry)
/// ```
public enum PipelineTest {
    /// Runs the pipeline in `yaml`, checked as `pipe validate` checks it, over `inputs` instead of
    /// its `input.path`: ``RawRecord``s for a pipeline that starts with `parse`, ``Article``s for
    /// one that starts after it. The outputs are what leaves the last stage; files the stages
    /// write go where the YAML says. Dead letters go to a temporary file (even when the
    /// YAML names one), read into ``TestRun/failures``.
    ///
    /// - Throws: ``PipelineFileError`` when the file is invalid, and what the run throws.
    public static func run<Input: Sendable, Output: Sendable>(
        _ yaml: String, over inputs: [Input], registry: StageRegistry, as output: Output.Type = Article.self,
        environment: [String: String] = [:]
    ) async throws -> TestRun<Output> {
        try await TestRun.collect { deadLetters, outputs in
            var loader = PipelineLoader(registry: registry, environment: environment)
            loader.deadLetterFallback = deadLetters
            let definition = try loader.load(yaml: yaml, file: "pipeline.yaml", input: "-")
            var configuration = RunConfiguration()
            configuration.deadLetterPath = deadLetters
            return try await definition.run(over: InputSequence(inputs), configuration: configuration) { item in
                guard let value = item as? Output else {
                    throw PipeError(.typeMismatch, "the last stage gave \(type(of: item)), not \(Output.self)")
                }
                outputs.append(value)
            }
        }
    }
}
