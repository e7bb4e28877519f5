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

    /// The best tag that may follow `previous` for a word with these feature buckets and history.
    static func best(_ weights: UnsafeBufferPointer<Float>, features: ArraySlice<Int>, history: (Int, Int, Int),
                     after previous: EntityTag) -> EntityTag {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: EntityTag.count) { scores in
            scores.initialize(repeating: 0)
            func add(_ feature: Int) {
                let base = feature * EntityTag.count
                for tag in 0..<EntityTag.count { scores[tag] += weights[base + tag] }
            }
            for feature in features { add(feature) }
            add(history.0)
            add(history.1)
            add(history.2)
            return EntityTag.best(UnsafeBufferPointer(scores), after: previous)
        }
    }

    /// Counts one training step (one word).
    mutating func tick() {
        step += 1
    }

    /// Moves the weights of `features` and `history` towards `truth` and away from `guess`.
    mutating func update(truth: Int, guess: Int, features: ArraySlice<Int>, history: (Int, Int, Int)) {
        guard truth != guess else { return }
        for feature in features + [history.0, history.1, history.2] {
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
