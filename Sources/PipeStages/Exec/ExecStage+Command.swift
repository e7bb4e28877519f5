import PipeKit

extension ExecStage {
    /// The program `exec` runs and its arguments: `[python3, script.py]`, or one program name.
    public struct Command: OptionValue, Hashable, ExpressibleByArrayLiteral {
        /// The program, then its arguments.
        public var words: [String]

        /// A command of these words.
        public init(_ words: [String]) {
            self.words = words
        }

        /// A command written as a list.
        public init(arrayLiteral words: String...) {
            self.words = words
        }

        /// Reads a list of strings, or one string as a program without arguments.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let program = try? container.decode(String.self) {
                words = [program]
            } else {
                words = try container.decode([String].self)
            }
        }

        /// `list of string`.
        public static var typeName: String { [String].typeName }
        /// `[python3, script.py]`.
        public var yamlText: String? { words.yamlText }
        /// No words.
        public static var unset: Command? { Command([]) }
    }
}
