import PipeKit

/// Where a quotation's attribution is: the cue (a speech verb or the colon that introduces the
/// quote) and the tokens that name the speaker.
struct QuoteCue: Equatable {
    /// What introduces the quotation.
    enum Kind: Equatable {
        /// A speech verb: `said`, `told`, `according (to)`.
        case verb
        /// A colon right before the quote, after a verb the lists do not know: `he demurred: "…"`.
        case colon
        /// Nothing but the clause the quote is part of: `Clinton compared him to a duck, "…"`.
        case clause
    }

    var kind: Kind
    /// The index of the cue's token (for `clause`, the quotation mark).
    var cue: Int
    /// The tokens naming the speaker; empty when only the sentence's subject can tell.
    var speaker: Range<Int>
    /// The tokens of the clause before the cue, where the sentence's subject is looked for when
    /// `speaker` names nobody.
    var clause: Range<Int>
    /// Whether the cue is in the sentence before the quotation's (which opens its own sentence).
    var isInSentenceBefore = false
    /// Whether the cue follows the quotation.
    var isAfterQuote = false
}

/// Finds the attribution of a quoted piece in its own sentence: right after the closing mark
/// (`"…," she said`, `"…," said the minister`, `"…," according to the UN`) or before the
/// opening one (`Smith said: "…"`, `Smith told reporters the plan was "…"`, `says Carl Anthony,
/// a historian, "…"`).
struct AttributionFinder {
    let tokens: [Token]
    let texts: TokenTexts

    /// How many tokens after the closing mark the speech verb may be.
    static let windowAfter = 20

    /// The attribution that follows the piece's closing mark in the same sentence, or in the next
    /// one when the quotation ended it with `?` or `!` (`"Is that all?" Trump said.`). After a
    /// quotation that ends with a comma, a name and a verb the lists do not know also attribute
    /// it (`"…," Trump barked`); so does a dash and a name (`"…" ― Martha Aguilar`).
    func after(_ piece: QuotedPiece) -> QuoteCue? {
        guard let closing = piece.closing, let mark = tokens.lastIndex(endingBy: closing + 1),
              var start = tokens.firstIndex(startingFrom: closing + 1) else { return nil }
        var sentence = tokens[mark].sentence
        let endsWithComma = mark > 0 && tokens[mark - 1].isMark(",")
        let endsWithQuestion = tokens[max(0, mark - 3)..<mark].contains { $0.isMark("?") || $0.isMark("!") }
        if tokens[start].sentence != sentence, endsWithQuestion || isDash(start) || isShortAttribution(from: start) {
            sentence = tokens[start].sentence
        }
        if isDash(start), start + 1 < tokens.count, tokens[start + 1].isCapitalized {
            let phrase = phrase(after: start, limit: min(tokens.count, start + 8))
            if !phrase.isEmpty { return QuoteCue(kind: .verb, cue: start, speaker: phrase, clause: phrase) }
        }
        while start < tokens.count, tokens[start].kind == .punctuation, Self.leadIns.contains(tokens[start].symbol) { start += 1 }
        var end = start
        while end < tokens.count, end - start < Self.windowAfter, tokens[end].sentence == sentence, !isQuoteMark(end) { end += 1 }
        guard let verb = (start..<end).first(where: isSpeechVerb) else {
            return endsWithComma ? unknownVerb(from: start, limit: end) : nil
        }
        if verb > start, !isAccording(verb), opensNounPhrase(start), (start..<verb).allSatisfy(isSubjectToken),
           !texts.isWord(tokens[verb - 1], "and") {
            return QuoteCue(kind: .verb, cue: verb, speaker: trimmedSubject(start..<verb), clause: start..<verb, isAfterQuote: true)
        }
        // `"…," said John Smith`, `"…" for the EU, said Geert Wilders`, `"…," according to the UN`;
        // not `"…," noting …`, a participle of the sentence's own verb.
        guard verb == start || tokens[verb - 1].isMark(",") || isAccording(verb),
              !isParticiple(verb) else { return nil }
        let phrase = phrase(after: verb, limit: end)
        return phrase.isEmpty ? nil : QuoteCue(kind: .verb, cue: verb, speaker: phrase, clause: phrase)
    }

    /// Whether the sentence at `start` is only an attribution: a few words with a speech verb (`Trump said.`).
    func isShortAttribution(from start: Int) -> Bool {
        let end = tokens.endIndex(ofSentence: tokens[start].sentence)
        return end - start <= 8 && (start..<end).contains(where: isSpeechVerb)
    }

    /// `Trump barked`, `he gushed`: a name or a pronoun followed by a lower-case word that is no
    /// function word, right after a quotation ending with a comma.
    func unknownVerb(from start: Int, limit: Int) -> QuoteCue? {
        guard start < limit, tokens[start].isWord else { return nil }
        var verb = start + 1
        if !Self.pronouns.contains(texts.lowercased(tokens[start])) {
            guard tokens[start].isCapitalized else { return nil }
            while verb < limit, tokens[verb].isWord, tokens[verb].isCapitalized { verb += 1 }
        }
        guard verb < limit, tokens[verb].isWord, !tokens[verb].isCapitalized, !tokens[verb].lexeme.flags.contains(.stopword) else { return nil }
        return QuoteCue(kind: .verb, cue: verb, speaker: start..<verb, clause: start..<verb)
    }

