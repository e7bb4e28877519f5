import Foundation
import PipeKit

/// Finds entities (a trained tagger or rules), dates, quotations with their speakers, and keywords.
///
/// ```yaml
/// - type: extract
///   options: { entities: true, dates: true, quotes: true, keywords: 8 }
/// ```
/// Each enabled extractor sets its field on the article (`[]` when it finds nothing); a disabled
/// one leaves it out. Spans are Unicode scalar offsets into the body.
public struct ExtractStage: ConfigurableStage {
    /// The options of `extract`.
    public struct Options: StageOptions {
        /// How to find named entities: `true` (the trained English model, `ner-en`), `false`, or
        /// `{model: rules}` (Pipe 0.2's rules, faster), `{model: ner-en}` or `{model: PATH}`.
        @Option("entities", help: "`{text, type, count, spans}` per distinct (text, type); type `person`, `organization`, "
                    + "`location` or `misc`. `true` or `{model: ner-en}`: the trained English tagger that ships with Pipe; "
                    + "`{model: rules}`: the rules below (faster, far less accurate); `{model: path/to/file.pipemodel}`: a model "
                    + "trained with `pipe train ner`; `false`: none. A model that cannot be read is an error at this option")
        public var entities = Entities.model(path: nil)
        /// Whether to find dates.
        @Option("dates", help: "`{text, value, precision, span}`: the header date (`span: null`), absolute dates, relative "
                    + "ones resolved against the article's date; `value` is ISO 8601 at the `precision` (`day` `2024-12-08`, "
                    + "`week` `2024-W48`, `month` `2024-12`, `year` `2024`)")
        public var dates = true
        /// Whether to find direct quotations.
        @Option("quotes", help: "`{text, speaker, span}` for direct quotations; a quotation in parts has them joined with a "
                    + "space and spans from its first word to its last")
        public var quotes = true
        /// How many keywords to keep; 0 turns keywords off.
        @Option("keywords", help: "the top k `{text, score}` by YAKE; 0 turns keywords off")
        public var keywords = 8
        /// The most tokens an article may have (words and marks); one with more fails in `extract`,
        /// for its `on_error`, before anything is extracted from it.
        @Option("max_tokens", help: "an article with more tokens (words and marks; about 5 MB of prose) fails, for the "
                    + "stage's `on_error`, before anything is extracted: `the body has more than 1000000 tokens`")
        public var maxTokens = Self.defaultMaxTokens

        /// One million tokens, about 5 MB of news prose: two orders of magnitude above the longest
        /// articles, and about 60 MB of tokens, whatever the body is made of.
        public static let defaultMaxTokens = 1_000_000

        /// Everything on, eight keywords.
        public init() {}
    }

    /// `extract`.
    public static let name = "extract"
    /// One line for `pipe stages`.
    public static let summary = "Find entities (trained tagger or rules), dates, quotations with speakers, and keywords"

    /// The options in force.
    public let options: Options
    /// The entity tagger, when `entities` names a model.
    let tagger: EntityTagger?

    /// Creates the stage, reading the entity model.
    public init(options: Options, setup: StageSetup) throws {
        try self.init(options: options)
    }

    /// Creates the stage outside a pipeline file, reading the entity model.
    public init(options: Options = Options()) throws {
        var problems: [OptionError] = []
        if options.keywords < 0 {
            problems.append(OptionError(key: "keywords", "`keywords` must not be negative", hint: "write 0 to turn keywords off"))
        }
        if options.maxTokens <= 0 {
            problems.append(OptionError(key: "max_tokens", "`max_tokens` must be above zero",
                                        hint: "write for example `max_tokens: \(Options.defaultMaxTokens)`"))
        }
        try OptionErrors.check(problems)
        self.options = options
        switch options.entities {
        case .off, .rules:
            tagger = nil
        case .model(let path):
            let loaded = path.map { EntityTagger.load(contentsOf: URL(fileURLWithPath: $0)) } ?? EntityTagger.shipped
            switch loaded {
            case .success(let model): tagger = model
            case .failure(let error):
                throw OptionError(key: "entities", error.description, hint: "`entities: {model: rules}` finds entities without a model")
            }
        }
    }

    /// Reads the body (sentences and paragraphs when present); sets the fields of the extractors turned on.
    public var fieldAccess: FieldAccess {
        let writes: [(Bool, ArticleField)] = [
            (options.entities != .off, "entities"), (options.dates, "dates"), (options.quotes, "quotes"), (options.keywords > 0, "keywords"),
        ]
        return FieldAccess(reads: ["body"], writes: writes.filter(\.0).map(\.1))
    }

    /// Annotates one article; one with more than `max_tokens` tokens fails.
    public func process(_ article: consuming Article, context: StageContext) async throws -> Article? {
        guard let tokens = Tokenizer.tokens(of: article, limit: options.maxTokens) else {
            throw PipeError(.malformedRecord, "the body has more than \(options.maxTokens) tokens (`max_tokens`), more than any news article",
                            hint: "raise `max_tokens` in the `extract` options if such articles are expected")
        }
        return extract(article, tokens: tokens)
    }

    /// Annotates one article synchronously, whatever its length.
    public func extract(_ article: consuming Article) -> Article {
        extract(article, tokens: Tokenizer.tokens(of: article))
    }

    private func extract(_ article: consuming Article, tokens: [Token]) -> Article {
        let texts = TokenTexts(body: article.body)
        var mentions: [EntityRecognizer.Mention] = []
        let recognizer = EntityRecognizer(texts: texts)
        if let tagger {
            // Entities as the tagger found them (merging short forms into full names, as the
            // rules do, costs 5 points of F1 on CoNLL, whose gold counts `Clinton` apart from
            // `Bill Clinton`); quotations name speakers by the full names short forms refer to.
            let found = EntityTagger.combined(tagger.mentions(tokens, recognizer: recognizer), with: recognizer.mentions(tokens))
            article.entities = EntityRecognizer.group(found)
            mentions = recognizer.resolve(found).mentions
        } else if options.entities == .rules || options.quotes {
            let recognized = recognizer.recognize(tokens)
            mentions = recognized.mentions
            if options.entities == .rules { article.entities = recognized.entities }
        }
        if options.dates { article.dates = DateExtractor(texts: texts).extract(article, tokens: tokens) }
        if options.quotes {
            article.quotes = QuoteExtractor(texts: texts).extract(article, tokens: tokens, mentions: mentions)
        }
        if options.keywords > 0 { article.keywords = KeywordExtractor(texts: texts).extract(tokens, count: options.keywords) }
        return article
    }
}
