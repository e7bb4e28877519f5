import Foundation

extension EntityTagger {
    /// The file name of the English model that ships with Pipe.
    static let shippedModelName = "ner-en.pipemodel"

    /// The shipped English model, read once per process.
    static let shipped: Result<EntityTagger, ModelFileError> = {
        guard let url = shippedModelURL else {
            return .failure(ModelFileError(description: "the default entity model `\(shippedModelName)` is not beside this pipe (in `Pipe_PipeStages.resources/`); name a model file with `entities: {model: PATH}`, or use `entities: {model: rules}`"))
        }
        return load(contentsOf: url)
    }()

    /// Reads a model file.
    static func load(contentsOf url: URL) -> Result<EntityTagger, ModelFileError> {
        do {
            return .success(try EntityTagger(fileData: try Data(contentsOf: url)))
        } catch let error as ModelFileError {
            return .failure(ModelFileError(description: "\(url.path): \(error.description)"))
        } catch {
            return .failure(ModelFileError(description: "cannot read the entity model \(url.path): \(error.localizedDescription)"))
        }
    }

    /// Where the shipped model is (``ShippedResources``).
    static let shippedModelURL: URL? = ShippedResources.url(of: shippedModelName)
}
