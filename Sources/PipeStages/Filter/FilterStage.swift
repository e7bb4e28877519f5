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
        public var language: [String]?
        /// Keep only articles with at least this many words in the body.
        public var minWords: Int?
        /// Keep only articles with at most this many words in the body.
        public var maxWords: Int?
        /// Keep only articles where these fields are present and not empty.
        public var require: [String] = []

        /// No conditions: every article is kept.
        public init() {}

        /// Every key.
        public static let fields: [OptionField] = [
            OptionField("language", type: "list of string", default: nil,
                        summary: "keep these languages (ISO 639-1 codes); needs translate-stub before it"),
            OptionField("min_words", type: "integer", default: nil, summary: "keep articles with at least this many words"),
            OptionField("max_words", type: "integer", default: nil, summary: "keep articles with at most this many words"),
            OptionField("require", type: "list of string", default: "[]",
                        summary: "keep articles whose fields are present and not empty: entities, dates, quotes, keywords, "
                            + "translation, language, url, date, or a custom field"),
        ]

        enum CodingKeys: String, CodingKey {
            case language, require
            case minWords = "min_words"
            case maxWords = "max_words"
        }

        /// Decodes the options.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            language = try container.decodeIfPresent([String].self, forKey: .language)
            minWords = try container.decodeIfPresent(Int.self, forKey: .minWords)
            maxWords = try container.decodeIfPresent(Int.self, forKey: .maxWords)
            require = try container.decodeIfPresent([String].self, forKey: .require) ?? []
        }
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
        if let minWords = options.minWords, minWords < 0 {
            throw OptionError(key: "min_words", "`min_words` must not be negative")
        }
        if let minWords = options.minWords, let maxWords = options.maxWords, maxWords < minWords {
            throw OptionError(key: "max_words", "`max_words` is below `min_words`", hint: "no article could pass")
        }
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
