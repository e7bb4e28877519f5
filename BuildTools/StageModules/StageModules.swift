import Foundation
import PackagePlugin

/// Writes the list of the stage modules in `Plugins/` that the `pipe` executable registers.
///
/// The manifest makes every `Plugins/<Name>/Sources` folder a module and a dependency of `pipe`;
/// this tool turns those dependencies into `StageModules.swift`, which imports each module and
/// joins their `stages`, so that adding a module needs no edit to any source file.
@main
struct StageModules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let plugins = context.package.directoryURL.appendingPathComponent("Plugins").standardizedFileURL.path
        let modules = target.dependencies.compactMap { dependency -> String? in
            guard case .target(let module) = dependency,
                  module.directoryURL.standardizedFileURL.path.hasPrefix(plugins + "/") else { return nil }
            return module.name
        }.sorted()
        warnAboutModulesLeftOut(of: modules, plugins: plugins)
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("StageModules.swift")
        return [
            .buildCommand(
                displayName: "Listing the stage modules of Plugins/: \(modules.joined(separator: ", "))",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", #"printf '%s' "$1" > "$2""#, "sh", Self.source(modules: modules), output.path],
                outputFiles: [output]
            )
        ]
    }

    /// Warns about a module folder the build does not have: SwiftPM evaluates the manifest again
    /// only when its text changes, so a folder added since is missing until its cache is cleared.
    func warnAboutModulesLeftOut(of modules: [String], plugins: String) {
        let files = FileManager.default
        let folders = (try? files.contentsOfDirectory(atPath: plugins)) ?? []
        for name in folders.sorted() where !modules.contains(name)
            && files.fileExists(atPath: plugins + "/" + name + "/Sources")
            && !files.fileExists(atPath: plugins + "/" + name + "/Package.swift") {
            Diagnostics.warning("""
                Plugins/\(name) is not part of this build: SwiftPM reused the manifest it evaluated before the folder \
                existed. Run `swift package purge-cache && touch Package.swift`, then build again.
                """)
        }
    }

    /// The Swift file for `modules`.
    static func source(modules: [String]) -> String {
        let list = modules.isEmpty ? "[]" : modules.map { "\($0).stages" }.joined(separator: " + ")
        return """
        // Written by the StageModules build tool (BuildTools/StageModules) from the modules in Plugins/.
        import PipeKit
        \(modules.map { "import \($0)\n" }.joined())
        /// The stages of every module in `Plugins/`.
        let pluginStages: [any ConfigurableStage.Type] = \(list)

        """
    }
}
