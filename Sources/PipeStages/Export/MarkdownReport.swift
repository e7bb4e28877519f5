import PipeKit

/// One article as a readable Markdown section: headline, facts, lead, entities, quotations, dates, keywords.
struct MarkdownReport {
    let article: Article

    var text: String {
        var lines = ["## \(escape(article.title.isEmpty ? article.id : article.title))", ""]
        var facts = ["**id** `\(article.id)`"]
        if let date = article.date { facts.append("**date** \(date)") }
        if let language = article.language {
            facts.append("**language** \(language)" + (article.languageConfidence.map { " (\(Int(($0 * 100).rounded())) %)" } ?? ""))
        }
        facts.append("**words** \(article.wordCount)")
        lines.append(facts.joined(separator: " · "))
        if let url = article.url { lines.append("<\(url)>") }
        lines.append("")
        if let lead = article.paragraphTexts.first ?? article.body.split(separator: "\n\n").first.map(String.init) {
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

    /// Escapes the characters Markdown would read as formatting.
    func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]<>#|".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
