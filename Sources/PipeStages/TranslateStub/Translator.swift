/// A translation backend: turns an article's title and body from one language into another.
///
/// The `translate-stub` stage calls it for every article not already in the target language.
/// A real backend (an HTTP service, a local model) conforms to this protocol and is chosen with
/// the stage's `backend:` option.
public protocol Translator: Sendable {
    /// The backend's name, as `backend:` names it and as the article's `translation.backend` records it.
    var name: String { get }

    /// Translates a title and a body; both languages are ISO 639-1 codes.
    func translate(title: String, body: String, from source: String, to target: String) async throws
        -> (title: String, body: String)
}

/// The translator that makes no network call: its output is a placeholder clearly marked as not real.
///
/// The original text is kept after the marker, so downstream stages still see real words.
public struct StubTranslator: Translator {
    /// `stub`.
    public let name = "stub"

    /// Creates the stub.
    public init() {}

    /// Marks the text as untranslated; the same input always gives the same output.
    public func translate(title: String, body: String, from source: String, to target: String) async throws
        -> (title: String, body: String) {
        let marker = "[stub translation \(source)→\(target), not a real translation]"
        return ("\(marker) \(title)", "\(marker)\n\n\(body)")
    }
}
