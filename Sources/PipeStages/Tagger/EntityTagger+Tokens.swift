extension EntityTagger {
    /// The longest run of tokens tagged at once: a longer sentence (no news sentence is near it,
    /// but a body of `"` alone is one sentence) is tagged in runs of this many, so that what the
    /// tagger holds for a run stays small whatever the body.
    static let longestRun = 512

    /// The entity mentions the tagger finds in an article's tokens, a sentence at a time.
    func mentions(_ tokens: [Token], recognizer: EntityRecognizer) -> [EntityRecognizer.Mention] {
        var mentions: [EntityRecognizer.Mention] = []
        var start = 0
        while start < tokens.count {
            var end = start + 1
            while end < tokens.count, end - start < Self.longestRun, tokens[end].sentence == tokens[start].sentence { end += 1 }
            // CoNLL's tokens, which the model learnt from, split off a possessive `'s`: cut from
            // the body without it, rather than made whole and shortened by scalars.
            let texts = recognizer.texts
            let words = tokens[start..<end].map { texts.string($0.bytes.lowerBound..<($0.bytes.upperBound - texts.possessiveByteCount($0))) }
            for entity in CoNLLReader.entities(of: tags(words)) {
                var range = (start + entity.range.lowerBound)..<(start + entity.range.upperBound)
                // A name starts with a word and ends before a quotation mark or a comma (`“Hey`).
                while !range.isEmpty, !tokens[range.lowerBound].isWord { range = range.dropFirst() }
                while !range.isEmpty, let last = range.last, !tokens[last].isWord, [",", "\"", "\u{201C}", "\u{201D}"].contains(tokens[last].symbol) {
                    range = range.dropLast()
                }
                // A sentence adverb or function word alone (`Furthermore`) is no name.
                guard !range.isEmpty, !tokens[range].allSatisfy({ $0.lexeme.flags.contains(.stopword) || !$0.isWord }) else { continue }
                mentions.append(recognizer.mention(range, type: entity.type, tokens: tokens))
            }
            start = end
        }
        return mentions
    }

    /// The tagger's mentions with the rules' anchored mentions in place of those they overlap.
    static func combined(_ tagged: [EntityRecognizer.Mention], with rules: [EntityRecognizer.Mention]) -> [EntityRecognizer.Mention] {
        let anchored = rules.filter(\.isAnchored)
        guard !anchored.isEmpty else { return tagged }
        let kept = tagged.filter { mention in !anchored.contains { $0.tokens.overlaps(mention.tokens) } }
        return (kept + anchored).sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }
    }
}
