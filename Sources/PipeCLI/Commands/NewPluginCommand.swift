import ArgumentParser
import Foundation

/// `pipe new plugin NAME`: a Swift package that builds its own `pipe` with a new stage.
struct NewPluginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin",
        abstract: "Write a Swift package with a new stage, a test and a pipeline, that builds its own pipe.",
        discussion: """
        By default the package depends on the Pipe checkout this pipe was built from, by path; \
        --from writes a dependency on a git URL instead.
        """
    )

    @Argument(help: "The stage's name, for example word-stats.")
    var name: String

    @Option(help: "The folder to create (default: the stage's name).")
    var output: String?

    @Option(help: "Depend on Pipe at this git URL instead of the local checkout.")
    var from: String?

    @Option(help: "The Pipe checkout to depend on (default: the one this pipe was built from).")
    var pipePath: String?

    func run() async throws {
        let name = try ScaffoldWriter.name(name)
        let dependency: PluginPackageTemplate.Dependency
        if let from {
            dependency = .url(from, from: PipeCommand.version)
        } else {
            dependency = .path(try checkout())
        }
        let folder = output ?? name.type
        let template = PluginPackageTemplate(name: name, dependency: dependency)
        try ScaffoldWriter.write(template.files, into: folder)
        Terminal.output("""
            wrote \(folder): a package building `\(template.executableName)`, Pipe with the stage `\(name.type)`
              cd \(folder)
              swift build && swift test
              swift run \(template.executableName) run pipeline.yaml
            """)
    }

    /// The Pipe checkout to depend on: `--pipe-path`, or the one this binary was built from.
    func checkout() throws -> String {
        // This file is Sources/PipeCLI/Commands/NewPluginCommand.swift in the checkout.
        let builtFrom = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let path = URL(fileURLWithPath: pipePath ?? builtFrom).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: path + "/Sources/PipeKit"),
              FileManager.default.fileExists(atPath: path + "/Package.swift") else {
            Terminal.error("error: \(path) is not a Pipe checkout (no Package.swift and Sources/PipeKit)")
            Terminal.error("pass --pipe-path with the folder of one, or --from with Pipe's git URL")
            throw ExitCode(2)
        }
        return path
    }
}
