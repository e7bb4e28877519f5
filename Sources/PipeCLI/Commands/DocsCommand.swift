import ArgumentParser
import Foundation
import PipeKit

/// `pipe docs [FILE] [--check]`: writes the option tables of a Markdown file from the stages'
/// and sections' declarations, or checks that they are current.
struct DocsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Write the option tables of a Markdown file from the options' declarations.",
        discussion: """
        Each table sits between `<!-- options: NAME -->` and `<!-- end options -->`, NAME being a \
        stage type or a section of the pipeline file (pipeline-file, input, stage-entry, checkpoint).
        """
    )

    @Argument(help: "The Markdown file.")
    var file = "Docs/PipelineFile.md"

    @Flag(help: "Only check that the tables are current; exit 1 when one is not.")
    var check = false

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            Terminal.error("error: cannot read `\(file)`")
            throw ExitCode(1)
        }
        let document = String(decoding: data, as: UTF8.self)
        let updated: (text: String, names: [String])
        do {
            updated = try OptionTables(reference: OptionReference(registry: PipeCommand.registry)).update(document)
        } catch {
            Terminal.error("error: \(file): \(error)")
            throw ExitCode(1)
        }
        guard updated.text != document else {
            Terminal.output("\(file): \(updated.names.count) option tables are current")
            return
        }
        if check {
            Terminal.error("error: \(file): the option tables are stale; run `pipe docs \(file)` and commit the result")
            throw ExitCode(1)
        }
        try Data(updated.text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        Terminal.output("\(file): wrote \(updated.names.count) option tables")
    }
}
