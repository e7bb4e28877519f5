import PipeKit

/// Scores how positive or negative an English article is, with a lexicon that ships in the module.
///
/// ```yaml
/// - type: sentiment
///   options: { field: sentiment, neutral: 0.05 }
/// ```
/// Sets the custom field `field` to `{"score": -0.62, "label": "negative", "matches": 14}`: the
/// score of title and body from -1 to 1 (``SentimentScorer``), its label (`neutral` within
/// ±`neutral`), and how many lexicon words it rests on. Articles in another language (by
/// `translate-stub`'s `language`) are passed on without the field: the lexicon is English.
public struct SentimentStage: ConfigurableStage {
    /// The options of `sentiment`.
    public struct Options: StageOptions {
        /// The custom field to set.
        @Option("field", help: "custom field that receives score and label")
        public var field = "sentiment"
        /// Scores within ±`neutral` are labelled `neutral`.
        @Option("neutral", help: "scores within ±neutral are labelled neutral")
        public var neutral = 0.05

        /// The defaults.
        public init() {}
    }

    /// `sentiment`.
    public static let name = "sentiment"
    /// One line for `pipe stages`.
    public static let summary = "Score how positive or negative an article is, from -1 to 1, with a label (English lexicon)"

    /// The options in force.
    public let options: Options
    let scorer = SentimentScorer(lexicon: .builtIn)

    /// Creates the stage.
    public init(options: Options, setup: StageSetup) throws {
        var problems: [OptionError] = []
        if options.field.isEmpty || Article.recordFields.contains(options.field) {
            problems.append(OptionError(key: "field", "`field` must name a custom field, not `\(options.field)`",
                                        hint: "the default is `sentiment`"))
        }
        if !(0..<1).contains(options.neutral) {
            problems.append(OptionError(key: "neutral", "`neutral` must be at least 0 and below 1", hint: "the default is 0.05"))
        }
        try OptionErrors.check(problems)
        self.options = options
    }

    /// Reads title and body (and the language when set); sets the custom field.
    public var fieldAccess: FieldAccess {
        FieldAccess(reads: ["title", "body"], writes: [ArticleField(options.field)])
    }

    /// The label of a score.
    public func label(_ score: Double) -> String {
        score > options.neutral ? "positive" : score < -options.neutral ? "negative" : "neutral"
    }

    /// Scores one article.
    public func process(_ article: consuming Article, context: StageContext) async throws -> Article? {
        guard article.language == nil || article.language == "en" else { return article }
        let score = scorer.score(article.title + "\n" + article.body)
        article.fields[options.field] = .object([
            "score": .double((score.value * 1000).rounded() / 1000),
            "label": .string(label(score.value)),
            "matches": .int(score.matches),
        ])
        return article
    }
}