    /// The attribution before the piece's opening mark, not reaching back past token `limit` (the
    /// end of the previous quoted piece): in the piece's sentence, or when the piece opens its
    /// sentence, in the sentence before it in the same paragraph (`Lau said in a statement. "…"`).
    func before(_ piece: QuotedPiece, limit: Int, paragraphStart: Int) -> QuoteCue? {
        guard let mark = tokens.lastIndex(endingBy: piece.opening + 1), mark > limit + 1 else { return nil }
        let sentence = tokens[mark].sentence
        var first = mark
        while first > limit + 1, tokens[first - 1].sentence == sentence, !isQuoteMark(first - 1) { first -= 1 }
        var end = mark
        if first == mark {
            // The sentence before, when it is in the same paragraph and holds no quotation.
            guard tokens[mark - 1].span.start >= paragraphStart else { return nil }
            end = mark - 1
            first = tokens.firstIndex(ofSentence: tokens[end].sentence)
            guard first > limit, !(first..<end).contains(where: isQuoteMark) else { return nil }
        }
        guard first < end else { return nil }
        let clause = first..<end
        if end < mark {
            guard var cue = before(clause: clause, mark: mark) else { return nil }
            cue.isInSentenceBefore = true
            return cue
        }
        return before(clause: clause, mark: mark)
    }

    /// The cue in the tokens `clause` before a quotation that opens at token `mark`.
    private func before(clause: Range<Int>, mark: Int) -> QuoteCue? {
        let (first, end) = (clause.lowerBound, clause.upperBound)
        // The nearest speech verb, but not a progressive (`Fox executives were calling "…"`).
        // A verb that opens the clause with no name after it introduces no speaker (`Asked about
        // the budget, the mayor demurred: "…"`).
        if let verb = clause.reversed().first(where: {
            isSpeechVerb($0) && !(isParticiple($0) && $0 > first && isAuxiliary($0 - 1))
                && !($0 == first && $0 + 1 < end && !tokens[$0 + 1].isCapitalized && !isAccording($0))
        }) {
            let inverted = (verb == first || tokens[verb - 1].kind == .punctuation) && !isParticiple(verb)
            if isAccording(verb) || (inverted && verb + 1 < end && tokens[verb + 1].isCapitalized) {
                let phrase = phrase(after: verb, limit: end)
                if !phrase.isEmpty { return QuoteCue(kind: .verb, cue: verb, speaker: phrase, clause: first..<verb) }
            }
            let subject = subject(before: verb, from: first)
            if subject.isEmpty || isParticiple(verb) {
                // `…, adding "…"`, `an ad calling it "…"`, `… and tells the crowd "…"`: the
                // subject is the sentence's.
                let start = tokens.firstIndex(ofSentence: tokens[verb].sentence)
                return QuoteCue(kind: .verb, cue: verb, speaker: verb..<verb, clause: start..<verb)
            }
            return QuoteCue(kind: .verb, cue: verb, speaker: subject, clause: first..<verb)
        }
        if tokens[end - 1].isMark(":") {
            return QuoteCue(kind: .colon, cue: end - 1, speaker: subject(before: end - 1, from: first), clause: first..<end - 1)
        }
        return QuoteCue(kind: .clause, cue: mark, speaker: mark..<mark, clause: clause)
    }

    // MARK: Phrases

    /// Marks that may stand between a closing quotation mark and its attribution.
    static let leadIns: Set<Unicode.Scalar> = [",", "\u{2014}", "\u{2013}", "-"]

    /// Words that may stand between a subject and its verb: `Cardin also said`, `He has said`.
    static let betweenSubjectAndVerb: Set<String> = [
        "also", "later", "then", "again", "previously", "recently", "once", "has", "had", "have", "was", "is",
        "would", "will", "further", "repeatedly", "often", "reportedly", "publicly", "privately", "simply",
        "flatly", "quickly", "first", "never", "even", "only", "just", "still", "separately", "similarly",
    ]

    /// The words right before the verb that can be its subject: back over a few adverbs, weekdays
    /// and auxiliaries next to the verb, then over names, nouns, determiners and `of` up to a
    /// punctuation mark or another function word; a pronoun is a whole subject.
    func subject(before verb: Int, from first: Int) -> Range<Int> {
        var end = verb
        while end > first, isBetweenSubjectAndVerb(end - 1) { end -= 1 }
        var start = end
        while start > first, end - start < 10, isPhraseToken(start - 1) {
            let token = tokens[start - 1]
            if token.isWord {
                let lower = texts.lowercased(token)
                if Self.pronouns.contains(lower) {
                    if start == end { start -= 1 }
                    break
                }
                if Self.phraseEnds.contains(lower), lower != "of" { break }
            }
            start -= 1
        }
        return start..<end
    }

