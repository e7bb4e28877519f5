import PipeKit

/// Finds entities, dates, quotations with their speakers, and keywords, by rules.
///
/// ```yaml
/// - type: extract
///   concurrency: auto
///   options: { entities: true, dates: true, quotes: true, keywords: 8 }
/// ```
/// Each enabled extractor sets its field on the article (`[]` when it finds nothing); a disabled
/// one leaves it out. Spans are Unicode scalar offsets into the body.
public struct ExtractStage: ConfigurableStage {
    /// The options of `extract`.
    public struct Options: StageOptions {
        /// Whether to find named entities.
        public var entities = true
        /// Whether to find dates.
        public var dates = true
        /// Whether to find direct quotations.
        public var quotes = true
        /// How many keywords to keep; 0 turns keywords off.
        public var keywords = 8

        /// Everything on, eight keywords.
        public init() {}

        /// Every key.
        public static let fields: [OptionField] = [
            OptionField("entities", type: "bool", default: "true", summary: "find people, organisations, places and other names"),
            OptionField("dates", type: "bool", default: "true", summary: "find the header date, absolute dates and relative ones"),
            OptionField("quotes", type: "bool", default: "true", summary: "find direct quotations and their speakers"),
            OptionField("keywords", type: "integer", default: "8", summary: "how many keywords to keep (YAKE score); 0 turns them off"),
        ]

        enum CodingKeys: String, CodingKey { case entities, dates, quotes, keywords }

        /// Decodes the options.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            entities = try container.decodeIfPresent(Bool.self, forKey: .entities) ?? entities
            dates = try container.decodeIfPresent(Bool.self, forKey: .dates) ?? dates
            quotes = try container.decodeIfPresent(Bool.self, forKey: .quotes) ?? quotes
            keywords = try container.decodeIfPresent(Int.self, forKey: .keywords) ?? keywords
        }
    }

    /// `extract`.
    public static let name = "extract"
    /// One line for `pipe stages`.
    public static let summary = "Find entities, dates, quotations with speakers, and keywords (rule-based)"

    /// The options in force.
    public let options: Options

    /// Creates the stage.
    public init(options: Options, setup: StageSetup) throws {
        guard options.keywords >= 0 else {
            throw OptionError(key: "keywords", "`keywords` must not be negative", hint: "write 0 to turn keywords off")
        }
        self.options = options
    }

    /// Creates the stage outside a pipeline file.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Reads the body (sentences and paragraphs when present); sets the fields of the extractors turned on.
    public var fieldAccess: FieldAccess {
        let writes: [(Bool, ArticleField)] = [
            (options.entities, "entities"), (options.dates, "dates"), (options.quotes, "quotes"), (options.keywords > 0, "keywords"),
        ]
        return FieldAccess(reads: ["body"], writes: writes.filter(\.0).map(\.1))
    }

    /// Annotates one article.
    public func process(_ article: Article, context: StageContext) async throws -> Article? {
        extract(article)
    }

    /// Annotates one article synchronously.
    public func extract(_ article: Article) -> Article {
        var article = article
        let tokens = Tokenizer.tokens(of: article)
        let texts = TokenTexts(body: article.body)
        var mentions: [EntityRecognizer.Mention] = []
        if options.entities || options.quotes {
            let recognized = EntityRecognizer(texts: texts).recognize(tokens)
            mentions = recognized.mentions
            if options.entities { article.entities = recognized.entities }
        }
        let scalars = options.dates || options.quotes ? article.body.scalarArray : []
        if options.dates { article.dates = DateExtractor(texts: texts).extract(article, tokens: tokens, scalars: scalars) }
        if options.quotes {
            article.quotes = QuoteExtractor(texts: texts).extract(article, tokens: tokens, scalars: scalars, mentions: mentions)
        }
        if options.keywords > 0 { article.keywords = KeywordExtractor(texts: texts).extract(tokens, count: options.keywords) }
        return article
    }
}
