/// The value of a key that holds a section with keys of its own (`input:`, `options:`), in a
/// declaration of the keys around it; the section is read by its own declarations.
public struct Section: OptionValue, Hashable {
    /// A section left to be read on its own.
    public init() {}

    /// Reads nothing: the section's own options type decodes it.
    public init(from decoder: any Decoder) throws {}

    /// `mapping`.
    public static var typeName: String { "mapping" }
    /// An empty section.
    public static var unset: Section? { Section() }
    /// `{}`.
    public var yamlText: String? { "{}" }
}
