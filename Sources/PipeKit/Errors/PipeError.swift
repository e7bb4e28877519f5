/// An error Pipe reports to a user: a stable code, what went wrong, how to fix it, and where.
public struct PipeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable error code.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's text, for example `unknown-stage`.
        public var rawValue: String
        /// Creates a code from its text.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code's text.
        public var description: String { rawValue }

        /// The pipeline file is not valid YAML.
        public static let yamlSyntax = Code(rawValue: "yaml-syntax")
        /// The pipeline file uses YAML aliases in a way Pipe refuses (an alias bomb, an alias as a key).
        public static let yamlAlias = Code(rawValue: "yaml-alias")
        /// A required key is missing.
        public static let missingKey = Code(rawValue: "missing-key")
        /// A key is not known at this place.
        public static let unknownKey = Code(rawValue: "unknown-key")
        /// A `type:` names no registered stage.
        public static let unknownStage = Code(rawValue: "unknown-stage")
        /// A value has the wrong type or is out of range.
        public static let invalidValue = Code(rawValue: "invalid-value")
        /// Two adjacent stages do not connect.
        public static let typeMismatch = Code(rawValue: "type-mismatch")
        /// A stage reads an article field that no stage before it sets.
        public static let missingField = Code(rawValue: "missing-field")
        /// Two stages share one id.
        public static let duplicateID = Code(rawValue: "duplicate-id")
        /// Reading the input or writing an output failed.
        public static let io = Code(rawValue: "io")
        /// A stage with `on_error: fail` failed on an article.
        public static let stageFailed = Code(rawValue: "stage-failed")
        /// A stage took longer than its `timeout:` on an article.
        public static let stageTimeout = Code(rawValue: "stage-timeout")
        /// A record could not be read as the input format says.
        public static let malformedRecord = Code(rawValue: "malformed-record")
        /// `--resume` cannot continue from the checkpoint: the pipeline or its input changed, or
        /// another run holds it.
        public static let checkpoint = Code(rawValue: "checkpoint")
        /// The shard a run was given, or found in its environment, is not one Pipe can run, or
        /// `pipe merge` found a shard missing or incomplete.
        public static let shard = Code(rawValue: "shard")
    }

    /// The stable error code.
    public var code: Code
    /// What went wrong, in one sentence.
    public var message: String
    /// How to fix it, when Pipe can tell.
    public var hint: String?
    /// Where in a pipeline file the problem is, when it is in one.
    public var location: SourceLocation?

    /// Creates an error.
    public init(_ code: Code, _ message: String, hint: String? = nil, at location: SourceLocation? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
        self.location = location
    }

    /// `file:line:column: error: message (hint)` on one line.
    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += "error: \(message)"
        if let hint { text += "; \(hint)" }
        return text
    }
}

/// All the problems found in one pipeline file, in file order.
public struct PipelineFileError: Error, Sendable, CustomStringConvertible {
    /// Every problem found.
    public var diagnostics: [PipeError]
    /// The text of the file, for showing the lines the problems are on.
    public var sourceText: String

    /// Creates the error.
    public init(diagnostics: [PipeError], sourceText: String) {
        self.diagnostics = diagnostics
        self.sourceText = sourceText
    }

    /// Every diagnostic rendered with its source line and a caret.
    public var description: String {
        diagnostics.map { $0.rendered(source: sourceText) }.joined(separator: "\n")
    }
}
