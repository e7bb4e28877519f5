import PipeKit
import Testing

@Suite("ByteWords")
struct ByteWordsTests {
    /// The word tests answer as a byte-by-byte look does, for words of bytes next to the ones
    /// searched for, every byte at every place.
    @Test(arguments: [UInt8(0x00), 0x01, 0x1F, 0x20, 0x21, 0x22, 0x5C, 0x7F, 0x80, 0xFF])
    func wordTestsAnswerAsTheBytesDo(byte: UInt8) {
        let fillers: [UInt8] = [0x21, 0x23, 0x5B, 0x5D, 0x41, 0xE2, 0x80, 0x20]
        for filler in fillers {
            for place in 0..<8 {
                var bytes = [UInt8](repeating: filler, count: 8)
                bytes[place] = byte
                let word = bytes.withUnsafeBufferPointer { ByteWords.load($0, at: 0) }
                #expect(ByteWords.contains(word, byte))
                #expect(ByteWords.contains(word, 0x22) == bytes.contains(0x22), "\(bytes)")
                #expect(ByteWords.hasByte(word, below: 0x20) == bytes.contains { $0 < 0x20 }, "\(bytes)")
                // The lowest mark is the first matching byte.
                #expect(ByteWords.matches(word, 0x22).trailingZeroBitCount / 8 == bytes.firstIndex(of: 0x22) ?? 8, "\(bytes)")
                #expect(ByteWords.bytes(below: 0x20, in: word).trailingZeroBitCount / 8 == bytes.firstIndex { $0 < 0x20 } ?? 8, "\(bytes)")
            }
        }
    }

    /// `marks` sets the high bit of exactly the bytes in the range, whatever stands beside them.
    @Test(arguments: [(UInt8(0x41), UInt8(0x5A)), (0x61, 0x7A), (0x30, 0x39), (0x01, 0x7E)])
    func marksAreThoseOfTheBytesInTheRange(low: UInt8, high: UInt8) {
        for byte in UInt8.min...UInt8.max {
            for filler in [UInt8(0x00), low, high, low &- 1, high &+ 1, 0x80, 0xFF] {
                for place in [0, 3, 7] {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[place] = byte
                    let word = bytes.withUnsafeBufferPointer { ByteWords.load($0, at: 0) }
                    let expected = bytes.enumerated().reduce(UInt64(0)) { marks, element in
                        (low...high).contains(element.element) ? marks | 0x80 << UInt64(8 * element.offset) : marks
                    }
                    #expect(ByteWords.marks(word, in: low, high) == expected, "\(bytes)")
                }
            }
        }
    }

    /// Up to eight bytes read one by one come out as eight loaded at once, with the bytes past
    /// the range zero.
    @Test func loadingARangeMatchesLoadingAWholeWord() {
        let bytes: [UInt8] = [0x41, 0xE2, 0x80, 0x99, 0x00, 0x7F, 0xFF, 0x20, 0x5C, 0x31]
        bytes.withUnsafeBufferPointer { buffer in
            for start in 0...2 {
                let whole = ByteWords.load(buffer, at: start)
                for length in 0...8 {
                    let mask: UInt64 = length == 8 ? ~0 : (1 << UInt64(8 * length)) - 1
                    #expect(ByteWords.load(buffer, in: start..<(start + length)) == whole & mask, "\(start) \(length)")
                }
            }
        }
    }

    @Test func firstIndexFindsTheFirstMatchPastWholeWords() {
        let bytes = Array("abcdefgh ijklmnop qrst\"uv\"".utf8)
        let found = bytes.withUnsafeBufferPointer { buffer in
            (0..<bytes.count).map { start in
                ByteWords.firstIndex(in: buffer, from: start, marks: { ByteWords.matches($0, 0x22) }, where: { $0 == 0x22 })
            }
        }
        #expect(found == (0..<bytes.count).map { start in bytes[start...].firstIndex(of: 0x22) ?? bytes.count })
    }

    @Test func firstIndexOfAByteIsMemchrs() {
        let bytes = Array("abc\ndef\u{0}gh\n\n".utf8)
        bytes.withUnsafeBytes { raw in
            for start in 0...bytes.count + 1 {
                for byte: UInt8 in [0x0A, 0x00, 0x61, 0x7A] {
                    let expected = start < bytes.count ? bytes[start...].firstIndex(of: byte) : nil
                    #expect(ByteWords.firstIndex(of: byte, in: raw, from: start) == expected, "\(byte) from \(start)")
                }
            }
        }
        #expect(ByteWords.firstIndex(of: 0x0A, in: UnsafeRawBufferPointer(start: nil, count: 0)) == nil)
    }
}
