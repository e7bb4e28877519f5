@testable import PipeStages
import Testing

@Suite("WordTable")
struct WordTableTests {
    @Test func findsEveryWordItWasBuiltFromAndNoOther() {
        let words = (0..<500).map { "w\($0)" } + ["Secretary-General", "communiqué", "a", "x-2345678901234567890123"]
        let table = WordTable(words.enumerated().map { ($1, $0) })
        for (index, word) in words.enumerated() {
            #expect(table[word] == index)
        }
        for missing in ["w500", "W1", "", "Secretary", "communique", "b", "w1 "] {
            #expect(table[missing] == nil)
        }
    }

    @Test func aWordGivenTwiceMergesItsValues() {
        let table = WordTable([("de", 1), ("la", 2), ("de", 4)], merge: |)
        #expect(table["de"] == 5)
        #expect(table["la"] == 2)
    }

    @Test func wordsLongerThanTheCapacityAreNeverFound() {
        let long = String(repeating: "a", count: PackedWord.capacity + 1)
        let table = WordTable([(long, 1), (String(long.dropLast()), 2)])
        #expect(table[long] == nil)
        #expect(table[String(long.dropLast())] == 2)
        #expect(PackedWord(long) == nil)
    }

    @Test func packingByteByByteEqualsPackingTheString() throws {
        var word = PackedWord()
        for scalar in "Genève".unicodeScalars { word.append(scalar) }
        #expect(word == PackedWord("Genève"))
        #expect(word.count == 7)
    }

    @Test(arguments: ["Secretary-General", "AT&T", "@[`{Z]A_z", "ÉCOLE Genève", "x", "", "MIXED case WORDS 123456"])
    func copyingTheBytesAndLowerCasingEightAtATimeMatchTheByteLoop(text: String) throws {
        var text = text
        let copied = text.withUTF8 { PackedWord(utf8: $0) }
        #expect(copied == PackedWord(text))
        let lowered = String(decoding: text.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        #expect(copied?.lowercasedASCII == PackedWord(lowered))
    }
}

@Suite("DenseIndex")
struct DenseIndexTests {
    @Test func numbersKeysInFirstSeenOrderThroughGrowth() {
        var index = DenseIndex<UInt64>(capacity: 2)
        let keys: [UInt64] = (0..<5000).map { $0 &* 0x9E37_79B9 } + [1 << 62, 1 << 63, UInt64.max]
        for (position, key) in keys.enumerated() {
            #expect(index.id(of: key) == (position, true))
        }
        for (position, key) in keys.enumerated().reversed() {
            #expect(index.id(of: key) == (position, false))
        }
        #expect(index.count == keys.count)
    }

    @Test func wordIndexSharesOneNumberingBetweenShortAndLongWords() {
        var index = WordIndex()
        let long = String(repeating: "x", count: 40)
        #expect(index.id(of: PackedWord("the"), word: "the") == (0, true))
        #expect(index.id(of: nil, word: long) == (1, true))
        #expect(index.id(of: PackedWord("envoy"), word: "envoy") == (2, true))
        #expect(index.id(of: PackedWord("the"), word: "the") == (0, false))
        #expect(index.id(of: nil, word: long) == (1, false))
        #expect(index.count == 3)
    }
}
