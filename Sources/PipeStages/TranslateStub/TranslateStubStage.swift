import PipeKit

/// Detects each article's language and translates it into the target language through a ``Translator``.
///
/// Sets `language`, `language_confidence` and `translation` {`from`, `to`, `backend`, `title`,
/// `body`}. Text already in the target language is kept unchanged; other text goes through the
/// backend. The only backend today is `stub`, which makes no network call and marks its output
/// as not a real translation: this stage is the seam where real backends plug in.
public struct TranslateStubStage: ConfigurableStage {
    /// The options of `translate-stub`.
    public struct Options: StageOptions {
        /// The language to translate into (ISO 639-1).
        public var target = "en"
        /// The translation backend.
        public var backend = "stub"

        /// The defaults.
        public init() {}

        /// Every key.
        public static let fields: [OptionField] = [
            OptionField("target", type: "string", allowedValues: LanguageDetector.languages, default: "en",
                        summary: "language to translate into (ISO 639-1 code)"),
            OptionField("backend", type: "string", allowedValues: ["stub"], default: "stub",
                        summary: "translation backend; `stub` makes no network call and marks its output as not real"),
        ]

        enum CodingKeys: String, CodingKey { case target, backend }

        /// Decodes the options.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            target = try container.decodeIfPresent(String.self, forKey: .target) ?? target
            backend = try container.decodeIfPresent(String.self, forKey: .backend) ?? backend
        }
    }

    /// `translate-stub`.
    public static let name = "translate-stub"
    /// One line for `pipe stages`.
    public static let summary = "Detect the language and translate into a target language (stub backend, no network)"

    /// The options in force.
    public let options: Options
    let translator: any Translator
    let detector = LanguageDetector()

    /// Creates the stage with the backend `options.backend` names.
    public init(options: Options, setup: StageSetup) throws {
        guard LanguageDetector.languages.contains(options.target) else {
            throw OptionError(key: "target", "unknown target language `\(options.target)`",
                              hint: "use one of " + LanguageDetector.languages.joined(separator: ", "))
        }
        guard options.backend == "stub" else {
            throw OptionError(key: "backend", "unknown translation backend `\(options.backend)`", hint: "use `stub`")
        }
        self.init(options: options, translator: StubTranslator())
    }

    /// Creates the stage with any translator, for example a real backend in a custom module.
    public init(options: Options = Options(), translator: any Translator) {
        self.options = options
        self.translator = translator
    }

    /// Reads title and body; sets the language, its confidence and the translation.
    public var fieldAccess: FieldAccess {
        FieldAccess(reads: ["title", "body"], writes: ["language", "language_confidence", "translation"])
    }

    /// Detects the language and attaches the translation.
    public func process(_ article: Article, context: StageContext) async throws -> Article? {
        var article = article
        let detected = detector.detect(article.title + "\n" + article.body)
        article.language = detected.language
        article.languageConfidence = detected.confidence
        if detected.language == options.target || detected.language == "und" {
            article.translation = Translation(from: detected.language, to: options.target, backend: translator.name,
                                              title: article.title, body: article.body)
        } else {
            let translated = try await translator.translate(title: article.title, body: article.body,
                                                            from: detected.language, to: options.target)
            article.translation = Translation(from: detected.language, to: options.target, backend: translator.name,
                                              title: translated.title, body: translated.body)
        }
        return article
    }
}
