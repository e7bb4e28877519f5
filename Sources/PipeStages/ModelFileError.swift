/// A model file (an entity model, language profiles) that cannot be read, and why.
public struct ModelFileError: Error, CustomStringConvertible {
    /// What is wrong with the file and what to do about it.
    public let description: String

    /// An error that says `description`.
    public init(description: String) {
        self.description = description
    }
}
