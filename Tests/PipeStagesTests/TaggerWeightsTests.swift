@testable import PipeStages
import PipeTesting
import Testing

@Suite("TaggerWeights")
struct TaggerWeightsTests {
    /// Dense weights for 2^10 buckets, a fixed pseudo-random fifth of them set, some to zero on
    /// purpose (a bucket of zeros is left out like an empty one).
    static let bits = 10
    static let dense: [Float] = {
        var numbers = SeededNumbers(seed: 3)
        var weights = [Float](repeating: 0, count: (1 << bits) * EntityTag.count)
        for bucket in 0..<(1 << bits) where numbers.below(5) == 0 {
            for tag in 0..<EntityTag.count { weights[bucket * EntityTag.count + tag] = Float(numbers.below(2001) - 1000) / 37 }
        }
        return weights
    }()

    @Test func keepsTheBucketsThatHaveWeightsAsSixteenBitIntegers() {
        let weights = TaggerWeights(dense: Self.dense, bits: Self.bits)
        #expect(weights.scale == Self.dense.map(abs).max()! / Float(Int16.max))
        for bucket in 0..<(1 << Self.bits) {
            let row = Self.dense[(bucket * EntityTag.count)..<((bucket + 1) * EntityTag.count)].map { Int16(($0 / weights.scale).rounded()) }
            if row.allSatisfy({ $0 == 0 }) {
                #expect(weights.weights(of: bucket) == nil)
            } else {
                #expect(weights.weights(of: bucket).map(Array.init) == row)
            }
        }
        #expect(weights.buckets == (0..<(1 << Self.bits)).filter { weights.weights(of: $0) != nil })
    }

    /// The best tag is the one the whole table of the weights as floats gives (as a model file's
    /// reader made it: `Float(value) * scale` for every bucket), for any features, history and previous tag.
    @Test func choosesAsTheWholeTableDoes() {
        let weights = TaggerWeights(dense: Self.dense, bits: Self.bits)
        let whole = (0..<(1 << Self.bits)).flatMap { bucket in
            weights.weights(of: bucket).map { $0.map { Float($0) * weights.scale } } ?? Array(repeating: 0, count: EntityTag.count)
        }
        var numbers = SeededNumbers(seed: 11)
        for _ in 0..<2000 {
            let features = (0..<TaggerFeatures.perWord).map { _ in numbers.below(1 << Self.bits) }
            let history = (features[0] ^ 1, features[1] ^ 2, features[2] ^ 3)
            let previous = EntityTag(index: features[3] % EntityTag.count)
            let expected = whole.withUnsafeBufferPointer {
                AveragedPerceptron.best($0, features: features[...], history: history, after: previous)
            }
            #expect(weights.best(features: features[...], history: history, after: previous) == expected)
        }
    }
}
