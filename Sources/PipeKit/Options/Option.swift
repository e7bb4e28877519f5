/// One option of a stage (or of a section of the pipeline file), declared once with its key,
/// type, default and help, the way swift-argument-parser's `@Option` declares a flag.
///
/// ```swift
/// public struct Options: StageOptions {
///     @Option("min_words", help: "keep articles with at least this many words")
///     public var minWords: Int? = nil
///     @Option("path", type: "path", help: "the file to write")
///     public var path: String
///     public init() {}
/// }
/// ```
/// A property with an initial value has that default; an optional one defaults to none; any
/// other is required. From these declarations Pipe decodes the YAML (every problem at its line
/// and column, unknown keys with a did-you-mean), prints `pipe stages NAME`, and writes the
/// option tables of the docs.
@propertyWrapper
public struct Option<Value: OptionValue>: Sendable {
    /// The YAML key.
    public let key: String
    /// One line saying what the option does.
    public let help: String
    /// The type as a user reads it, when it says more than the value's type (`path`, `duration`).
    let typeName: String?
    /// The values allowed, when the declaration limits them further than the type does.
    let allowed: [String]?
    /// The default, or `nil` when the option has none.
    let defaultValue: Value?
    /// The value decoded or set, when there is one.
    private var value: Value?

    /// The value: as decoded or set, else the default.
    public var wrappedValue: Value {
        get {
            if let value { return value }
            if let defaultValue { return defaultValue }
            guard let unset = Value.unset else {
                preconditionFailure("the required option `\(key)` was read before it was decoded or set")
            }
            return unset
        }
        set { value = newValue }
    }

    /// Declares an option with a default; `allowed` limits a value to those texts.
    public init(wrappedValue: Value, _ key: String, type: String? = nil, allowed: [String]? = nil, help: String) {
        self.key = key
        self.help = help
        self.typeName = type
        self.allowed = allowed
        self.defaultValue = wrappedValue
    }

    /// Declares an option without a default: required, unless its type is optional (then it
    /// defaults to none); `allowed` limits a value to those texts.
    public init(_ key: String, type: String? = nil, allowed: [String]? = nil, help: String) {
        self.key = key
        self.help = help
        self.typeName = type
        self.allowed = allowed
        self.defaultValue = Value.self is any OptionalValue.Type ? Value.unset : nil
    }

    /// Whether the YAML must give the option.
    var isRequired: Bool { defaultValue == nil }

    /// The description shown by `pipe stages`, the docs and the machine-readable description.
    var field: OptionField {
        OptionField(key, type: typeName ?? Value.typeName, allowedValues: allowed ?? Value.allowedValues, isRequired: isRequired,
                    default: defaultValue?.yamlText, summary: help)
    }

    /// The option with `value` in force.
    func with(_ value: Value) -> Self {
        var copy = self
        copy.value = value
        return copy
    }
}

extension Option: Decodable {
    /// Refuses: options are decoded by their ``StageOptions`` type through Pipe's own decoder,
    /// which knows each key.
    public init(from decoder: any Decoder) throws {
        throw DecodingError.dataCorrupted(.init(
            codingPath: decoder.codingPath,
            debugDescription: "options declared with @Option are decoded by their StageOptions type, not alone"
        ))
    }
}

/// `Optional`, whose declarations without a value default to none.
protocol OptionalValue {}

extension Optional: OptionalValue {}
