import Foundation
import PipeKit

/// A trained statistical entity tagger: greedy left-to-right BIO tagging of a sentence's words
/// with an averaged perceptron over hashed features (``TaggerFeatures``).
///
/// Each word gets the best-scoring tag that BIO allows after the previous one (I-X only after
/// B-X or I-X), the previous two tags being features of the next word.
public struct EntityTagger: Sendable {
    let features: TaggerFeatures
    /// The weights of the buckets that have them.
    let weights: TaggerWeights

    /// A tagger with these weights, `EntityTag.count` for each bucket at `bucket * EntityTag.count + tag`.
    init(bits: Int, weights: [Float]) {
        self.init(weights: TaggerWeights(dense: weights, bits: bits))
    }

    init(weights: TaggerWeights) {
        features = TaggerFeatures(bits: weights.bits)
        self.weights = weights
    }

    /// The tags of a sentence's words: each the best one BIO allows after the previous tag.
    func tags(_ words: [String]) -> [EntityTag] {
        let sentence = features.features(of: words)
        return features.decode(sentence) { index, history, previous in
            weights.best(features: sentence.of(index), history: history, after: previous)
        }
    }
}
