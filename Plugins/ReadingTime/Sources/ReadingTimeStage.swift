import PipeKit

/// Estimates how long an article takes to read and stores it in the custom field `reading_minutes`.
///
/// A custom stage module: it depends on PipeKit only and is registered by the `pipe` executable,
/// without any change to the engine or the built-in stages.
public struct ReadingTimeStage: ConfigurableStage {
    /// The options of `reading-time`.
    public struct Options: StageOptions {
        /// Reading speed in words per minute.
        public var wordsPerMinute = 230
        /// The custom field to set.
        public var field = "reading_minutes"

        /// The defaults.
        public init() {}

        /// Every key.
        public static let fields: [OptionField] = [
            OptionField("words_per_minute", type: "integer", default: "230", summary: "reading speed in words per minute"),
            OptionField("field", type: "string", default: "reading_minutes", summary: "custom field that receives the minutes"),
        ]

        enum CodingKeys: String, CodingKey {
            case wordsPerMinute = "words_per_minute"
            case field
        }

        /// Decodes the options.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            wordsPerMinute = try container.decodeIfPresent(Int.self, forKey: .wordsPerMinute) ?? wordsPerMinute
            field = try container.decodeIfPresent(String.self, forKey: .field) ?? field
        }
    }

    /// `reading-time`.
    public static let name = "reading-time"
    /// One line for `pipe stages`.
    public static let summary = "Estimate reading time into a custom field (example plug-in module)"

    /// The options in force.
    public let options: Options

    /// Creates the stage.
    public init(options: Options, setup: StageSetup) throws {
        guard options.wordsPerMinute > 0 else {
            throw OptionError(key: "words_per_minute", "`words_per_minute` must be positive", hint: "adults read about 230")
        }
        guard !options.field.isEmpty, !Article.recordFields.contains(options.field) else {
            throw OptionError(key: "field", "`field` must name a custom field, not `\(options.field)`")
        }
        self.options = options
    }

    /// Reads title and body; sets the custom field.
    public var fieldAccess: FieldAccess {
        FieldAccess(reads: ["title", "body"], writes: [ArticleField(options.field)])
    }

    /// Sets the reading time in whole minutes, at least 1.
    public func process(_ article: consuming Article, context: StageContext) async throws -> Article? {
        let words = article.wordCount + article.title.split(whereSeparator: \.isWhitespace).count
        article.fields[options.field] = .int(max(1, (words + options.wordsPerMinute - 1) / options.wordsPerMinute))
        return article
    }
}
