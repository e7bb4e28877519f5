import Foundation
import PipeKit
import Yams

/// A translator that replaces the terms of a glossary — names and places — and leaves the rest.
///
/// The glossary is a YAML file of term lists by source language:
///
/// ```yaml
/// ru: { Дамаск: Damascus, Асад: Assad }
/// fr: { Genève: Geneva, "Nations unies": United Nations }
/// ```
/// A term is replaced where it stands as a whole word (no letter or digit just before or after
/// it), longer terms first, case as written.
public struct GlossaryTranslator: Translator {
    /// `glossary`.
    public let name = "glossary"
    /// The terms by source language, longest first.
    let terms: [String: [(term: String, translation: String)]]

    /// A glossary file that cannot be used.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads a glossary file.
    public init(contentsOf path: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Problem(description: "cannot read the glossary \(path): \(error.localizedDescription)")
        }
        try self.init(yaml: text, file: path)
    }

    /// Reads a glossary's text.
    public init(yaml: String, file: String = "glossary") throws {
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: yaml)
        } catch {
            throw Problem(description: "\(file) is not valid YAML: \(error)")
        }
        guard let languages = loaded as? [String: Any] else {
            throw Problem(description: "\(file) must map language codes to term lists, like `ru: {Дамаск: Damascus}`")
        }
        var terms: [String: [(term: String, translation: String)]] = [:]
        for (language, list) in languages {
            guard let list = list as? [String: Any] else {
                throw Problem(description: "\(file): `\(language)` must map terms to their translations")
            }
            terms[language] = list.map { ("\($0.key)", "\($0.value)") }
                .filter { !$0.0.isEmpty }
                .sorted { ($0.0.count, $0.0) > ($1.0.count, $1.0) }
        }
        self.terms = terms
    }

    /// Replaces the source language's terms in title and body.
    public func translate(title: String, body: String, from source: String, to target: String) async throws
        -> (title: String, body: String) {
        (replace(in: title, language: source), replace(in: body, language: source))
    }

    func replace(in text: String, language: String) -> String {
        guard let list = terms[language], !list.isEmpty else { return text }
        var result = text
        for (term, translation) in list {
            var output = ""
            var rest = result[...]
            while let found = rest.range(of: term) {
                let before = found.lowerBound > rest.startIndex ? rest[rest.index(before: found.lowerBound)] : nil
                let after = found.upperBound < rest.endIndex ? rest[found.upperBound] : nil
                output += rest[..<found.lowerBound]
                if Self.isWordCharacter(before) || Self.isWordCharacter(after) {
                    output += rest[found]
                } else {
                    output += translation
                }
                rest = rest[found.upperBound...]
            }
            output += rest
            result = output
        }
        return result
    }

    static func isWordCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber
    }
}
