@testable import PipeStages
import PipeTesting
import Testing

@Suite("SmallestFirst")
struct SmallestFirstTests {
    /// `count` fixed pseudo-random values below 1,024, many of them repeated.
    private func values(_ count: Int) -> [Int] {
        var numbers = SeededNumbers(seed: 42)
        return (0..<count).map { _ in Int(numbers.next() >> 54) }
    }

    /// Every element comes out once, in sorted order, whatever the count (the heap's shapes
    /// differ for 0, 1, 2, odd and even counts), and then none.
    @Test(arguments: [0, 1, 2, 3, 48, 999, 1000])
    func handsOutEveryElementSmallestFirst(count: Int) {
        let elements = values(count)
        var heap = SmallestFirst(elements)
        var taken: [Int] = []
        while let next = heap.popFirst() { taken.append(next) }
        #expect(taken == elements.sorted())
        #expect(heap.popFirst() == nil)
        #expect(heap.count == 0)
    }

    /// Taking a few leaves the rest, and frees them with the heap: keys that own memory (the
    /// keyword extractor's are numbers) are released whether taken or not.
    @Test func takingAFewLeavesTheRest() {
        let names = values(100).enumerated().map { "phrase \($1) at \($0)" }
        var heap = SmallestFirst(names)
        let first = (0..<5).compactMap { _ in heap.popFirst() }
        #expect(first == Array(names.sorted().prefix(5)))
        #expect(heap.count == 95)
    }

    /// Phrases of one score come out in the order of their index, as the keyword extractor packs it below the score.
    @Test func equalScoresComeOutByIndex() {
        let score = UInt128(0.25.bitPattern) << 64
        var heap = SmallestFirst([score | 7, score | 2, UInt128(0.5.bitPattern) << 64, score | 5])
        #expect(heap.popFirst() == score | 2)
        #expect(heap.popFirst() == score | 5)
        #expect(heap.popFirst() == score | 7)
    }
}
