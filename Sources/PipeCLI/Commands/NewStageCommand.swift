import ArgumentParser
import Foundation

/// `pipe new stage NAME`: a stage module in `Plugins/`, compiled into this checkout's `pipe`.
struct NewStageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stage",
        abstract: "Write a stage module with a test into Plugins/ of the Pipe checkout in the current folder."
    )

    @Argument(help: "The stage's name, for example word-stats.")
    var name: String

    @Option(help: "The folder of stage modules.")
    var plugins = "Plugins"

    func run() async throws {
        let name = try ScaffoldWriter.name(name)
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
}
