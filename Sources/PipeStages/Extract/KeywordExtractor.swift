import Foundation
import PipeKit

/// Picks an article's keywords with YAKE (Campos et al., 2020), an unsupervised score that needs
/// no corpus statistics.
///
/// Each word that is not a stopword gets five features: how often it is capitalised or an acronym
/// (casing), how early it first appears (position), its frequency against the article's mean and
/// spread (frequency), how many different words stand beside it (relatedness: words with many
/// neighbours are like stopwords), and in how many sentences it appears. Its score is
/// `relatedness × position / (casing + frequency / relatedness + sentences / relatedness)`.
/// Candidate phrases are runs of one to three such words within a sentence; a phrase scores
/// `Π word scores / (its frequency × (1 + Σ word scores))`. Lower is better; a phrase that repeats
/// a better one (holds its words or shares more than half of the shorter's, plurals and
/// possessives folded) is skipped. Only `of` may stand inside a phrase; months, weekdays, number
/// words and the commonest news verbs are no keywords.
struct KeywordExtractor: Sendable {
    let maximumLength = 3
    /// The texts of the tokens.
    let texts: TokenTexts

    /// What is counted of one distinct word: plain 32-bit numbers (52 bytes a word, allocated for
    /// every token), so that updating them in the array costs no reference counting. Its text is
    /// made only if it ends up in a keyword, from the token of its first occurrence. A stopword
    /// has only `firstToken` and `isStopword`: its counts stay zero, as no score reads them.
    private struct WordStats {
        var firstToken: Int32 = 0
        var isStopword = false
        var frequency: Int32 = 0
        var capitalized: Int32 = 0
        var acronym: Int32 = 0
        var sentenceCount: Int32 = 0
        var lastSentence: Int32 = -1
        /// The sentence of the occurrence in the middle (the median position); content words only.
        var medianSentence: Int32 = 0
        /// Occurrences seen so far in the second pass.
        var seen: Int32 = 0
        /// Neighbour counts: all of them and the distinct ones, on each side.
        var left: Int32 = 0, right: Int32 = 0, distinctLeft: Int32 = 0, distinctRight: Int32 = 0

        var diversity: Double {
            (left == 0 ? 0 : Double(distinctLeft) / Double(left)) + (right == 0 ? 0 : Double(distinctRight) / Double(right))
        }
    }

    /// A candidate phrase: up to three word ids packed into `key`, 21 bits each, first word highest.
    private struct Phrase {
        var key: UInt64
        var length: Int
        var frequency = 1
        /// The token index of its first occurrence.
        var first: Int
        /// The product and the sum of its words' scores, worked out as it is first met.
        var product: Double
        var sum: Double
        var score = 0.0

        /// The word id at `position` (0 for the first word).
        func id(at position: Int) -> Int {
            Int((key >> UInt64(21 * (length - 1 - position))) & 0x1F_FFFF) - 1
        }
    }

