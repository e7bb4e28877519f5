import ArgumentParser
import PipeKit

/// `pipe validate FILE.yaml`: checks a pipeline file without reading or writing anything.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline file completely without running it (exit 2 when invalid)."
    )

    @Argument(help: "The pipeline file.")
    var file: String

    func run() async throws {
        let definition = try PipelineFileLoading.load(file, inputs: nil)
        let chain = definition.stages.map(\.id).joined(separator: " → ")
        // The name and ids may come from `${NAME}`: their values are shown as the references.
        let line = "\(file): ok, pipeline `\(definition.name)`: \(definition.input.format.rawValue) input → \(chain)"
        Terminal.output(definition.redaction.apply(to: line))
    }
}

/// Loading a pipeline file the way every command does: diagnostics printed, exit code 2 when invalid.
enum PipelineFileLoading {
    static func load(_ file: String, inputs: [String]?, shard: Shard? = nil, shardFromEnvironment: Bool = false) throws -> PipelineDefinition {
        var loader = PipelineLoader(registry: PipeCommand.registry)
        loader.shard = shard
        loader.shardFromEnvironment = shardFromEnvironment
        do {
            let definition = try loader.load(file: file, inputs: inputs)
            do {
                try InputReader(spec: definition.input).checkExists()
            } catch let error as PipeError {
                let error = definition.redaction.apply(to: error)
                guard error.location != nil else { throw error }
                throw PipelineFileError(diagnostics: [error], sourceText: definition.sourceText ?? "")
            }
            return definition
        } catch let error as PipelineFileError {
            Terminal.report(error)
            throw ExitCode(2)
        } catch let error as PipeError {
            Terminal.report(error)
            throw ExitCode(2)
        }
    }
}
