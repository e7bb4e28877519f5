import Foundation
import PipeKit

/// A trained statistical entity tagger: greedy left-to-right BIO tagging of a sentence's words
/// with an averaged perceptron over hashed features (``TaggerFeatures``).
///
/// Each word gets the best-scoring tag that BIO allows after the previous one (I-X only after
/// B-X or I-X), the previous two tags being features of the next word.
public struct EntityTagger: Sendable {
    let features: TaggerFeatures
    /// Weight of (bucket, tag) at `bucket * EntityTag.count + tag`.
    let weights: [Float]

    init(bits: Int, weights: [Float]) {
        features = TaggerFeatures(bits: bits)
        self.weights = weights
    }

    /// The tags of a sentence's words.
    func tags(_ words: [String]) -> [EntityTag] {
        let wordFeatures = features.features(of: words)
        return weights.withUnsafeBufferPointer { weights in
            Self.decode(words: words, features: wordFeatures, featureHistory: features) { wordFeatures, history in
                AveragedPerceptron.scores(weights, tags: EntityTag.count, features: wordFeatures, extra: history)
            }
        }
    }

    /// Greedy BIO decoding with `score` giving every tag's score for a word.
    static func decode(words: [String], features: [[Int]], featureHistory: TaggerFeatures,
                       score: ([Int], [Int]) -> [Float]) -> [EntityTag] {
        var tags: [EntityTag] = []
        tags.reserveCapacity(words.count)
        for index in words.indices {
            let previous = tags.last ?? .outside
            let beforePrevious = tags.count >= 2 ? tags[tags.count - 2] : .outside
            let history = featureHistory.history(previous: previous, beforePrevious: beforePrevious, word: words[index])
            let scores = score(features[index], history)
            var best = EntityTag.outside
            var bestScore = -Float.infinity
            for tag in EntityTag.all where tag.mayFollow(previous) && scores[tag.index] > bestScore {
                best = tag
                bestScore = scores[tag.index]
            }
            tags.append(best)
        }
        return tags
    }
}
