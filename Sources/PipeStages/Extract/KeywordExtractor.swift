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

    /// A candidate phrase: its word ids plus one, packed into `key` (one word: that number; more:
    /// 21 bits each, first word highest), and its counts.
    private struct Phrase {
        var key: UInt64
        var length: Int
        var frequency = 1
        /// The token index of its first occurrence.
        var first: Int
        var score = 0.0

        /// The word id at `position` (0 for the first word).
        func id(at position: Int) -> Int {
            guard length > 1 else { return Int(key) - 1 }
            return Int((key >> UInt64(21 * (length - 1 - position))) & 0x1F_FFFF) - 1
        }
    }

    /// The candidate phrases of a text, and where each is by its first place and length, so that a
    /// candidate's place in the order of candidates (its first place and length) leads back to it.
    ///
    /// Plain memory, sized once for every phrase there can be (each token ends at most one of
    /// each length, up to `maximumLength`, three) and freed with its scope: counting a phrase is a
    /// store, with no check that an array is unique.
    private struct Phrases: ~Copyable {
        private var list: UnsafeMutableBufferPointer<Phrase>
        private var count = 0
        /// The index in `list` of the phrase first met at token `t` with length `n`, at `3 × t + n - 1`;
        /// set for those places only.
        private let places: UnsafeMutableBufferPointer<Int32>

        init(tokens: Int) {
            list = .allocate(capacity: 3 * tokens)
            places = .allocate(capacity: 3 * tokens)
        }

        deinit {
            list.deallocate()
            places.deallocate()
        }

        /// The phrases, in the order they were met.
        var all: UnsafeMutableBufferPointer<Phrase> { UnsafeMutableBufferPointer(rebasing: list[..<count]) }

        /// Adds a phrase met for the first time; returns its index.
        @inline(__always)
        mutating func add(_ phrase: Phrase) -> Int32 {
            places[3 * phrase.first + phrase.length - 1] = Int32(truncatingIfNeeded: count)
            list.initializeElement(at: count, to: phrase)
            count += 1
            return Int32(truncatingIfNeeded: count - 1)
        }

        /// Counts one more occurrence of the phrase at `index`.
        @inline(__always)
        mutating func countAgain(_ index: Int32) {
            list[Int(index)].frequency += 1
        }

        /// The phrase first met at token `first` with `length` words.
        func phrase(first: Int, length: Int) -> Phrase {
            list[Int(places[3 * first + length - 1])]
        }
    }

    func extract(_ tokens: [Token], count: Int) -> [Keyword] {
        guard count > 0 else { return [] }
        let sentenceCount = (tokens.last?.sentence ?? 0) + 1
        var distinct = 0
        var phrases = Phrases(tokens: tokens.count)
        // At most one distinct word per token: room is made once, so the counting loop works on a
        // buffer without reallocation or uniqueness checks, and it initializes only what it uses
        // (a word's statistics when the word is new), instead of filling every place first.
        let words = [WordStats](unsafeUninitializedCapacity: tokens.count) { words, wordCount in
            tokens.withUnsafeBufferPointer { tokens in
                distinct = tally(tokens, into: words, phrases: &phrases)
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

        // Each phrase's place in the order of candidates as one number: its score's bits above
        // (a positive double's bits order as the double does), its first place and its length
        // below, which order phrases of one score.
        let all = phrases.all
        var order: [UInt128] = []
        order.reserveCapacity(all.count)
        for index in all.indices {
            let phrase = all[index]
            // A stopword inside (`of`) counts with its score of 1, as every word of the phrase does.
            var product = wordScore[phrase.id(at: 0)], sum = product
            for position in 1..<phrase.length {
                product *= wordScore[phrase.id(at: position)]
                sum += wordScore[phrase.id(at: position)]
            }
            let frequency = phrase.length == 1 ? Int(words[phrase.id(at: 0)].frequency) : phrase.frequency
            let score = product / (Double(frequency) * (1 + sum))
            assert(score > 0 && score.isFinite, "a phrase's score is a positive number")
            all[index].score = score
            order.append(UInt128(score.bitPattern) << 64 | UInt128(3 * phrase.first + phrase.length - 1))
        }
        var candidates = SmallestFirst(order)
        return choose(count, from: &candidates, phrases: phrases, words: words, tokens: tokens)
    }

    /// The position feature of a word whose median occurrence is in sentence `sentence`.
    static func positionWeight(_ sentence: Int) -> Double { log(log(3 + Double(sentence))) }

    /// ``positionWeight(_:)`` of the first 256 sentences, worked out once: two logarithms for
    /// every content word of every article were a tenth of the scoring.
    private static let positionWeights = (0..<256).map(positionWeight)

    /// Counts every word's occurrences, casing, sentences and neighbours, a content word's median
    /// sentence, and the candidate phrases; returns the number of distinct words, whose statistics
    /// it initializes in `words`.
    ///
    /// Candidate phrases are runs of one to three words within a sentence: content words, of which
    /// the middle one of three may be `of` instead (`bank of england`). They are counted where
    /// they end: a phrase of two content words is their pair of neighbours, so its count goes with
    /// the pair's number, without a lookup of its own. A one-word phrase's count is its word's.
    private func tally(
        _ tokens: UnsafeBufferPointer<Token>, into words: UnsafeMutableBufferPointer<WordStats>, phrases: inout Phrases
    ) -> Int {
        var index = WordIndex(capacity: tokens.count / 2)
        // Every distinct pair of words side by side in a sentence, packed as left << 32 | right,
        // and the phrase of each pair of content words by the pair's number.
        var pairs = ScratchIndex<UInt64>(capacity: tokens.count / 2)
        let pairPhrases = UnsafeMutableBufferPointer<Int32>.allocate(capacity: tokens.count)
        defer { pairPhrases.deallocate() }
        // Every distinct three-word phrase, keyed as ``Phrase``, and its phrase by its number.
        var triples = ScratchIndex<UInt64>(capacity: tokens.count / 4)
        let triplePhrases = UnsafeMutableBufferPointer<Int32>.allocate(capacity: tokens.count)
        defer { triplePhrases.deallocate() }
        // The word and the place of each content token, in order, for the median pass.
        let content = UnsafeMutableBufferPointer<(id: Int32, position: Int32)>.allocate(capacity: tokens.count)
        defer { content.deallocate() }
        var contentCount = 0
        // The words of the last two tokens, when they are words side by side in one sentence; else -1.
        var previous = -1, beforePrevious = -1
        var previousSentence: Int32 = -1
        for position in tokens.indices {
            guard tokens[position].isWord, !tokens[position].isNumber else {
                previous = -1
                continue
            }
            let sentence = Int32(tokens[position].sentence)
            let left = previousSentence == sentence ? previous : -1
            let leftOfLeft = left >= 0 ? beforePrevious : -1
            (beforePrevious, previousSentence) = (left, sentence)
            let (id, isNew) = index.id(of: tokens[position].key, word: texts.lowercased(tokens[position]))
            if isNew {
                words.initializeElement(at: id, to: WordStats(firstToken: Int32(position), isStopword: isStopword(tokens[position])))
            }
            previous = id
            let isStopword = words[id].isStopword
            // Only content words are scored: a stopword's own counts are never read.
            if !isStopword {
                content[contentCount] = (Int32(truncatingIfNeeded: id), Int32(truncatingIfNeeded: position))
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
                if isNew { _ = phrases.add(Phrase(key: UInt64(id + 1), length: 1, first: position)) }
            }
            guard left >= 0 else { continue }
            // Neighbours count for content words, so two stopwords side by side are passed over.
            let leftIsStopword = words[left].isStopword
            if !(isStopword && leftIsStopword) {
                let (pair, isNewPair) = pairs.id(of: UInt64(left) << 32 | UInt64(id))
                if isNewPair {
                    words[left].distinctRight += 1
                    words[id].distinctLeft += 1
                }
                words[id].left += 1
                words[left].right += 1
                if !isStopword, !leftIsStopword, left < 0x1F_FFFF, id < 0x1F_FFFF {
                    if isNewPair {
                        let key = UInt64(left + 1) << 21 | UInt64(id + 1)
                        pairPhrases[pair] = phrases.add(Phrase(key: key, length: 2, first: position - 1))
                    } else {
                        phrases.countAgain(pairPhrases[pair])
                    }
                }
            }
            guard !isStopword, leftOfLeft >= 0, !words[leftOfLeft].isStopword, leftOfLeft < 0x1F_FFFF, left < 0x1F_FFFF, id < 0x1F_FFFF,
                  !leftIsStopword || texts.isWord(tokens[position - 1], "of") else { continue }
            let key = (UInt64(leftOfLeft + 1) << 21 | UInt64(left + 1)) << 21 | UInt64(id + 1)
            let (triple, isNewTriple) = triples.id(of: key)
            if isNewTriple {
                triplePhrases[triple] = phrases.add(Phrase(key: key, length: 3, first: position - 2))
            } else {
                phrases.countAgain(triplePhrases[triple])
            }
        }
        for (id, position) in content.prefix(contentCount) {
            let id = Int(id)
            if words[id].seen == words[id].frequency / 2 { words[id].medianSentence = Int32(tokens[Int(position)].sentence) }
            words[id].seen += 1
        }
        return index.count
    }

    /// The first `count` candidates, best first, that do not repeat the words of one chosen before.
    ///
    /// `candidates` hold each phrase's place in the order: its first place and length in the low bits.
    private func choose(
        _ count: Int, from candidates: inout SmallestFirst<UInt128>, phrases: borrowing Phrases, words: [WordStats], tokens: [Token]
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
            let place = Int(truncatingIfNeeded: next)
            let candidate = phrases.phrase(first: place / 3, length: place % 3 + 1)
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
