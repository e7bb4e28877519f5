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

    /// A word appended far past the capacity (its count is one byte) stops fitting and stays so.
    @Test func appendingPastTheCapacityNeverFitsAgain() {
        var word = PackedWord()
        for _ in 0..<300 { word.append(UInt8(ascii: "a")) }
        #expect(!word.fits)
        #expect(word.count == PackedWord.capacity + 1)
        #expect(word != PackedWord(String(repeating: "a", count: PackedWord.capacity)))
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

    /// Packing from a body, eight bytes at a time away from its end, matches packing the bytes
    /// one by one, for every range of up to 26 bytes.
    @Test func packingFromTheBodyMatchesPackingTheBytes() {
        let text = Array("Secretary-General Ban Ki-moon’s communiqué, x-2345678901234567890123 U.S.".utf8)
        text.withUnsafeBufferPointer { buffer in
            for start in 0..<buffer.count {
                for end in start...min(start + 26, buffer.count) {
                    let range = start..<end
                    #expect(PackedWord(buffer, bytes: range) == PackedWord(utf8: UnsafeBufferPointer(rebasing: buffer[range])), "\(range)")
                }
            }
        }
    }

    /// The byte tests over packed words answer as counting the bytes does.
    @Test(arguments: ["NATO", "Nato", "U.S", "aB", "A", "iPhone", "ABCDEFGHIJKLMNOPQRSTUVWX", "abcdefghijklmnopqrstuvwX",
                      "abcdefgHijklmnoP", "N7777777Z", "7777777N-", "that's", "al-Assad", "abcd-e", "x'", "-", "1990s", "rock'n'roll", "abcdefgh'"])
    func byteTestsAnswerAsCountingDoes(word: String) throws {
        let packed = try #require(PackedWord(word))
        let bytes = Array(word.utf8)
        let capitals = bytes.count { (0x41...0x5A).contains($0) }
        #expect(packed.holds(atLeast: 1, in: 0x41, 0x5A) == (capitals >= 1))
        #expect(packed.holds(atLeast: 2, in: 0x41, 0x5A) == (capitals >= 2))
        #expect(packed.holds(atLeast: 1, in: 0x61, 0x7A) == bytes.contains { (0x61...0x7A).contains($0) })
        #expect(packed.contains(UInt8(ascii: "'")) == bytes.contains(UInt8(ascii: "'")))
        #expect(packed.contains(UInt8(ascii: "-"), inFirst: 4) == bytes.prefix(4).contains(UInt8(ascii: "-")))
    }
}
