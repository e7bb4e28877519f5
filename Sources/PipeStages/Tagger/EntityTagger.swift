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

    /// The tags of a sentence's words: each the best one BIO allows after the previous tag.
    func tags(_ words: [String]) -> [EntityTag] {
        let sentence = features.features(of: words)
        return weights.withUnsafeBufferPointer { weights in
            features.decode(sentence) { index, history, previous in
                AveragedPerceptron.best(weights, features: sentence.of(index), history: history, after: previous)
            }
        }
    }
}
