/// The options of a stage: a decodable struct whose every key is described by an ``OptionField``.
///
/// `init()` gives the defaults, used when the YAML has no `options:`. Decode each key with
/// `decodeIfPresent` so that leaving it out keeps its default.
public protocol StageOptions: Decodable, Sendable {
    /// The options with their defaults.
    init()
    /// Every key the YAML may hold, for `pipe stages NAME` and the unknown-key check.
    static var fields: [OptionField] { get }
}

/// A description of one option key: name, type, default and a one-line doc.
public struct OptionField: Sendable, Hashable {
    /// The YAML key.
    public var name: String
    /// The value's type as a user reads it: `string`, `bool`, `integer`, `path`, `list of string`.
    public var type: String
    /// The allowed values, for a key that takes one of a fixed set.
    public var allowedValues: [String]
    /// The default as YAML text, or `nil` when the key is required.
    public var defaultValue: String?
    /// One line saying what the key does.
    public var summary: String

    /// Creates a description.
    public init(_ name: String, type: String, allowedValues: [String] = [], default defaultValue: String?, summary: String) {
        self.name = name
        self.type = type
        self.allowedValues = allowedValues
        self.defaultValue = defaultValue
        self.summary = summary
    }

    /// Describes a key whose value is one of an enumeration's raw values.
    public static func oneOf<Value: CaseIterable & RawRepresentable>(
        _ name: String, _ type: Value.Type, default defaultValue: Value?, summary: String
    ) -> OptionField where Value.RawValue == String {
        OptionField(name, type: "string", allowedValues: Value.allCases.map(\.rawValue),
                    default: defaultValue?.rawValue, summary: summary)
    }

    /// What the key expects, for error messages: `one of nfc, nfkc` or its type.
    public var expectation: String {
        allowedValues.isEmpty ? ("aeiou".contains(type.prefix(1)) ? "an " : "a ") + type : "one of \(allowedValues.joined(separator: ", "))"
    }
}

/// The options of a stage that takes none.
public struct NoOptions: StageOptions {
    /// No options.
    public init() {}
    /// No keys.
    public static let fields: [OptionField] = []
}

/// A problem with an option's value that decoding cannot see, thrown from a stage's initializer.
public struct OptionError: Error, Sendable {
    /// The key at fault, or `nil` for the options as a whole.
    public var key: String?
    /// What is wrong.
    public var message: String
    /// How to fix it.
    public var hint: String?

    /// Creates the error.
    public init(key: String?, _ message: String, hint: String? = nil) {
        self.key = key
        self.message = message
        self.hint = hint
    }
}
