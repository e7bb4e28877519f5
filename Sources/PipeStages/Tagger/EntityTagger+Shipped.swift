import Foundation

extension EntityTagger {
    /// The file name of the English model that ships with Pipe.
    static let shippedModelName = "ner-en.pipemodel"

    /// The shipped English model, read once per process.
    static let shipped: Result<EntityTagger, FileError> = {
        guard let url = shippedModelURL else {
            return .failure(FileError(description: "the default entity model `\(shippedModelName)` is not beside this pipe (in `Pipe_PipeStages.resources/`); name a model file with `entities: {model: PATH}`, or use `entities: {model: rules}`"))
        }
        return load(contentsOf: url)
    }()

    /// Reads a model file.
    static func load(contentsOf url: URL) -> Result<EntityTagger, FileError> {
        do {
            return .success(try EntityTagger(fileData: try Data(contentsOf: url)))
        } catch let error as FileError {
            return .failure(FileError(description: "\(url.path): \(error.description)"))
        } catch {
            return .failure(FileError(description: "cannot read the entity model \(url.path): \(error.localizedDescription)"))
        }
    }

    /// Where the shipped model is: in the resource bundle SwiftPM puts beside the executable, or,
    /// for a binary run from elsewhere, in the bundle of the build it came from.
    ///
    /// `Bundle.module` is not used because it stops the process when the bundle is missing; a
    /// missing model must be an error in the pipeline file instead.
    static let shippedModelURL: URL? = {
        let bundle = "Pipe_PipeStages.resources"
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent(bundle),
            executable.appendingPathComponent(bundle),
            Bundle.main.resourceURL?.appendingPathComponent(bundle),
        ].compactMap { $0?.appendingPathComponent(shippedModelName) }
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }()
}
