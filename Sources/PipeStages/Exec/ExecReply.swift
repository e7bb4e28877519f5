import Foundation
import PipeKit

/// What one line printed by an `exec` child means for the article it answers.
///
/// The protocol (Docs/Plugins.md): the child gets one article per line, as export writes it, and
/// answers each with one line: the article as it should be, or `{"error": "…"}`.
enum ExecReply: Equatable {
    /// The article with the child's changes applied.
    case article(Article)
    /// The child could not process this article, and said so; the child itself is fine.
    case error(String)
    /// The line breaks the protocol (not a JSON object, or an answer for another article): the
    /// child is out of step and is restarted.
    case violation(String)

    /// Fields the child may not change: they are kept as they were.
    static let readOnly: Set<String> = ["source", "translation", "entities", "dates", "quotes", "keywords"]

    /// Reads `line` as the answer for `article`.
    ///
    /// `title`, `body`, `url`, `date`, `language` and `language_confidence` are taken from the
    /// answer; keys the model does not know become the custom fields (one the answer leaves out is
    /// dropped); a changed body clears the paragraphs and sentences, whose spans no longer hold.
    static func interpret(_ line: String, for article: Article) -> ExecReply {
        let object: [String: JSONValue]
        do {
            object = try JSONDecoder().decode([String: JSONValue].self, from: Data(line.utf8))
        } catch {
            return .violation("the child printed a line that is not a JSON object: \(preview(line))")
        }
        if case .string(let message)? = object["error"], object["id"] == nil || object["id"] == .string(article.id) {
            return .error(message)
        }
        guard case .string(let id)? = object["id"] else {
            return .violation("the child answered without an `id`: \(preview(line))")
        }
        guard id == article.id else {
            return .violation("the child answered for `\(id)` when `\(article.id)` was next")
        }
        var result = article
        do {
            if let title = try string("title", in: object) { result.title = title ?? "" }
            if let body = try string("body", in: object), let body, body != article.body {
                result.body = body
                result.paragraphs = []
                result.sentences = []
            }
            if let url = try string("url", in: object) { result.url = url }
            if let date = try string("date", in: object) {
                guard let parsed = date.map(CalendarDate.init) ?? .some(nil) else {
                    throw ExecFieldError("`date` must be written YYYY-MM-DD")
                }
                result.date = parsed
            }
            if let text = try string("published_at", in: object) {
                guard let instant = text.map({ PublishedDate.parse($0)?.instant }) ?? .some(nil) else {
                    throw ExecFieldError("`published_at` must be an RFC 3339 date-time, `2017-04-05T08:00:00Z`")
                }
                result.publishedAt = instant
            }
            if let language = try string("language", in: object) { result.language = language }
            switch object["language_confidence"] {
            case nil: break
            case .null?: result.languageConfidence = nil
            case .int(let value)?: result.languageConfidence = Double(value)
            case .double(let value)?: result.languageConfidence = value
            case _?: throw ExecFieldError("`language_confidence` must be a number")
            }
        } catch let error as ExecFieldError {
            return .error("the child's answer is unusable: \(error.message)")
        } catch {
            return .error("the child's answer is unusable: \(error)")
        }
        result.fields = object.filter { !Article.recordFields.contains($0.key) }
        return .article(result)
    }

    /// The string at `key`: nil when the key is absent, `.some(nil)` for JSON null.
    private static func string(_ key: String, in object: [String: JSONValue]) throws -> String?? {
        switch object[key] {
        case nil: return nil
        case .null?: return .some(nil)
        case .string(let text)?: return .some(text)
        case _?: throw ExecFieldError("`\(key)` must be a string")
        }
    }

    /// The start of a line, for messages.
    static func preview(_ line: String) -> String {
        line.count <= 80 ? "`\(line)`" : "`\(line.prefix(80))…`"
    }
}

/// A field of a child's answer with the wrong type.
struct ExecFieldError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
