/// A fixed linear congruential sequence (Knuth's MMIX constants): a test's random cases are the
/// same on every run, so that a failing one repeats.
public struct SeededNumbers: Sendable {
    /// The last number of the sequence (the seed before the first).
    public private(set) var state: UInt64

    /// A sequence starting after `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next number of the sequence.
    public mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state
    }

    /// A number below `bound`, from the high bits of the next number.
    public mutating func below(_ bound: Int) -> Int {
        Int(next() >> 33) % bound
    }

    /// `count` pieces, each chosen by ``below(_:)``, joined.
    public mutating func text(of pieces: [String], count: Int) -> String {
        (0..<count).map { _ in pieces[below(pieces.count)] }.joined()
    }
}
