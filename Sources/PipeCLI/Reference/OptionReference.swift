import Foundation
import PipeKit

/// Every option Pipe reads from a pipeline file, from their `@Option` declarations: the file's
/// own sections, then each registered stage. `pipe stages --json` prints it and `pipe docs`
/// writes the tables of Docs/PipelineFile.md from it.
struct OptionReference: Encodable {
    /// The keys of one section of the file, or the options of one stage type.
    struct Table: Encodable {
        /// `pipeline-file`, `input`, `checkpoint`, `stage-entry`, or the stage type.
        var name: String
        /// For a stage: its summary and types.
        var summary: String?
        var input: String?
        var output: String?
        var options: [Key]
    }

    /// One key as the machine-readable description gives it.
    struct Key: Encodable {
        var key: String
        var type: String
        var allowed: [String]?
        var required: Bool
        /// The default as YAML text; absent for a required key or one without a default.
        var `default`: String?
        var help: String

        init(_ field: OptionField) {
            key = field.name
            type = field.type
            allowed = field.allowedValues.isEmpty ? nil : field.allowedValues
            required = field.isRequired
            `default` = field.defaultValue
            help = field.summary
        }
    }

    /// The sections of the pipeline file, each declared by an options type.
    static let sections: [(name: String, fields: [OptionField])] = [
        ("pipeline-file", PipelineFileOptions.fields),
        ("input", InputOptions.fields),
        ("stage-entry", StageEntryOptions.fields),
        ("checkpoint", CheckpointOptions.fields),
    ]

    var sections: [Table]
    var stages: [Table]

    init(registry: StageRegistry) {
        sections = Self.sections.map { Table(name: $0.name, options: $0.fields.map(Key.init)) }
        stages = registry.descriptors.map { descriptor in
            Table(name: descriptor.name, summary: descriptor.summary, input: "\(descriptor.inputType)",
                  output: "\(descriptor.outputType)", options: descriptor.options.map(Key.init))
        }
    }

    /// The description as JSON, keys sorted, for tools (a JSON Schema is built from it).
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The fields of the table named `name`, if there is one.
    func fields(of name: String) -> [Key]? {
        (sections + stages).first { $0.name == name }?.options
    }
}
