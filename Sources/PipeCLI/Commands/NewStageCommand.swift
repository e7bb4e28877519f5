import ArgumentParser
import Foundation

/// `pipe new stage NAME`: a stage module in `Plugins/`, compiled into this checkout's `pipe`.
struct NewStageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stage",
        abstract: "Write a stage with a test into Plugins/: a Swift module compiled into pipe, or a program for `exec`.",
        discussion: """
        Without --exec, a Swift module in Plugins/<Name> of the Pipe checkout in the current folder. \
        With --exec python or --exec sh, a program for an `exec` stage and its test in Plugins/<name>, \
        and the lines to add to a pipeline file.
        """
    )

    @Argument(help: "The stage's name, for example word-stats.")
    var name: String

    @Option(help: "The folder of stage modules.")
    var plugins = "Plugins"

    @Option(help: "Write a program for an `exec` stage in this language instead: \(ExecTemplate.Language.allCases.map(\.rawValue).joined(separator: ", ")).")
    var exec: String?

    func run() async throws {
        let name = try ScaffoldWriter.name(name)
        if let exec {
            guard let language = ExecTemplate.Language(rawValue: exec) else {
                Terminal.error("error: `--exec \(exec)` is not a language pipe can write; use one of: "
                    + ExecTemplate.Language.allCases.map(\.rawValue).joined(separator: ", "))
                throw ExitCode(2)
            }
            try writeExec(name, language: language)
            return
        }
        let template = StageTemplate(name: name)
        let folder = plugins + "/" + name.module
        try ScaffoldWriter.write([
            ("Sources/\(name.module)Stage.swift", template.stage),
            ("Sources/Stages.swift", template.registration),
            ("Tests/\(name.module)StageTests.swift", template.test),
        ], into: folder)
        Terminal.output("""
            wrote \(folder): the stage `\(name.type)` and its test
            SwiftPM evaluates Package.swift again only when its text changes; to build the new module:
              swift package purge-cache && touch Package.swift
              swift build && swift test --filter \(name.module)
            """)
    }

    private func writeExec(_ name: StageName, language: ExecTemplate.Language) throws {
        let template = ExecTemplate(name: name, language: language)
        let folder = plugins + "/" + name.type
        try ScaffoldWriter.write(template.files, into: folder)
        let test = language == .python ? "python3 \(folder)/test_\(name.field).py" : "sh \(folder)/test_\(name.field).sh"
        Terminal.output("""
            wrote \(folder): \(template.program) for an `exec` stage, and its test
              \(test)
            add it to a pipeline's stages:
            \(template.yaml(folder: folder))
            """)
    }
}
