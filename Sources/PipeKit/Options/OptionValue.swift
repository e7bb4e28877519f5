/// A type an ``Option`` can hold: decodable from YAML, with a name a user reads and a way to
/// write its default back as YAML.
///
/// `String`, `Int`, `Double`, `Bool`, lists and optionals of them conform, and so does every
/// `String` enumeration that is `CaseIterable` (its cases become the allowed values). A type of
/// your own conforms by naming its ``typeName``; decoding is its `init(from:)`.
public protocol OptionValue: Decodable, Sendable {
    /// The type as a user reads it: `string`, `integer`, `bool`, `list of string`.
    static var typeName: String { get }
    /// The values allowed, for a type that takes one of a fixed set; empty otherwise.
    static var allowedValues: [String] { get }
    /// The value written as YAML, for the default column of `pipe stages` and the docs; `nil`
    /// when there is no value (an optional left unset).
    var yamlText: String? { get }
    /// What a required option reads as before it is decoded, for types that have an empty value.
    static var unset: Self? { get }
    /// Decodes a value as a pipeline file writes it; `init(from:)` unless the type's `Codable`
    /// form is not what a person writes (`Duration`).
    static func decodeOption(from decoder: any Decoder) throws -> Self
}

extension OptionValue {
    /// No fixed set.
    public static var allowedValues: [String] { [] }
    /// The value's description.
    public var yamlText: String? { "\(self)" }
    /// No empty value.
    public static var unset: Self? { nil }
    /// `init(from:)`.
    public static func decodeOption(from decoder: any Decoder) throws -> Self { try Self(from: decoder) }
}

/// Decodes an option's value through ``OptionValue/decodeOption(from:)``.
struct OptionValueDecoding<Value: OptionValue>: Decodable {
    let value: Value

    init(from decoder: any Decoder) throws {
        value = try Value.decodeOption(from: decoder)
    }
}

extension OptionValue where Self: RawRepresentable & CaseIterable, RawValue == String {
    /// `string`, with the cases as the allowed values.
    public static var typeName: String { "string" }
    /// The raw values of the cases.
    public static var allowedValues: [String] { allCases.map(\.rawValue) }
    /// The raw value.
    public var yamlText: String? { rawValue }
}

extension String: OptionValue {
    /// `string`.
    public static var typeName: String { "string" }
    /// The text; `""` when empty.
    public var yamlText: String? { isEmpty ? "\"\"" : self }
    /// The empty string.
    public static var unset: String? { "" }
}

extension Int: OptionValue {
    /// `integer`.
    public static var typeName: String { "integer" }
}

extension Double: OptionValue {
    /// `number`.
    public static var typeName: String { "number" }
}

extension Bool: OptionValue {
    /// `bool`.
    public static var typeName: String { "bool" }
}

extension Array: OptionValue where Element: OptionValue {
    /// `list of` the element's type.
    public static var typeName: String { "list of \(Element.typeName)" }
    /// `[a, b]`.
    public var yamlText: String? { "[" + compactMap(\.yamlText).joined(separator: ", ") + "]" }
    /// The empty list.
    public static var unset: [Element]? { [] }
}

extension Optional: OptionValue where Wrapped: OptionValue {
    /// The wrapped type's name.
    public static var typeName: String { Wrapped.typeName }
    /// The wrapped type's allowed values.
    public static var allowedValues: [String] { Wrapped.allowedValues }
    /// The wrapped value's text, or `nil`.
    public var yamlText: String? { self?.yamlText }
    /// `nil`.
    public static var unset: Wrapped?? { .some(nil) }
    /// `nil` for a YAML null, else the wrapped type's value.
    public static func decodeOption(from decoder: any Decoder) throws -> Wrapped? {
        try decoder.singleValueContainer().decodeNil() ? nil : Wrapped.decodeOption(from: decoder)
    }
}

extension InputFormat: OptionValue {}
