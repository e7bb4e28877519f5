import PipeKit

/// One article as a readable Markdown section: headline, facts, lead, entities, quotations, dates, keywords.
struct MarkdownReport {
    let article: Article

    var text: String {
        var lines = ["## \(escape(article.title.isEmpty ? article.id : article.title))", ""]
        var facts = ["**id** \(escape(article.id))"]
        if let date = article.date { facts.append("**date** \(date)") }
        if let language = article.language {
            facts.append("**language** \(language)" + (article.languageConfidence.map { " (\(Int(($0 * 100).rounded())) %)" } ?? ""))
        }
        facts.append("**words** \(article.wordCount)")
        lines.append(facts.joined(separator: " · "))
        if let url = article.url {
            // An autolink ends at `>` or white space: a URL holding one is shown as text.
            let isPlain = !url.unicodeScalars.contains { $0 == "<" || $0 == ">" || $0.properties.isWhitespace || $0.value < 0x20 }
            lines.append(isPlain ? "<\(url)>" : escape(url))
        }
        lines.append("")
        // The first paragraph alone is cut from the body.
        let firstParagraph = article.paragraphs.lazy.compactMap { $0.text(in: article.body) }.first
        if let lead = firstParagraph ?? article.body.split(separator: "\n\n").first.map(String.init) {
            lines.append("> " + escape(lead))
            lines.append("")
        }
        if let entities = article.entities, !entities.isEmpty {
            lines.append("**Entities**")
            lines.append("")
            for type in EntityType.allCases {
                let names = entities.filter { $0.type == type }.map { $0.count > 1 ? "\(escape($0.text)) ×\($0.count)" : escape($0.text) }
                if !names.isEmpty { lines.append("- \(type.rawValue): " + names.joined(separator: ", ")) }
            }
            lines.append("")
        }
        if let quotes = article.quotes, !quotes.isEmpty {
            lines.append("**Quotations**")
            lines.append("")
            for quote in quotes {
                lines.append("- “\(escape(quote.text))” — \(quote.speaker.map(escape) ?? "unattributed")")
            }
            lines.append("")
        }
        if let dates = article.dates, !dates.isEmpty {
            lines.append("**Dates**: " + dates.map { $0.text == $0.valueText ? $0.valueText : "\(escape($0.text)) (\($0.valueText))" }
                .joined(separator: ", "))
            lines.append("")
        }
        if let keywords = article.keywords, !keywords.isEmpty {
            lines.append("**Keywords**: " + keywords.map { escape($0.text) }.joined(separator: ", "))
            lines.append("")
        }
        if let translation = article.translation, translation.from != translation.to {
            lines.append("*Translated \(translation.from)→\(translation.to) by `\(translation.backend)`.*")
            lines.append("")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Escapes the characters Markdown would read as formatting, and writes line breaks as
    /// spaces: every text goes on one line of the report, so that an id, a title or a quotation
    /// can add no heading, list, HTML block or code of its own.
    ///
    /// They are ASCII, so the text is searched byte by byte, and most texts, which hold none, are
    /// returned as they are: by `Character`, with a search of the list for each, the escaping took
    /// two fifths of the report's time.
    func escape(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { utf8 in
            guard utf8.contains(where: Self.isFormatting) else { return text }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(utf8.count + 8)
            for byte in utf8 {
                if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                    escaped.append(UInt8(ascii: " "))
                    continue
                }
                if Self.isFormatting(byte) { escaped.append(UInt8(ascii: "\\")) }
                escaped.append(byte)
            }
            return String(decoding: escaped, as: UTF8.self)
        }
    }

    /// Whether `byte` is one of ``\`*_[]<>#|``, or a line break.
    private static func isFormatting(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "#"), UInt8(ascii: "|"):
            true
        default:
            false
        }
    }
}