    static let pronouns: Set<String> = ["he", "she", "they", "it", "we", "i", "you"]

    /// Words that may open a speaker's phrase without a determiner: `some protesters`.
    static let quantifiers: Set<String> = ["some", "many", "several", "one", "another", "both", "all", "most", "few", "other", "others", "each"]

    /// The speaker named after an inverted verb: `said John Smith, a spokesman`, `according to
    /// the ministry`; it stops at a comma, a clause word or a preposition.
    func phrase(after verb: Int, limit: Int) -> Range<Int> {
        var start = verb + 1
        if isAccording(verb) {
            guard start < limit, texts.isWord(tokens[start], "to") else { return start..<start }
            start += 1
        }
        var end = start
        while end < limit, isPhraseToken(end) {
            let token = tokens[end]
            if token.isWord, token.lexeme.weekday > 0 || token.lexeme.month > 0 { break }
            if token.isWord, Self.phraseEnds.contains(texts.lowercased(token)), !(end > start && texts.isWord(token, "of")) { break }
            end += 1
        }
        return start..<end
    }

    /// A subject found after the closing mark, without the words that ended up between it and the verb.
    func trimmedSubject(_ range: Range<Int>) -> Range<Int> {
        var end = range.upperBound
        while end > range.lowerBound, isBetweenSubjectAndVerb(end - 1) { end -= 1 }
        return range.lowerBound..<end
    }

    // MARK: Token tests

    /// An adverb, weekday or auxiliary that may stand between a subject and its verb.
    func isBetweenSubjectAndVerb(_ index: Int) -> Bool {
        let token = tokens[index]
        guard token.isWord, !token.isCapitalized || token.lexeme.weekday > 0 else { return false }
        let lower = texts.lowercased(token)
        return token.lexeme.weekday > 0 || Self.betweenSubjectAndVerb.contains(lower) || (lower.hasSuffix("ly") && lower.count > 4)
    }

    /// Whether the token is a speech verb: in the list, and in lower case unless it starts its
    /// sentence (`United States` holds no verb).
    func isSpeechVerb(_ index: Int) -> Bool {
        let token = tokens[index]
        return token.isWord && token.lexeme.flags.contains(.speechVerb) && (!token.isCapitalized || token.startsSentence)
    }

    func isQuoteMark(_ index: Int) -> Bool {
        tokens[index].kind == .punctuation && QuotedPiece.isMark(tokens[index].symbol)
    }

    /// Words that end a noun phrase or cannot start one: prepositions, conjunctions, clause words
    /// and a few adverbs.
    static let phraseEnds: Set<String> = [
        "for", "of", "in", "on", "at", "by", "with", "from", "to", "into", "about", "after", "before", "once", "while",
        "when", "as", "since", "until", "because", "than", "over", "under", "during", "and", "but", "or", "if", "that",
        "not", "so", "then", "also", "even", "just", "only", "though", "although", "where", "which", "who", "whom",
        "whose", "is", "was", "are", "were", "has", "had", "have", "will", "would", "said", "says", "told", "there",
    ]

    /// Whether a noun phrase can start at the token: a word that is no preposition, conjunction or clause word.
    func opensNounPhrase(_ index: Int) -> Bool {
        tokens[index].isWord && !Self.phraseEnds.contains(texts.lowercased(tokens[index]))
    }

    /// Whether the token is a present participle: `adding`, `saying`.
    func isParticiple(_ index: Int) -> Bool {
        let lower = texts.lowercased(tokens[index])
        return lower.hasSuffix("ing") && lower != "according"
    }

    func isAuxiliary(_ index: Int) -> Bool {
        ["is", "are", "was", "were", "be", "been", "am", "'s", "\u{2019}s"].contains(texts.lowercased(tokens[index]))
    }

    func isAccording(_ index: Int) -> Bool {
        texts.lowercased(tokens[index]) == "according"
    }

    /// Whether the token is a dash: `-`, `–`, `—`, `―`.
    func isDash(_ index: Int) -> Bool {
        index < tokens.count && tokens[index].kind == .punctuation && ["-", "\u{2013}", "\u{2014}", "\u{2015}"].contains(tokens[index].symbol)
    }

    /// Tokens a subject after the closing mark may hold: words, the commas of an apposition,
    /// brackets, and the dots and hyphens inside names.
    func isSubjectToken(_ index: Int) -> Bool {
        let token = tokens[index]
        return token.isWord || [",", "(", ")", ".", "-", "\u{2019}", "'"].contains(token.symbol)
    }

    /// Whether the token continues a name-like phrase: a word, or a dot right after an
    /// abbreviation (`Rep. Jim Clyburn`) that a capitalised word follows.
    func isPhraseToken(_ index: Int) -> Bool {
        let token = tokens[index]
        if token.isWord { return true }
        guard token.symbol == ".", index > 0, tokens[index - 1].span.end == token.span.start else { return false }
        let after = index + 1
        return after < tokens.count && tokens[after].sentence == token.sentence && tokens[after].isCapitalized
    }
}
