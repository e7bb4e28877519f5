/// A trained tagger's weights as tagging reads them: only the buckets that have weights, found
/// through a bitmap of all buckets and a count of the buckets present before each word of it,
/// each weight a 16-bit integer times `scale`, as the model file keeps them.
///
/// All buckets (2^20 of the shipped model, nine weights each) as floats took 38 MB, and nine in
/// ten held only zeros; tagging read that table at random, about 30 reads a word, most of them
/// cache misses. The bitmap (128 KB) stays in the cache and turns the empty buckets away without
/// a read of weights; the buckets with weights (about 110,000) take 2 MB. A weight is worked out
/// as it is read, as the file's reader worked it out (`Float(value) * scale`), and a bucket left
/// out added zeros: the scores are those of the whole table, to the bit.
struct TaggerWeights: Sendable, Equatable {
    /// The number of buckets is `1 << bits`.
    let bits: Int
    /// What a weight of 1 stands for.
    let scale: Float
    /// Bit `b` of word `w` is set when bucket `64 × w + b` has weights.
    private let present: [UInt64]
    /// The number of buckets with weights before each word of `present`.
    private let before: [UInt32]
    /// `EntityTag.count` weights for each bucket that has them, in the order of the buckets.
    private let rows: [Int16]

    /// The weights of every bucket, `EntityTag.count` for each at `bucket * EntityTag.count + tag`,
    /// as the file keeps them: scaled so that the largest is `Int16.max`, rounded.
    init(dense weights: [Float], bits: Int) {
        let tags = EntityTag.count
        let largest = weights.lazy.map(abs).max() ?? 0
        let scale = largest > 0 ? largest / Float(Int16.max) : 1
        self.init(bits: bits, scale: scale, buckets: (0..<(1 << bits)).lazy.map { bucket in
            (bucket, weights[(bucket * tags)..<((bucket + 1) * tags)].map { Int16(($0 / scale).rounded()) }[...])
        })
    }

    /// The buckets in increasing order, each with its `EntityTag.count` weights; those of zeros are left out.
    init(bits: Int, scale: Float, buckets: some Sequence<(bucket: Int, weights: ArraySlice<Int16>)>) {
        self.bits = bits
        self.scale = scale
        var present = [UInt64](repeating: 0, count: max(1, (1 << bits) / 64))
        var rows: [Int16] = []
        for (bucket, weights) in buckets where weights.contains(where: { $0 != 0 }) {
            precondition(weights.count == EntityTag.count && bucket < 1 << bits, "a bucket's weights are one for each tag")
            present[bucket / 64] |= 1 << UInt64(bucket % 64)
            rows.append(contentsOf: weights)
        }
        var count: UInt32 = 0
        before = present.map { word in
            defer { count += UInt32(word.nonzeroBitCount) }
            return count
        }
        self.present = present
        self.rows = rows
    }

    /// The weights of `bucket` as stored (times `scale`), nil when it has none.
    func weights(of bucket: Int) -> ArraySlice<Int16>? {
        let found = present.withUnsafeBufferPointer { present in
            before.withUnsafeBufferPointer { before in row(of: bucket, present: present, before: before) }
        }
        guard let row = found else { return nil }
        return rows[(row * EntityTag.count)..<((row + 1) * EntityTag.count)]
    }

    /// The buckets that have weights, in increasing order.
    var buckets: [Int] {
        present.indices.flatMap { word in (0..<64).filter { present[word] & (1 << UInt64($0)) != 0 }.map { 64 * word + $0 } }
    }

    /// The best tag that may follow `previous` for a word with these feature buckets and history:
    /// the tag with the highest sum of the features' weights, adding them in the order given.
    func best(features: ArraySlice<Int>, history: (Int, Int, Int), after previous: EntityTag) -> EntityTag {
        present.withUnsafeBufferPointer { present in
            before.withUnsafeBufferPointer { before in
                rows.withUnsafeBufferPointer { rows in
                    withUnsafeTemporaryAllocation(of: Float.self, capacity: EntityTag.count) { scores in
                        scores.initialize(repeating: 0)
                        func add(_ bucket: Int) {
                            guard let row = row(of: bucket, present: present, before: before) else { return }
                            let base = row * EntityTag.count
                            for tag in 0..<EntityTag.count { scores[tag] += Float(rows[base + tag]) * scale }
                        }
                        for feature in features { add(feature) }
                        add(history.0)
                        add(history.1)
                        add(history.2)
                        return EntityTag.best(UnsafeBufferPointer(scores), after: previous)
                    }
                }
            }
        }
    }

    /// The row of `bucket` among those with weights, nil when it has none.
    @inline(__always)
    private func row(of bucket: Int, present: UnsafeBufferPointer<UInt64>, before: UnsafeBufferPointer<UInt32>) -> Int? {
        let word = present[bucket >> 6]
        let bit: UInt64 = 1 << UInt64(bucket & 63)
        guard word & bit != 0 else { return nil }
        let below = (word & (bit &- 1)).nonzeroBitCount
        return Int(before[bucket >> 6]) + below
    }
}
