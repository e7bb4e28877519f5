/// The options of a stage: a struct whose every stored property is an ``Option``.
///
/// ```swift
/// public struct Options: StageOptions {
///     @Option("min_words", help: "keep articles with at least this many words")
///     public var minWords: Int? = nil
///     public init() {}
/// }
/// ```
/// `init()` gives the defaults. The conformance to `Decodable` is the compiler's: Pipe decodes
/// the options through it with a decoder that reads each ``Option``'s key, keeps the default of
/// a key left out, and reports every problem of the stage at once.
public protocol StageOptions: Decodable, Sendable {
    /// The options with their defaults.
    init()
}

extension StageOptions {
    /// Every key the YAML may hold, in declaration order: for `pipe stages NAME`, the docs, the
    /// unknown-key check and the machine-readable description.
    public static var fields: [OptionField] { declarations.map(\.declaration.field) }

    /// The declarations, by the name of the property that holds each.
    static var declarations: [(property: String, declaration: any OptionDeclaration)] {
        Mirror(reflecting: Self()).children.compactMap { child in
            guard let label = child.label, label.hasPrefix("_"),
                  let declaration = child.value as? any OptionDeclaration else { return nil }
            return (String(label.dropFirst()), declaration)
        }
    }
}

/// A description of one option key, as its ``Option`` declares it: name, type, default and a
/// one-line help.
public struct OptionField: Sendable, Hashable {
    /// The YAML key.
    public var name: String
    /// The value's type as a user reads it: `string`, `bool`, `integer`, `path`, `list of string`.
    public var type: String
    /// The allowed values, for a key that takes one of a fixed set.
    public var allowedValues: [String]
    /// Whether the YAML must give the key.
    public var isRequired: Bool
    /// The default as YAML text; `nil` when the key is required or has no default (an optional
    /// value left unset).
    public var defaultValue: String?
    /// One line saying what the key does.
    public var summary: String

    /// Creates a description.
    public init(_ name: String, type: String, allowedValues: [String] = [], isRequired: Bool = false,
                default defaultValue: String?, summary: String) {
        self.name = name
        self.type = type
        self.allowedValues = allowedValues
        self.isRequired = isRequired
        self.defaultValue = defaultValue
        self.summary = summary
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

/// Several problems with a stage's option values, thrown from its initializer so that each is
/// reported at its own key.
public struct OptionErrors: Error, Sendable {
    /// The problems, in the order found.
    public var errors: [OptionError]

    /// Creates the error; throw it only when `errors` is not empty.
    public init(_ errors: [OptionError]) {
        self.errors = errors
    }

    /// Throws the problems collected, if any.
    public static func check(_ errors: [OptionError]) throws(OptionErrors) {
        if !errors.isEmpty { throw OptionErrors(errors) }
    }
}
