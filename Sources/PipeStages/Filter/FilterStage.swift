import PipeKit

/// Keeps the articles that meet simple conditions; the others are counted as filtered, not as errors.
///
/// ```yaml
/// - type: filter
///   options: { language: [en], min_words: 50, require: [entities] }
/// ```
public struct FilterStage: ConfigurableStage {
    /// The options of `filter`; every condition given must hold.
    public struct Options: StageOptions {
        /// Keep only these languages (ISO 639-1); needs `translate-stub` earlier.
        @Option("language", help: "keep these languages (ISO 639-1); needs the `language` that `translate-stub` sets earlier, which the loader checks")
        public var language: [String]?
        /// Keep only articles with at least this many words in the body.
        @Option("min_words", help: "keep articles whose body has at least this many words")
        public var minWords: Int?
        /// Keep only articles with at most this many words in the body.
        @Option("max_words", help: "keep articles whose body has at most this many words")
        public var maxWords: Int?
        /// Keep only articles where these fields are present and not empty.
        @Option("require", help: "keep articles whose fields are present and not empty: `entities`, `dates`, `quotes`, "
                    + "`keywords`, `translation`, `language`, `url`, `date`, `title`, or a custom field; each must be set by "
                    + "an earlier stage (or, for a custom field, may come from a `jsonl` input), which the loader checks")
        public var require: [String] = []

        /// No conditions: every article is kept.
        public init() {}
    }

    /// `filter`.
    public static let name = "filter"
    /// One line for `pipe stages`.
    public static let summary = "Keep articles by language, length or the fields they have; count the rest as filtered"

    /// The options in force.
    public let options: Options

    /// Creates the stage, checking that the conditions can be met (the fields it reads are
    /// checked against the earlier stages by ``fieldAccess``).
    public init(options: Options, setup: StageSetup) throws {
        var problems: [OptionError] = []
        for (key, value) in [("min_words", options.minWords), ("max_words", options.maxWords)] {
            if let value, value < 0 { problems.append(OptionError(key: key, "`\(key)` must not be negative")) }
        }
        if let minWords = options.minWords, let maxWords = options.maxWords, maxWords < minWords, maxWords >= 0 {
            problems.append(OptionError(key: "max_words", "`max_words` is below `min_words`", hint: "no article could pass"))
        }
        try OptionErrors.check(problems)
        self.options = options
    }

    /// Creates the stage outside a pipeline file (no check of earlier stages).
    public init(options: Options) {
        self.options = options
    }

    /// Reads the language when it filters by it, and every field it requires.
    public var fieldAccess: FieldAccess {
        FieldAccess(reads: (options.language == nil ? [] : ["language"]) + options.require.map { ArticleField($0) })
    }

    /// Keeps the article when every condition holds.
    public func process(_ article: consuming Article, context: StageContext) async throws -> Article? {
        keeps(article) ? article : nil
    }

    /// Whether the article meets every condition.
    public func keeps(_ article: Article) -> Bool {
        if let languages = options.language {
            guard let language = article.language, languages.contains(language) else { return false }
        }
        if options.minWords != nil || options.maxWords != nil {
            let words = article.wordCount
            if let minWords = options.minWords, words < minWords { return false }
            if let maxWords = options.maxWords, words > maxWords { return false }
        }
        return options.require.allSatisfy { Self.has($0, in: article) }
    }

    static func has(_ field: String, in article: Article) -> Bool {
        switch field {
        case "entities": return !(article.entities ?? []).isEmpty
        case "dates": return !(article.dates ?? []).isEmpty
        case "quotes": return !(article.quotes ?? []).isEmpty
        case "keywords": return !(article.keywords ?? []).isEmpty
        case "translation": return article.translation != nil
        case "language": return article.language != nil
        case "url": return !(article.url ?? "").isEmpty
        case "date": return article.date != nil
        case "title": return !article.title.isEmpty
        default:
            switch article.fields[field] {
            case nil, .null?: return false
            case .string(let text)?: return !text.isEmpty
            case .array(let items)?: return !items.isEmpty
            case .object(let members)?: return !members.isEmpty
            default: return true
            }
        }
    }
}
