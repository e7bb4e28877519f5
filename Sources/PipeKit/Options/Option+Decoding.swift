import Yams

/// An ``Option`` seen without its value type: what ``OptionsDecoder`` needs of each.
protocol OptionDeclaration: Sendable {
    /// The YAML key.
    var key: String { get }
    /// Whether the YAML must give the key.
    var isRequired: Bool { get }
    /// The description for messages, `pipe stages` and the docs.
    var field: OptionField { get }
    /// The declaration with the value decoded from `node` in force.
    func decoded(from node: Node) throws -> any OptionDeclaration
}

extension Option: OptionDeclaration {
    func decoded(from node: Node) throws -> any OptionDeclaration {
        let value = try YAMLDecoder().decode(OptionValueDecoding<Value>.self, from: node).value
        if let allowed, let text = value.yamlText, !allowed.contains(text) {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not one of the allowed values"))
        }
        return with(value)
    }
}
