import ArgumentParser
import Foundation

/// `pipe new plugin|stage NAME`: writes a ready-to-build stage module or package.
struct NewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new stage: a package with its own pipe, or a module in Plugins/.",
        subcommands: [NewPluginCommand.self, NewStageCommand.self]
    )
}

/// Writing the files of a scaffold, refusing to overwrite anything.
enum ScaffoldWriter {
    /// Writes `files` below `folder`; fails, writing nothing, when any of them exists.
    static func write(_ files: [(path: String, text: String)], into folder: String) throws {
        let manager = FileManager.default
        if let existing = files.first(where: { manager.fileExists(atPath: folder + "/" + $0.path) }) {
            Terminal.error("error: \(folder)/\(existing.path) exists already; choose another name or folder")
            throw ExitCode(2)
        }
        do {
            for file in files {
                let path = folder + "/" + file.path
                try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: URL(fileURLWithPath: path))
                if file.path.hasSuffix(".py") || file.path.hasSuffix(".sh") {
                    try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
                }
            }
        } catch {
            Terminal.error("error: cannot write into \(folder): \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }

    /// The stage names for `text`, or exit 2 with what a name may hold.
    static func name(_ text: String) throws -> StageName {
        guard let name = StageName(text) else {
            Terminal.error("error: `\(text)` is not a stage name; use ASCII letters, digits and hyphens, starting with a letter (for example `word-stats`)")
            throw ExitCode(2)
        }
        return name
    }
}