    func extract(_ tokens: [Token], count: Int) -> [Keyword] {
        guard count > 0 else { return [] }
        let sentenceCount = (tokens.last?.sentence ?? 0) + 1
        var distinct = 0, contentCount = 0
        // At most one distinct word per token: room is made once, so the counting loop works on
        // buffers without reallocation or uniqueness checks, and it initializes only what it uses
        // (a word's statistics when the word is new), instead of filling every place first.
        var tokenIDs: [Int] = [], contentTokens: [Int32] = []
        let words = [WordStats](unsafeUninitializedCapacity: tokens.count) { words, wordCount in
            // The word id of every token, or -1 for numbers and punctuation.
            tokenIDs = [Int](unsafeUninitializedCapacity: tokens.count) { tokenIDs, idCount in
                // The places of the tokens of content words (no stopwords), in order.
                contentTokens = [Int32](unsafeUninitializedCapacity: tokens.count) { content, count in
                    tokens.withUnsafeBufferPointer { tokens in
                        (distinct, contentCount) = tally(tokens, into: words, ids: tokenIDs, content: content)
                    }
                    count = contentCount
                }
                idCount = tokens.count
            }
            wordCount = distinct
        }
        var content: [Int] = []
        content.reserveCapacity(words.count)
        for id in words.indices where !words[id].isStopword { content.append(id) }
        guard !content.isEmpty else { return [] }
        let frequencies = content.map { Double(words[$0].frequency) }
        let mean = frequencies.reduce(0, +) / Double(frequencies.count)
        let deviation = (frequencies.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(frequencies.count)).squareRoot()
        let maxFrequency = frequencies.max() ?? 1
        var wordScore = [Double](repeating: 1, count: words.count)
        let positions = Self.positionWeights
        for id in content {
            let word = words[id]
            let frequency = Double(word.frequency)
            let capitals = max(word.capitalized, word.acronym)
            let casing = capitals == 0 ? 0 : Double(capitals) / (1 + log(frequency))
            let position = positions.indices.contains(Int(word.medianSentence))
                ? positions[Int(word.medianSentence)] : Self.positionWeight(Int(word.medianSentence))
            let normalized = frequency / (mean + deviation)
            let relatedness = 1 + word.diversity * frequency / maxFrequency
            let spread = Double(word.sentenceCount) / Double(sentenceCount)
            wordScore[id] = relatedness * position / (casing + normalized / relatedness + spread / relatedness)
        }

        // Phrases are listed in the order of their first place and then their length: a content
        // word's one-word phrase where it first occurs, the longer ones at each of its places,
        // counted by key. Room is made once for every phrase there can be: each content token
        // starts at most one of each length.
        var phrases: [Phrase] = []
        phrases.reserveCapacity(content.count + (maximumLength - 1) * contentTokens.count)
        var phraseIndex = ScratchIndex<UInt64>(capacity: tokens.count / 2)
        // The index in `phrases` of each longer phrase, by its number in `phraseIndex`.
        var longPhrases: [Int] = []
        longPhrases.reserveCapacity((maximumLength - 1) * contentTokens.count)
        for start in contentTokens.lazy.map(Int.init) {
            let word = tokenIDs[start]
            if Int(words[word].firstToken) == start {
                phrases.append(Phrase(key: UInt64(word + 1), length: 1, frequency: Int(words[word].frequency), first: start,
                                      product: wordScore[word], sum: wordScore[word]))
            }
            guard word < 0x1F_FFFF else { continue }
            var key = UInt64(word + 1)
            var (product, sum) = (wordScore[word], wordScore[word])
            for length in 2...maximumLength {
                let end = start + length
                guard end <= tokens.count, tokenIDs[end - 1] >= 0, tokenIDs[end - 1] < 0x1F_FFFF,
                      tokens[end - 1].sentence == tokens[start].sentence else { break }
                key = key << 21 | UInt64(tokenIDs[end - 1] + 1)
                // A stopword inside (`of`) counts with its score of 1, as every word of the phrase does.
                product *= wordScore[tokenIDs[end - 1]]
                sum += wordScore[tokenIDs[end - 1]]
                // Inside a phrase only `of` may stand between content words (`bank of england`).
                guard !words[tokenIDs[end - 1]].isStopword else {
                    if texts.isWord(tokens[end - 1], "of") { continue }
                    break
                }
                let (id, isNew) = phraseIndex.id(of: key)
                if isNew {
                    longPhrases.append(phrases.count)
                    phrases.append(Phrase(key: key, length: length, first: start, product: product, sum: sum))
                } else {
                    phrases[longPhrases[id]].frequency += 1
                }
            }
        }
        // Each phrase's place in the order of candidates as one number: its score's bits above
        // (a positive double's bits order as the double does), its index below, which orders
        // phrases of one score by first place and length.
        var order: [UInt128] = []
        order.reserveCapacity(phrases.count)
        for index in phrases.indices {
            let score = phrases[index].product / (Double(phrases[index].frequency) * (1 + phrases[index].sum))
            assert(score > 0 && score.isFinite, "a phrase's score is a positive number")
            phrases[index].score = score
            order.append(UInt128(score.bitPattern) << 64 | UInt128(index))
        }
        var candidates = SmallestFirst(order)
        return choose(count, from: &candidates, phrases: phrases, words: words, tokens: tokens)
    }

