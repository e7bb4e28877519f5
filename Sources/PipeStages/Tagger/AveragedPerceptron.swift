/// Weights for each (feature bucket, tag), learnt by the averaged perceptron (Collins, 2002).
///
/// After each mistake the weights of the right tag's features go up by one and those of the
/// guessed tag down by one; the model keeps the average of the weights over every step, which
/// generalises far better than the last ones. Averages are kept lazily: a weight's running total
/// is brought up to date only when the weight changes.
struct AveragedPerceptron {
    let buckets: Int
    let tags: Int
    private(set) var weights: [Float]
    private var totals: [Double]
    private var stamps: [Int32]
    /// The number of training steps so far.
    private(set) var step: Int32 = 0

    init(buckets: Int, tags: Int) {
        self.buckets = buckets
        self.tags = tags
        weights = Array(repeating: 0, count: buckets * tags)
        totals = Array(repeating: 0, count: buckets * tags)
        stamps = Array(repeating: 0, count: buckets * tags)
    }

    /// The scores of every tag for a word with these feature buckets.
    static func scores(_ weights: UnsafeBufferPointer<Float>, tags: Int, features: [Int], extra: [Int]) -> [Float] {
        var scores = [Float](repeating: 0, count: tags)
        for feature in features { for tag in 0..<tags { scores[tag] += weights[feature * tags + tag] } }
        for feature in extra { for tag in 0..<tags { scores[tag] += weights[feature * tags + tag] } }
        return scores
    }

    /// Counts one training step (one word).
    mutating func tick() {
        step += 1
    }

    /// Moves the weights of `features` towards `truth` and away from `guess`.
    mutating func update(truth: Int, guess: Int, features: [Int]) {
        guard truth != guess else { return }
        for feature in features {
            change(feature * tags + truth, by: 1)
            change(feature * tags + guess, by: -1)
        }
    }

    private mutating func change(_ index: Int, by amount: Float) {
        totals[index] += Double(step - stamps[index]) * Double(weights[index])
        stamps[index] = step
        weights[index] += amount
    }

    /// The averaged weights: each weight's mean over every step so far.
    func averaged() -> [Float] {
        guard step > 0 else { return weights }
        var result = [Float](repeating: 0, count: weights.count)
        for index in weights.indices {
            let total = totals[index] + Double(step - stamps[index]) * Double(weights[index])
            result[index] = Float(total / Double(step))
        }
        return result
    }
}
