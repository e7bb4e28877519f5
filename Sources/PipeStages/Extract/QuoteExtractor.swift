import PipeKit

/// Finds direct quotations in straight, curly or guillemet quotes and the speaker the sentence names.
///
/// The attribution is looked for right after the closing mark (`"…," the ministry stated`,
/// `"…," said John Smith`) and then right before the opening one (`Smith said: "…"`). A speaker
/// that is an entity's short form resolves to its full name; a definite generic phrase resolves
/// to what it stands for: an organisation noun (`the ministry`) to the nearest organisation named
/// before with that word, a communication noun (`the statement`) to the previous quotation's
/// speaker, a person noun or a pronoun to the nearest person named before.
struct QuoteExtractor: Sendable {
    /// Quotations shorter than this many words are taken for scare quotes and left out.
    static let minimumWords = 3

    /// The texts of the tokens.
    let texts: TokenTexts

    func extract(_ article: Article, tokens: [Token], scalars: [Unicode.Scalar], mentions: [EntityRecognizer.Mention]) -> [Quote] {
        let paragraphs = article.paragraphs.isEmpty ? [TextSpan(start: 0, end: scalars.count)] : article.paragraphs
        var quotes: [Quote] = []
        var previousSpeaker: String?
        for paragraph in paragraphs {
            for span in quotedSpans(in: scalars, paragraph: paragraph) {
                var content = span
                while content.end > content.start, [",", " "].contains(scalars[content.end - 1]) {
                    content = TextSpan(start: content.start, end: content.end - 1)
                }
                guard Self.wordCount(scalars[content.start..<content.end]) >= Self.minimumWords else { continue }
                let text = String(scalars: scalars[content.start..<content.end])
                let speaker = attribution(after: span.end + 1, before: span.start - 1, tokens: tokens)
                    .flatMap { resolve($0, at: span.start, mentions: mentions, previous: previousSpeaker) }
                quotes.append(Quote(text: text, speaker: speaker, span: content))
                if let speaker { previousSpeaker = speaker }
            }
        }
        return quotes
    }

    /// The spans inside quotation marks in one paragraph, marks excluded.
    func quotedSpans(in scalars: [Unicode.Scalar], paragraph: TextSpan) -> [TextSpan] {
        var spans: [TextSpan] = []
        var open: (index: Int, closer: Unicode.Scalar)?
        for index in paragraph.start..<paragraph.end {
            let scalar = scalars[index]
            if let current = open {
                if scalar == current.closer {
                    if index > current.index + 1 { spans.append(TextSpan(start: current.index + 1, end: index)) }
                    open = nil
                }
            } else if scalar == "\"" {
                open = (index, "\"")
            } else if scalar == "\u{201C}" {
                open = (index, "\u{201D}")
            } else if scalar == "\u{AB}" {
                open = (index, "\u{BB}")
            }
        }
        return spans.map { span in
            var trimmed = span
            while trimmed.start < trimmed.end, scalars[trimmed.start] == " " || scalars[trimmed.start] == "\u{A0}" {
                trimmed = TextSpan(start: trimmed.start + 1, end: trimmed.end)
            }
            while trimmed.end > trimmed.start, scalars[trimmed.end - 1] == " " || scalars[trimmed.end - 1] == "\u{A0}" {
                trimmed = TextSpan(start: trimmed.start, end: trimmed.end - 1)
            }
            return trimmed
        }
    }

    static let determiners: Set<String> = ["the", "a", "an", "this", "that", "his", "her", "its", "their", "our"]
    static let definites: Set<String> = ["the", "this", "that", "its", "their", "his", "her"]

    /// The number of words (runs of scalars other than the space) in a quotation.
    static func wordCount(_ scalars: ArraySlice<Unicode.Scalar>) -> Int {
        var count = 0, inWord = false
        for scalar in scalars {
            if scalar == " " {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }

    /// The speaker phrase (as tokens) named right after the closing mark or right before the opening one.
    func attribution(after end: Int, before start: Int, tokens: [Token]) -> [Token]? {
        let quoteSentence = tokens.lastIndex(endingBy: end).map { tokens[$0].sentence }
        if let next = tokens.firstIndex(startingFrom: end) {
            var index = next
            while index < tokens.count, tokens[index].kind == .punctuation, [",", "\u{2014}", "-"].contains(tokens[index].symbol) {
                index += 1
            }
            let window = Array(tokens[index..<min(tokens.count, index + 10)].prefix { $0.sentence == quoteSentence })
            if let verb = window.firstIndex(where: { $0.lexeme.flags.contains(.speechVerb) }) {
                if verb > 0, window[..<verb].allSatisfy(\.isWord) {
                    return Array(window[..<verb])
                }
                if verb == 0 {
                    let rest = window.dropFirst().prefix { $0.isWord && !texts.isWord($0, "that") }
                    let phrase = window.first.map(texts.lowercased) == "according"
                        ? Array(rest.drop { texts.lowercased($0) == "to" }) : Array(rest)
                    if !phrase.isEmpty { return phrase }
                }
            }
        }
        if let previous = tokens.lastIndex(endingBy: start + 1) {
            var index = previous
            while index >= 0, tokens[index].kind == .punctuation { index -= 1 }
            guard index >= 0 else { return nil }
            let sentence = tokens[index].sentence
            var verb = index
            while verb >= 0, tokens[verb].sentence == sentence, !tokens[verb].lexeme.flags.contains(.speechVerb) {
                if index - verb > 4 { return nil }
                verb -= 1
            }
            guard verb > 0, tokens[verb].sentence == sentence else { return nil }
            var first = verb
            while first > 0, tokens[first - 1].isWord, tokens[first - 1].sentence == sentence, verb - first < 6 {
                first -= 1
            }
            let phrase = Array(tokens[first..<verb])
            return phrase.isEmpty ? nil : phrase
        }
        return nil
    }

    /// The name a speaker phrase stands for.
    func resolve(_ phrase: [Token], at position: Int, mentions: [EntityRecognizer.Mention], previous: String?) -> String? {
        let isDefinite = phrase.first.map { Self.definites.contains(texts.lowercased($0)) } ?? false
        let words = phrase.drop { Self.determiners.contains(texts.lowercased($0)) }
        guard let head = words.last else { return nil }
        let lower = texts.lowercased(head)
        let before = mentions.lazy.filter { $0.span.end <= position }
        if let mention = mentions.first(where: { $0.span.start <= head.span.start && head.span.end <= $0.span.end }) {
            return mention.text
        }
        switch lower {
        case "he", "she", "him":
            return before.last { $0.type == .person }?.text
        case "they", "it":
            return previous ?? before.last { $0.type == .organization }?.text
        default:
            break
        }
        if isDefinite, head.lexeme.flags.contains(.organizationNoun) {
            return before.last { $0.type == .organization && $0.text.lowercased().contains(lower) }?.text
                ?? before.last { $0.type == .organization }?.text
        }
        if isDefinite, head.lexeme.flags.contains(.communicationNoun) {
            return previous ?? before.last { $0.type == .organization }?.text
        }
        if isDefinite, head.lexeme.flags.contains(.personNoun) {
            return before.last { $0.type == .person }?.text
        }
        let text = words.map { texts[$0] }.joined(separator: " ")
        return text.isEmpty || words.allSatisfy({ $0.lexeme.flags.contains(.stopword) }) ? nil : text
    }
}