    /// The position feature of a word whose median occurrence is in sentence `sentence`.
    static func positionWeight(_ sentence: Int) -> Double { log(log(3 + Double(sentence))) }

    /// ``positionWeight(_:)`` of the first 256 sentences, worked out once: two logarithms for
    /// every content word of every article were a tenth of the scoring.
    private static let positionWeights = (0..<256).map(positionWeight)

    /// Counts every word's occurrences, casing, sentences and neighbours, and a content word's
    /// median sentence; returns the number of distinct words and of content tokens, whose places
    /// it writes to `content`. It initializes `words` up to the distinct words, every token's
    /// place in `tokenIDs` and `content` up to the content tokens.
    private func tally(
        _ tokens: UnsafeBufferPointer<Token>, into words: UnsafeMutableBufferPointer<WordStats>,
        ids tokenIDs: UnsafeMutableBufferPointer<Int>, content: UnsafeMutableBufferPointer<Int32>
    ) -> (distinct: Int, content: Int) {
        var contentCount = 0
        var index = WordIndex(capacity: tokens.count / 2)
        // Every distinct pair of words side by side in a sentence, packed as left << 32 | right.
        var pairs = ScratchIndex<UInt64>(capacity: tokens.count / 2)
        var previous = -1
        var previousSentence: Int32 = -1
        for position in tokens.indices {
            guard tokens[position].isWord, !tokens[position].isNumber else {
                tokenIDs[position] = -1
                previous = -1
                continue
            }
            let sentence = Int32(tokens[position].sentence)
            let (id, isNew) = index.id(of: tokens[position].key, word: texts.lowercased(tokens[position]))
            if isNew {
                words.initializeElement(at: id, to: WordStats(firstToken: Int32(position), isStopword: isStopword(tokens[position])))
            }
            tokenIDs[position] = id
            let isStopword = words[id].isStopword
            // Only content words are scored: a stopword's own counts are never read.
            if !isStopword {
                content[contentCount] = Int32(position)
                contentCount += 1
                words[id].frequency += 1
                if words[id].lastSentence != sentence {
                    words[id].sentenceCount += 1
                    words[id].lastSentence = sentence
                }
                if tokens[position].isAcronym {
                    words[id].acronym += 1
                } else if tokens[position].isCapitalized, !tokens[position].startsSentence {
                    words[id].capitalized += 1
                }
            }
            // Neighbours count for content words, so two stopwords side by side are passed over.
            if previous >= 0, previousSentence == sentence, !(isStopword && words[previous].isStopword) {
                if pairs.id(of: UInt64(previous) << 32 | UInt64(id)).isNew {
                    words[previous].distinctRight += 1
                    words[id].distinctLeft += 1
                }
                words[id].left += 1
                words[previous].right += 1
            }
            (previous, previousSentence) = (id, sentence)
        }
        for position in content.prefix(contentCount).lazy.map(Int.init) {
            let id = tokenIDs[position]
            if words[id].seen == words[id].frequency / 2 { words[id].medianSentence = Int32(tokens[position].sentence) }
            words[id].seen += 1
        }
        return (index.count, contentCount)
    }

