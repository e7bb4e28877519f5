import Foundation

/// Finds the files that ship with Pipe's stages (the trained models).
enum ShippedResources {
    /// Where the resource `name` is: in the resource bundle SwiftPM puts beside the executable,
    /// or, for a binary run from elsewhere, in the bundle of the build it came from.
    ///
    /// `Bundle.module` is not used because it stops the process when the bundle is missing; a
    /// missing model must be an error the user can act on instead.
    static func url(of name: String) -> URL? {
        let bundle = "Pipe_PipeStages.resources"
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent(bundle),
            executable.appendingPathComponent(bundle),
            Bundle.main.resourceURL?.appendingPathComponent(bundle),
        ].compactMap { $0?.appendingPathComponent(name) }
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }
}
