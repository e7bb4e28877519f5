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
/// `Π word scores / (its frequency × (1 + Σ word scores))`. Lower is better; phrases that repeat
/// the words of a better one are skipped.
struct KeywordExtractor: Sendable {
    let maximumLength = 3

    private struct WordStats {
        let term: String
        let isStopword: Bool
        var frequency = 0
        var capitalized = 0
        var acronym = 0
        var sentenceCount = 0
        var lastSentence = -1
        /// The sentence of each occurrence, in order.
        var positions: [Int] = []
        var left: [Int] = []
        var right: [Int] = []

        /// Distinct neighbours per co-occurrence, 0 without neighbours; `stamps` is scratch space
        /// as long as the vocabulary, marked with `owner`.
        static func diversity(_ neighbours: [Int], owner: Int, stamps: inout [Int]) -> Double {
            guard !neighbours.isEmpty else { return 0 }
            var distinct = 0
            for neighbour in neighbours where stamps[neighbour] != owner {
                stamps[neighbour] = owner
                distinct += 1
            }
            return Double(distinct) / Double(neighbours.count)
        }
    }

    func extract(_ tokens: [Token], count: Int) -> [Keyword] {
        guard count > 0 else { return [] }
        let sentenceCount = (tokens.last?.sentence ?? 0) + 1
        var ids: [String: Int] = [:]
        var words: [WordStats] = []
        // The word id of every token, or -1 for numbers and punctuation.
        var tokenIDs = [Int](repeating: -1, count: tokens.count)
        var previous: (id: Int, sentence: Int)?
        for (position, token) in tokens.enumerated() {
            guard token.isWord, !token.isNumber else {
                previous = nil
                continue
            }
            let term = token.lowercased
            let id: Int
            if let known = ids[term] {
                id = known
            } else {
                id = words.count
                ids[term] = id
                words.append(WordStats(term: term, isStopword: isStopword(term)))
            }
            tokenIDs[position] = id
            words[id].frequency += 1
            if words[id].lastSentence != token.sentence {
                words[id].sentenceCount += 1
                words[id].lastSentence = token.sentence
            }
            words[id].positions.append(token.sentence)
            if token.isAcronym {
                words[id].acronym += 1
            } else if token.isCapitalized, !token.startsSentence {
                words[id].capitalized += 1
            }
            if let previous, previous.sentence == token.sentence {
                words[id].left.append(previous.id)
                words[previous.id].right.append(id)
            }
            previous = (id, token.sentence)
        }
        let content = words.indices.filter { !words[$0].isStopword }
        guard !content.isEmpty else { return [] }
        let frequencies = content.map { Double(words[$0].frequency) }
        let mean = frequencies.reduce(0, +) / Double(frequencies.count)
        let deviation = (frequencies.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(frequencies.count)).squareRoot()
        let maxFrequency = frequencies.max() ?? 1
        var wordScore = [Double](repeating: 1, count: words.count)
        var leftStamps = [Int](repeating: -1, count: words.count), rightStamps = leftStamps
        for id in content {
            let word = words[id]
            let frequency = Double(word.frequency)
            let casing = Double(max(word.capitalized, word.acronym)) / (1 + log(frequency))
            let median = Double(word.positions[word.positions.count / 2])
            let position = log(log(3 + median))
            let normalized = frequency / (mean + deviation)
            let diversity = WordStats.diversity(word.left, owner: id, stamps: &leftStamps)
                + WordStats.diversity(word.right, owner: id, stamps: &rightStamps)
            let relatedness = 1 + diversity * frequency / maxFrequency
            let spread = Double(word.sentenceCount) / Double(sentenceCount)
            wordScore[id] = relatedness * position / (casing + normalized / relatedness + spread / relatedness)
        }

        // Phrases of up to three word ids, packed into one key; counted with their first place.
        var phrases: [UInt64: (ids: [Int], frequency: Int, first: Int)] = [:]
        for start in tokens.indices where tokenIDs[start] >= 0 && !words[tokenIDs[start]].isStopword {
            var key: UInt64 = 0
            for length in 1...maximumLength {
                let end = start + length
                guard end <= tokens.count, tokenIDs[end - 1] >= 0, tokens[end - 1].sentence == tokens[start].sentence else { break }
                key = key << 21 | UInt64(tokenIDs[end - 1] + 1)
                guard !words[tokenIDs[end - 1]].isStopword else { continue }
                if phrases[key] == nil {
                    phrases[key] = (Array(tokenIDs[start..<end]), 1, start)
                } else {
                    phrases[key]?.frequency += 1
                }
            }
        }

        var scored: [(ids: [Int], score: Double, first: Int)] = []
        scored.reserveCapacity(phrases.count)
        for phrase in phrases.values {
            var product = 1.0, sum = 0.0
            for id in phrase.ids {
                product *= wordScore[id]
                sum += wordScore[id]
            }
            scored.append((phrase.ids, product / (Double(phrase.frequency) * (1 + sum)), phrase.first))
        }
        scored.sort { ($0.score, $0.first, $0.ids.count) < ($1.score, $1.first, $1.ids.count) }
        var chosen: [Keyword] = []
        var chosenWords: [Set<Int>] = []
        for candidate in scored {
            let phraseWords = Set(candidate.ids)
            if chosenWords.contains(where: { $0.isSubset(of: phraseWords) || phraseWords.isSubset(of: $0) }) { continue }
            chosen.append(Keyword(text: candidate.ids.map { words[$0].term }.joined(separator: " "), score: candidate.score))
            chosenWords.append(phraseWords)
            if chosen.count == count { break }
        }
        return chosen
    }

    private func isStopword(_ term: String) -> Bool {
        WordLists.stopwords.contains(term) || term.count < 2 || ["mr", "mrs", "ms", "dr"].contains(term)
    }
}
