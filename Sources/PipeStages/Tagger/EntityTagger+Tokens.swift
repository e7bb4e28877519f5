extension EntityTagger {
    /// The entity mentions the tagger finds in an article's tokens, a sentence at a time.
    func mentions(_ tokens: [Token], recognizer: EntityRecognizer) -> [EntityRecognizer.Mention] {
        var mentions: [EntityRecognizer.Mention] = []
        var start = 0
        while start < tokens.count {
            var end = start + 1
            while end < tokens.count, tokens[end].sentence == tokens[start].sentence { end += 1 }
            // CoNLL's tokens, which the model learnt from, split off a possessive `'s`.
            let words = tokens[start..<end].map { EntityRecognizer.strippingPossessive(recognizer.texts[$0]) }
            for entity in CoNLLReader.entities(of: tags(words)) {
                let range = (start + entity.range.lowerBound)..<(start + entity.range.upperBound)
                mentions.append(recognizer.mention(range, type: entity.type, tokens: tokens))
            }
            start = end
        }
        return mentions
    }
}
