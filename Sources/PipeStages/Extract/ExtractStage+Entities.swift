import PipeKit

extension ExtractStage {
    /// How entities are found.
    public enum Entities: Sendable, Equatable, OptionValue {
        /// Not at all.
        case off
        /// By Pipe 0.2's rules: capitalised runs, titles, cue words and a gazetteer (fast).
        case rules
        /// By a trained tagger: the English model that ships with Pipe (nil), or one from a file.
        case model(path: String?)

        /// The `model:` value that names the shipped model.
        public static let shippedModelName = "ner-en"

        /// `entities: {model: rules}` or `{model: path/to/file.pipemodel}`.
        private struct Choice: Decodable {
            var model: String
        }

        /// Reads `true`, `false` or `{model: rules | ner-en | PATH}`.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let enabled = try? container.decode(Bool.self) {
                self = enabled ? .model(path: nil) : .off
                return
            }
            switch try container.decode(Choice.self).model {
            case "rules": self = .rules
            case Self.shippedModelName: self = .model(path: nil)
            case let path: self = .model(path: path)
            }
        }

        /// `bool or {model: rules | ner-en | PATH}`.
        public static var typeName: String { "bool or {model: rules | ner-en | PATH}" }

        /// `true`, `false` or `{model: …}`.
        public var yamlText: String? {
            switch self {
            case .off: "false"
            case .rules: "{model: rules}"
            case .model(nil): "true"
            case .model(let path?): "{model: \(path)}"
            }
        }
    }
}
