import PipeKit

/// Turns the tokens of an attribution into the speaker's name.
///
/// A phrase that holds a name gives the name as the entity recognizer resolved it (`Smith` →
/// `John Smith`): a person first, unless in the possessive (`Ryan's spokeswoman`) or in a
/// relative clause (`…, who spoke to Fox News,`), then an organisation. A pronoun stands for a
/// person named before (`he`, `she`): the first person of the latest sentence outside quotations
/// that names one, which is usually its subject; `they`, `it` and `we` stand for the previous
/// speaker. A definite organisation noun (`the ministry`) stands for the nearest organisation
/// named before with that word. Other phrases are kept as written up to their first comma,
/// without their determiner (`a senior official` → `senior official`). When the phrase names
/// nobody, the clause before the cue does: its first name or pronoun, or for a colon
/// (`he demurred: "…"`) its last.
struct SpeakerResolver {
    let tokens: [Token]
    let texts: TokenTexts
    /// The persons and organisations of the article, outside quotations.
    let mentions: [EntityRecognizer.Mention]
    /// For each token: the index in `mentions` of the name it is part of, ``noName``, or
    /// ``place`` for places and other names that are no speakers (`Washington`, `Republican`).
    private let owner: [Int32]
    /// For each token, whether it is inside a quoted piece, where no subject is looked for.
    private let isQuoted: [Bool]

    private static let noName: Int32 = -1
    private static let place: Int32 = -2

