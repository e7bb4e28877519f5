import PipeKit

/// Estimates how long an article takes to read and stores it in the custom field `reading_minutes`.
///
/// A custom stage module: it depends on PipeKit only and is registered by the `pipe` executable,
/// without any change to the engine or the built-in stages.
public struct ReadingTimeStage: ConfigurableStage {
    /// The options of `reading-time`.
    public struct Options: StageOptions {
        /// Reading speed in words per minute.
        @Option("words_per_minute", help: "reading speed in words per minute")
        public var wordsPerMinute = 230
        /// The custom field to set.
        @Option("field", help: "custom field that receives the minutes")
        public var field = "reading_minutes"

        /// The defaults.
        public init() {}
    }

    /// `reading-time`.
    public static let name = "reading-time"
    /// One line for `pipe stages`.
    public static let summary = "Estimate reading time into a custom field (example plug-in module)"

    /// The options in force.
    public let options: Options

    /// Creates the stage.
    public init(options: Options, setup: StageSetup) throws {
        var problems: [OptionError] = []
        if options.wordsPerMinute <= 0 {
            problems.append(OptionError(key: "words_per_minute", "`words_per_minute` must be positive", hint: "adults read about 230"))
        }
        if options.field.isEmpty || Article.recordFields.contains(options.field) {
            problems.append(OptionError(key: "field", "`field` must name a custom field, not `\(options.field)`"))
        }
        try OptionErrors.check(problems)
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
