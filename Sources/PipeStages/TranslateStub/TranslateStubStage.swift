import Foundation
import PipeKit

/// Detects each article's language and translates it into the target language through a ``Translator``.
///
/// Sets `language`, `language_confidence` and `translation` {`from`, `to`, `backend`, `title`,
/// `body`}. Text already in the target language is kept unchanged; other text goes through the
/// backend: `stub` (no network call, output marked as not a real translation), `glossary`
/// (``GlossaryTranslator``: a term list for names and places) or `http` (``HTTPTranslator``: a
/// LibreTranslate-compatible service). A failed translation is an error for that article alone.
public struct TranslateStubStage: ConfigurableStage {
    /// Where translations come from.
    public enum Backend: String, Sendable, CaseIterable, OptionValue {
        /// No network call; the output is marked as not a real translation.
        case stub
        /// A YAML file of terms by source language.
        case glossary
        /// A LibreTranslate-compatible service.
        case http
    }

    /// The options of `translate-stub`.
    public struct Options: StageOptions {
        /// The language to translate into (ISO 639-1).
        @Option("target", allowed: LanguageDetector.languages, help: "the language to translate into (ISO 639-1)")
        public var target = "en"
        /// The translation backend: `stub`, `glossary` or `http`.
        @Option("backend", help: "`stub` (no network, output marked as not real), `glossary` (a term list) or `http` "
                    + "(a LibreTranslate-compatible service)")
        public var backend: Backend = .stub
        /// The glossary file, for `glossary`.
        @Option("glossary", type: "path", help: "for `glossary`: the YAML file of terms by source language, `ru: {Дамаск: Damascus}`")
        public var glossary: String?
        /// The service's address, for `http`.
        @Option("url", help: "for `http`: the service's `http://` or `https://` address; `/translate` is added")
        public var url: String?
        /// The service's API key, for `http` (write `${NAME}` to take it from the environment).
        @Option("api_key", help: "for `http`: the key, if the service asks for one (`${NAME}` reads it from the environment)")
        public var apiKey: String?
        /// How long a request may take, for `http`.
        @Option("timeout", help: "for `http`: how long one request may take")
        public var timeout = Duration.seconds(10)
        /// How many times a failed request is tried again, for `http`.
        @Option("retries", help: "for `http`: further tries after a timeout, a network error, 429 or 5xx")
        public var retries = 2
        /// How many requests may be in flight at once, for `http`.
        @Option("max_requests", help: "for `http`: requests in flight at once")
        public var maxRequests = 4

        /// The defaults.
        public init() {}
    }

    /// `translate-stub`.
    public static let name = "translate-stub"
    /// One line for `pipe stages`.
    public static let summary = "Detect the language (by script and letter n-grams) and translate into a target language: stub, glossary or a LibreTranslate-compatible server"

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
        guard LanguageDetector.hasProfiles else {
            throw OptionError(key: nil, "the language profiles `langid.profiles` are not beside this pipe (in `Pipe_PipeStages.resources/`)",
                              hint: "keep the resource folder next to the `pipe` program, as `swift build` leaves it")
        }
        self.init(options: options, translator: try Self.translator(options))
    }

    /// The backend the options name, checked.
    static func translator(_ options: Options) throws -> any Translator {
        switch options.backend {
        case .stub:
            return StubTranslator()
        case .glossary:
            guard let path = options.glossary else {
                throw OptionError(key: "backend", "`glossary` needs the option `glossary` with the file of terms", hint: "add `glossary: terms.yaml`")
            }
            do {
                return try GlossaryTranslator(contentsOf: path)
            } catch let problem as GlossaryTranslator.Problem {
                throw OptionError(key: "glossary", problem.description)
            }
        case .http:
            guard let text = options.url, let url = URL(string: text), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                throw OptionError(key: options.url == nil ? "backend" : "url", "`http` needs `url`, the service's http:// or https:// address",
                                  hint: "for example `url: http://127.0.0.1:5000`")
            }
            var problems: [OptionError] = []
            if options.retries < 0 { problems.append(OptionError(key: "retries", "`retries` must not be negative")) }
            if options.maxRequests < 1 { problems.append(OptionError(key: "max_requests", "`max_requests` must be at least 1")) }
            try OptionErrors.check(problems)
            return HTTPTranslator(url: url, apiKey: options.apiKey, timeout: options.timeout, retries: options.retries,
                                  maxRequests: options.maxRequests)
        }
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
    public func process(_ article: consuming Article, context: StageContext) async throws -> Article? {
        let detected = detector.detect(title: article.title, body: article.body)
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