    /// A resolver over the mentions that are persons or organisations and not inside `quoted`.
    init(tokens: [Token], texts: TokenTexts, mentions: [EntityRecognizer.Mention], quoted: [TextSpan]) {
        self.tokens = tokens
        self.texts = texts
        var isQuoted = [Bool](repeating: false, count: tokens.count)
        for piece in quoted {
            guard var index = tokens.firstIndex(startingFrom: piece.start) else { continue }
            while index < tokens.count, tokens[index].span.end <= piece.end {
                isQuoted[index] = true
                index += 1
            }
        }
        // In order, for the searches by position (mentions never overlap).
        let speakers = mentions.filter { mention in
            (mention.type == .person || mention.type == .organization)
                && !tokens[mention.tokens].allSatisfy({ $0.lexeme.flags.contains(.title) || !$0.isWord })
                && !mention.tokens.allSatisfy { isQuoted[$0] }
        }.sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }
        var owner = [Int32](repeating: Self.noName, count: tokens.count)
        // Fields read through pointers: a mention taken from an array is copied whole, its text
        // retained and released.
        mentions.withUnsafeBufferPointer { mentions in
            for number in mentions.indices where mentions[number].type == .location || mentions[number].type == .misc {
                for index in mentions[number].tokens { owner[index] = Self.place }
            }
        }
        speakers.withUnsafeBufferPointer { speakers in
            for number in speakers.indices {
                for index in speakers[number].tokens { owner[index] = Int32(number) }
            }
        }
        (self.mentions, self.owner, self.isQuoted) = (speakers, owner, isQuoted)
    }

    /// How many of the mentions before a quotation a pronoun or a definite noun looks back over:
    /// a bound on the work a quotation costs, so that a body of many names and quotations is read
    /// in time linear in its length (news articles name far fewer).
    static let lookBack = 256

    /// The latest ``lookBack`` mentions that end by scalar `position`, found by binary search.
    func recent(before position: Int) -> ArraySlice<EntityRecognizer.Mention> {
        let end = Self.partition(mentions) { $0.span.end > position }
        return mentions[max(0, end - Self.lookBack)..<end]
    }

    /// The mentions that share a token with `range`.
    func overlapping(_ range: Range<Int>) -> ArraySlice<EntityRecognizer.Mention> {
        let first = Self.partition(mentions) { $0.tokens.upperBound > range.lowerBound }
        let end = Self.partition(mentions) { $0.tokens.lowerBound >= range.upperBound }
        return mentions[first..<max(first, end)]
    }

    /// The mentions that start in the sentence numbered `sentence`.
    func mentions(inSentence sentence: Int) -> ArraySlice<EntityRecognizer.Mention> {
        let first = Self.partition(mentions) { tokens[$0.tokens.lowerBound].sentence >= sentence }
        let end = Self.partition(mentions) { tokens[$0.tokens.lowerBound].sentence > sentence }
        return mentions[first..<end]
    }

    /// The first index whose mention satisfies `isAfter`, false then true along the mentions.
    private static func partition(_ mentions: [EntityRecognizer.Mention], _ isAfter: (EntityRecognizer.Mention) -> Bool) -> Int {
        var (low, high) = (0, mentions.count)
        while low < high {
            let middle = (low + high) / 2
            if isAfter(mentions[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The person or organisation the token is part of.
    func mention(at index: Int) -> EntityRecognizer.Mention? {
        owner[index] >= 0 ? mentions[Int(owner[index])] : nil
    }

    static let subjectPronouns: Set<String> = ["he", "she", "they", "it", "we"]

    static let relativeWords: Set<String> = ["who", "which", "whose", "whom", "that"]

    /// The speaker a cue names, as seen from the quotation at scalar `position`.
    func speaker(of cue: QuoteCue, at position: Int, previous: String?) -> String? {
        switch cue.kind {
        case .verb:
            name(of: cue.speaker, at: position, previous: previous, asWritten: cue.isAfterQuote)
                ?? subject(of: cue.clause, at: position, previous: previous, last: false)
        case .colon:
            // `Trump swiped at Ryan in a series of tweets: "…"` names the speaker at the start of
            // the clause; `- Jeffrey M. Jones: "…"`, `More from the report: "…"` right before the colon.
            cue.clause.first.flatMap { mention(at: $0) }.flatMap { $0.tokens.lowerBound == cue.clause.lowerBound ? $0.text : nil }
                ?? overlapping(cue.speaker).last?.text
                ?? name(of: cue.speaker, at: position, previous: previous, asWritten: false)
                ?? subject(of: cue.clause, at: position, previous: previous, last: false)
        case .clause:
            subject(of: cue.clause, at: position, previous: previous, last: false)
        }
    }

    /// The name a phrase stands for, or nil when it names nobody. `asWritten` accepts any phrase
    /// kept as written, as in the subject's place after a quotation (`"…," federal prosecutors wrote`).
    func name(of phrase: Range<Int>, at position: Int, previous: String?, asWritten: Bool) -> String? {
        let segments = segments(of: phrase)
        guard let head = segments.first else { return nil }
        let inside = segments.flatMap { overlapping($0) }
        if let mention = inside.first(where: { $0.type == .person && !isPossessive($0.tokens.upperBound - 1) }) ?? inside.first {
            return mention.text
        }
        // A pronoun right before the verb is its subject (`…," played out, he said`).
        if let last = segments.last, last.count == 1, let pronoun = pronoun(last.lowerBound, at: position, previous: previous) {
            return pronoun
        }
        let words = head.filter { tokens[$0].isWord }
        let asWritten = asWritten && segments.count == 1
        let content = words.drop { QuoteExtractor.determiners.contains(texts.lowercased(tokens[$0])) }
        let isDetermined = words.first.map { QuoteExtractor.determiners.contains(texts.lowercased(tokens[$0])) } ?? false
        // A phrase as written is a speaker when it is a determined noun phrase (`a senior official`)
        // or starts with a capital or a quantifier (`Western diplomats`, `some protesters`), not a
        // stretch of a clause (`recent days`, `discuss internal strategy`).
        guard let first = content.first, let last = content.last, content.count <= 8,
              asWritten || isDetermined || tokens[first].isCapitalized || AttributionFinder.quantifiers.contains(texts.lowercased(tokens[first])),
              content.contains(where: { !tokens[$0].lexeme.flags.contains(.stopword) }) else { return nil }
        if isDetermined, tokens[last].lexeme.flags.contains(.organizationNoun) {
            let lower = texts.lowercased(tokens[last])
            if let organization = recent(before: position).last(where: {
                $0.span.end <= position && $0.type == .organization && $0.text.lowercased().contains(lower)
            }) {
                return organization.text
            }
        }
        // `the statement concluded` after the ministry spoke: the statement is the ministry's.
        if isDetermined, tokens[last].lexeme.flags.contains(.communicationNoun), let previous,
           recent(before: position).contains(where: { $0.type == .organization && $0.text == previous }) {
            return previous
        }
        return content.map { texts[tokens[$0]] }.joined(separator: " ")
    }

    /// The parts of a phrase between its commas, leaving out relative clauses (`who was …`).
    func segments(of phrase: Range<Int>) -> [Range<Int>] {
        var segments: [Range<Int>] = []
        var start = phrase.lowerBound
        for index in phrase where index == phrase.upperBound - 1 || tokens[index + 1].isMark(",") || tokens[index].isMark(",") {
            guard !tokens[index].isMark(",") else {
                start = index + 1
                continue
            }
            let segment = start..<(index + 1)
            if let first = segment.first, !Self.relativeWords.contains(texts.lowercased(tokens[first])) { segments.append(segment) }
        }
        return segments.filter { !$0.isEmpty }
    }

    /// The first (or last) name or pronoun of a clause: the subject of `Dottie Deans, the chairwoman
    /// of the party, is supporting Sanders and credited him for "…"`.
    func subject(of clause: Range<Int>, at position: Int, previous: String?, last: Bool) -> String? {
        let indices = (last ? Array(clause.reversed()) : Array(clause)).filter { !isQuoted[$0] }
        if let phrase = determinedPhrase(at: clause.lowerBound, limit: clause.upperBound) { return phrase }
        for index in indices {
            if let mention = mention(at: index) { return mention.text }
            if tokens[index].lexeme.flags.contains(.stopword), Self.subjectPronouns.contains(texts.lowercased(tokens[index])),
               let pronoun = pronoun(index, at: position, previous: previous) {
                return pronoun
            }
        }
        // A name the recognizer missed: `Hunter, meanwhile, told Politico`.
        for index in indices where isName(index) && owner[index] != Self.place {
            var (start, end) = (index, index + 1)
            while start > clause.lowerBound, isName(start - 1) { start -= 1 }
            while end < clause.upperBound, isName(end) { end += 1 }
            return (start..<end).map { texts[tokens[$0]] }.joined(separator: " ")
        }
        return nil
    }

    /// The noun phrase a clause opens with a determiner, as written and without the determiner,
    /// when it holds no person or organisation: `The Florida senator` in `The Florida senator is
    /// telling reporters "…"`. It ends at its first lower-case word that another lower-case word
    /// or a function word follows.
    func determinedPhrase(at start: Int, limit: Int) -> String? {
        guard start < limit, tokens[start].isWord, ["the", "a", "an"].contains(texts.lowercased(tokens[start])) else { return nil }
        var end = start + 1
        while end < limit, tokens[end].isWord, !AttributionFinder.phraseEnds.contains(texts.lowercased(tokens[end])) {
            end += 1
            if !tokens[end - 1].isCapitalized, end < limit,
               !tokens[end].isWord || (!tokens[end].isCapitalized && !texts.isWord(tokens[end], "of")) {
                break
            }
        }
        guard end > start + 1, !tokens[end - 1].isCapitalized || end - start > 2,
              overlapping(start..<end).isEmpty else { return nil }
        return ((start + 1)..<end).map { texts[tokens[$0]] }.joined(separator: " ")
    }

    /// A capitalised word that is no function word, title, month or weekday, nor a verb or adverb
    /// capitalised at the start of a sentence (`Weighing in on …`).
    func isName(_ index: Int) -> Bool {
        let token = tokens[index]
        guard token.isWord, token.isCapitalized, token.lexeme.month == 0, token.lexeme.weekday == 0,
              token.lexeme.flags.isDisjoint(with: [.stopword, .title, .titleBeforeDot]) else { return false }
        if token.startsSentence, let key = token.key?.string, key.hasSuffix("ing") || key.hasSuffix("ly") { return false }
        // `He's`, `It's`, `I've`: a pronoun with a contraction.
        return !texts.isContractedFunctionWord(token)
    }

    /// What a pronoun token stands for; nil when the token is no pronoun or names nobody.
    func pronoun(_ index: Int, at position: Int, previous: String?) -> String? {
        switch texts.lowercased(tokens[index]) {
        case "he", "him":
            person(before: position, unlike: WordLists.femaleFirstNames, previous: previous)
        case "she", "her":
            person(before: position, unlike: WordLists.maleFirstNames, previous: previous)
        case "they", "it", "we":
            previous ?? recent(before: position).last { $0.type == .organization }?.text
        default:
            nil
        }
    }

    /// The previous speaker when that is a person whose first name (or title) is not in
    /// `otherGender`; else the first such person of the latest sentence before `position` that
    /// names one.
    func person(before position: Int, unlike otherGender: Set<String>, previous: String?) -> String? {
        func fits(_ mention: EntityRecognizer.Mention) -> Bool {
            guard mention.type == .person else { return false }
            let title = mention.tokens.lowerBound > 0 ? texts[tokens[mention.tokens.lowerBound - 1]] : ""
            let text = mention.text
            let first = text[..<(text.utf8.firstIndex(of: UInt8(ascii: " ")) ?? text.endIndex)]
            return !otherGender.contains(String(first)) && !otherGender.contains(title)
        }
        if let previous, let speaker = recent(before: position).last(where: { $0.text == previous }), fits(speaker) {
            return previous
        }
        if let subject = sentenceSubject(before: position, fits: fits) { return subject }
        guard let latest = recent(before: position).last(where: fits) else { return nil }
        return mentions(inSentence: tokens[latest.tokens.lowerBound].sentence).first(where: fits)?.text
    }

    /// The name that opens one of the last few sentences before `position` and is followed by a
    /// verb (`Ham went on to explain …`, `Podesta reiterated …`): the subject a pronoun continues.
    /// Sentences that open with a pronoun continue the chain; a person of the other gender ends it.
    func sentenceSubject(before position: Int, fits: (EntityRecognizer.Mention) -> Bool) -> String? {
        guard var index = tokens.lastIndex(endingBy: position) else { return nil }
        for _ in 0..<3 {
            let sentence = tokens[index].sentence
            var first = tokens.firstIndex(ofSentence: sentence)
            while first < index, !tokens[first].isWord { first += 1 }
            if let mention = mention(at: first), mention.tokens.lowerBound == first {
                return fits(mention) ? mention.text : nil
            }
            // A sentence that names a person elsewhere leaves the choice to the nearest person.
            if mentions(inSentence: sentence).contains(where: fits) { return nil }
            if isName(first) {
                var end = first
                while end < index, isName(end) { end += 1 }
                if end < index, tokens[end].isWord, !tokens[end].isCapitalized, !tokens[end].lexeme.flags.contains(.stopword) {
                    return (first..<end).map { texts[tokens[$0]] }.joined(separator: " ")
                }
            }
            guard first > 0 else { return nil }
            index = first - 1
        }
        return nil
    }

    func isPossessive(_ index: Int) -> Bool {
        if texts.possessiveByteCount(tokens[index]) > 0 { return true }
        return index + 1 < tokens.count && (tokens[index + 1].symbol == "'" || tokens[index + 1].symbol == "\u{2019}")
    }
}
