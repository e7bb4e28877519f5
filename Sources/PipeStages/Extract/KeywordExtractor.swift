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

    func extract(_ tokens: [Token], count: Int) -> [Keyword] {
        guard count > 0 else { return [] }
        let sentenceCount = (tokens.last?.sentence ?? 0) + 1
        var stats: [String: WordStats] = [:]
        var order: [String] = []
        var previous: (term: String, sentence: Int)?
        for token in tokens {
            guard token.isWord, !token.isNumber else {
                previous = nil
                continue
            }
            let term = token.lowercased
            if stats[term] == nil {
                stats[term] = WordStats()
                order.append(term)
            }
            stats[term]?.frequency += 1
            stats[term]?.sentences.insert(token.sentence)
            stats[term]?.positions.append(token.sentence)
            if token.isAcronym {
                stats[term]?.acronym += 1
            } else if token.isCapitalized, !token.startsSentence {
                stats[term]?.capitalized += 1
            }
            if let previous, previous.sentence == token.sentence {
                stats[term]?.left[previous.term, default: 0] += 1
                stats[previous.term]?.right[term, default: 0] += 1
            }
            previous = (term, token.sentence)
        }
        let content = order.filter { !isStopword($0) }
        guard !content.isEmpty else { return [] }
        let frequencies = content.compactMap { stats[$0]?.frequency }.map(Double.init)
        let mean = frequencies.reduce(0, +) / Double(frequencies.count)
        let deviation = (frequencies.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(frequencies.count)).squareRoot()
        let maxFrequency = frequencies.max() ?? 1
        var wordScore: [String: Double] = [:]
        for term in content {
            guard let word = stats[term] else { continue }
            let frequency = Double(word.frequency)
            let casing = Double(max(word.capitalized, word.acronym)) / (1 + log(frequency))
            let sortedPositions = word.positions.sorted()
            let median = Double(sortedPositions[sortedPositions.count / 2])
            let position = log(log(3 + median))
            let normalized = frequency / (mean + deviation)
            let leftDiversity = word.left.isEmpty ? 0 : Double(word.left.count) / Double(word.left.values.reduce(0, +))
            let rightDiversity = word.right.isEmpty ? 0 : Double(word.right.count) / Double(word.right.values.reduce(0, +))
            let relatedness = 1 + (leftDiversity + rightDiversity) * frequency / maxFrequency
            let spread = Double(word.sentences.count) / Double(sentenceCount)
            wordScore[term] = relatedness * position / (casing + normalized / relatedness + spread / relatedness)
        }

        var phraseFrequency: [String: Int] = [:]
        var phraseWords: [String: [String]] = [:]
        var run: [Token] = []
        func flush() {
            for start in run.indices {
                for length in 1...maximumLength where start + length <= run.count {
                    let words = run[start..<(start + length)].map(\.lowercased)
                    guard let first = words.first, let last = words.last, !isStopword(first), !isStopword(last),
                          words.allSatisfy({ $0.count >= 2 }) else { continue }
                    let phrase = words.joined(separator: " ")
                    phraseFrequency[phrase, default: 0] += 1
                    phraseWords[phrase] = words
                }
            }
            run.removeAll()
        }
        for token in tokens {
            if token.isWord, !token.isNumber, run.last.map({ $0.sentence == token.sentence }) ?? true {
                run.append(token)
            } else {
                flush()
                if token.isWord, !token.isNumber { run.append(token) }
            }
        }
        flush()

        var scored: [(phrase: String, score: Double)] = []
        for (phrase, words) in phraseWords {
            let scores = words.map { wordScore[$0] ?? 1 }
            let product = scores.reduce(1, *)
            let score = product / (Double(phraseFrequency[phrase] ?? 1) * (1 + scores.reduce(0, +)))
            scored.append((phrase, score))
        }
        scored.sort { ($0.score, $0.phrase) < ($1.score, $1.phrase) }
        var chosen: [Keyword] = []
        var chosenWords: [Set<String>] = []
        for candidate in scored {
            let words = Set(phraseWords[candidate.phrase] ?? [])
            if chosenWords.contains(where: { $0.isSubset(of: words) || words.isSubset(of: $0) }) { continue }
            chosen.append(Keyword(text: candidate.phrase, score: candidate.score))
            chosenWords.append(words)
            if chosen.count == count { break }
        }
        return chosen
    }

    private func isStopword(_ term: String) -> Bool {
        WordLists.stopwords.contains(term) || term.count < 2 || ["mr", "mrs", "ms", "dr"].contains(term)
    }

    private struct WordStats {
        var frequency = 0
        var capitalized = 0
        var acronym = 0
        var sentences: Set<Int> = []
        var positions: [Int] = []
        var left: [String: Int] = [:]
        var right: [String: Int] = [:]
    }
}
