@testable import PipeStages
import Testing

@Suite("ScratchIndex")
struct ScratchIndexTests {
    /// Keys are numbered in first-seen order through growth from any first size, however their
    /// hashes collide in the table.
    @Test(arguments: [0, 1, 7, 8, 9, 5000])
    func numbersKeysInFirstSeenOrderThroughGrowth(capacity: Int) {
        var index = ScratchIndex<UInt64>(capacity: capacity)
        // Multiples of 2^40 differ only in bits the table's slot does not use, so they collide.
        let keys: [UInt64] = (0..<3000).map { $0.isMultiple(of: 2) ? $0 << 40 : $0 &* 0x9E37_79B9 }
        for (position, key) in keys.enumerated() {
            #expect(index.id(of: key) == (position, true))
        }
        for (position, key) in keys.enumerated().reversed() {
            #expect(index.id(of: key) == (position, false))
        }
        #expect(index.count == keys.count)
    }

    /// Keys that own memory (a `TextKey` holds its text) survive the moves of growth.
    @Test func keysThatOwnMemorySurviveGrowth() {
        var index = ScratchIndex<TextKey>(capacity: 1)
        let names = (0..<100).map { "Minister number \($0) of the interior" }
        for (position, name) in names.enumerated() {
            #expect(index.id(of: TextKey(name, salt: 1)) == (position, true))
        }
        for (position, name) in names.enumerated() {
            #expect(index.id(of: TextKey(name, salt: 1)) == (position, false))
            #expect(index.id(of: TextKey(name, salt: 2)).isNew)
        }
    }

    @Test func numbersPackedWordsInFirstSeenOrder() throws {
        var index = ScratchIndex<PackedWord>(capacity: 4)
        var numbers: [String: Int] = [:]
        for word in "the envoy said the talks in Geneva would resume and the envoy left".split(separator: " ") {
            let key = try #require(PackedWord(word))
            let expected = numbers[String(word)] ?? numbers.count
            #expect(index.id(of: key) == (expected, numbers[String(word)] == nil))
            numbers[String(word)] = expected
        }
        #expect(index.count == numbers.count)
    }
}
