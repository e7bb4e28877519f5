import ArgumentParser
import PipeKit

/// `pipe stages [NAME]`: lists the stages, or describes one with its types and options.
struct StagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "List the available stages, or describe one."
    )

    @Argument(help: "A stage type to describe.")
    var name: String?

    @Flag(help: "Print every stage's options and the pipeline file's keys as JSON, for tools.")
    var json = false

    func run() async throws {
        let registry = PipeCommand.registry
        if json {
            Terminal.output(try OptionReference(registry: registry).json())
            return
        }
        guard let name else {
            let width = registry.names.map(\.count).max() ?? 0
            for descriptor in registry.descriptors {
                let padding = String(repeating: " ", count: width - descriptor.name.count)
                Terminal.output("\(descriptor.name)\(padding)  \(descriptor.summary)")
            }
            return
        }
        guard let descriptor = registry[name] else {
            let suggestion = registry.closestName(to: name)
            Terminal.error("error: unknown stage `\(name)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""))
            Terminal.error("run `pipe stages` for the list")
            throw ExitCode(2)
        }
        Terminal.output(Self.describe(descriptor).joined(separator: "\n"))
    }

    static func describe(_ descriptor: StageDescriptor) -> [String] {
        var lines = [
            "\(descriptor.name): \(descriptor.summary)",
            "",
            "input:  \(descriptor.inputType)",
            "output: \(descriptor.outputType)",
            "runs:   " + (descriptor.isWriter ? "encodes in the workers of the stage before it, writes in input order"
                : descriptor.runsInOrder ? "one worker, in input order" : "`concurrency` workers (default `auto`, one per core)"),
        ]
        if let access = descriptor.defaultFieldAccess {
            func list(_ fields: [ArticleField]) -> String { fields.isEmpty ? "none" : fields.map(\.name).joined(separator: ", ") }
            lines.append("reads:  " + list(access.reads) + " (with the default options)")
            lines.append("writes: " + list(access.writes) + (access.writesAnyCustomField ? ", custom fields" : ""))
        }
        lines.append("")
        guard !descriptor.options.isEmpty else { return lines + ["options: none"] }
        lines.append("options:")
        for field in descriptor.options {
            let type = field.allowedValues.isEmpty ? field.type : field.allowedValues.joined(separator: " | ")
            let value = field.isRequired ? "required" : "default \(field.defaultValue ?? "none")"
            lines.append("  \(field.name) (\(type), \(value))")
            lines.append("      \(field.summary)")
        }
        return lines
    }
}