    /// The first `count` candidates, best first, that do not repeat the words of one chosen before.
    ///
    /// `candidates` hold each phrase's place in `order`, its index in `phrases` in the low bits.
    private func choose(
        _ count: Int, from candidates: inout SmallestFirst<UInt128>, phrases: [Phrase], words: [WordStats], tokens: [Token]
    ) -> [Keyword] {
        var chosen: [Keyword] = []
        // The stems of the chosen phrases one after the other, and where each phrase's are.
        var chosenStems: [Stem] = []
        var chosenRanges: [Range<Int>] = []
        var stems: [Stem] = []
        chosen.reserveCapacity(count)
        chosenStems.reserveCapacity(count * maximumLength)
        chosenRanges.reserveCapacity(count)
        stems.reserveCapacity(maximumLength)
        // A phrase repeats another when one holds the other's words, or when they share more
        // than half the words of the shorter (`tate britain art` after `london's tate britain`).
        func repeats(_ a: ArraySlice<Stem>, _ b: [Stem]) -> Bool {
            var shared = 0
            for stem in a where b.contains(stem) { shared += 1 }
            return shared == min(a.count, b.count) || 2 * shared > min(a.count, b.count)
        }
        func firstToken(_ candidate: Phrase, _ position: Int) -> Token { tokens[Int(words[candidate.id(at: position)].firstToken)] }
        while let next = candidates.popFirst() {
            let candidate = phrases[Int(truncatingIfNeeded: next)]
            // `profits` repeats `profit`, `japan's economy` repeats `japan`.
            stems.removeAll(keepingCapacity: true)
            for position in 0..<candidate.length { stems.append(stem(of: firstToken(candidate, position))) }
            if chosenRanges.contains(where: { repeats(chosenStems[$0], stems) }) { continue }
            var text = ""
            for position in 0..<candidate.length {
                if position > 0 { text.append(" ") }
                text.append(texts.lowercased(firstToken(candidate, position)))
            }
            chosen.append(Keyword(text: text, score: candidate.score))
            chosenRanges.append(chosenStems.count..<(chosenStems.count + stems.count))
            chosenStems.append(contentsOf: stems)
            if chosen.count == count { break }
        }
        return chosen
    }

    /// A word without a possessive and a plural `s` (``stem(_:)``): packed whenever it fits, so
    /// that telling repeats makes no strings for ASCII words.
    enum Stem: Equatable {
        case packed(PackedWord)
        case text(String)
    }

    /// The stem of the token's word, lower-cased.
    func stem(of token: Token) -> Stem {
        guard var word = token.key, token.bytes.allSatisfy({ texts.utf8[$0] < 0x80 }) else {
            // Packed when the stem fits, so that `Japan’s` (curly apostrophe) meets `japan`.
            let text = Self.stem(texts.lowercased(token))
            return PackedWord(text).map(Stem.packed) ?? .text(text)
        }
        let s = UInt8(ascii: "s")
        if word.count > 2, word.byte(at: word.count - 1) == s, word.byte(at: word.count - 2) == UInt8(ascii: "'") {
            word = word.droppingLast(2)
        }
        if word.count > 3, word.byte(at: word.count - 1) == s, word.byte(at: word.count - 2) != s {
            word = word.droppingLast(1)
        }
        return .packed(word)
    }

    /// A word without a possessive `'s` and a plural `s`, to tell repeats: `japan's` → `japan`.
    static func stem(_ word: String) -> String {
        var word = Substring(EntityRecognizer.strippingPossessive(word))
        if word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss") { word = word.dropLast() }
        return String(word)
    }

    /// Whether a word is left out of keywords: a stopword, a month, weekday or number word, a
    /// common verb, a title, or one character.
    private func isStopword(_ token: Token) -> Bool {
        if !token.lexeme.flags.isDisjoint(with: [.stopword, .nonKeyword]) || token.lexeme.month != 0 || token.lexeme.weekday != 0 {
            return true
        }
        if texts.isContractedFunctionWord(token) { return true }
        let scalars = token.span.end - token.span.start
        // One character: one scalar, or (rarely) more that make one character.
        return scalars < 2 || (token.bytes.count > scalars && texts.lowercased(token).count < 2)
    }
}
