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
            }
        }
    }

    @Test func firstIndexFindsTheFirstMatchPastWholeWords() {
        let bytes = Array("abcdefgh ijklmnop qrst\"uv\"".utf8)
        let found = bytes.withUnsafeBufferPointer { buffer in
            (0..<bytes.count).map { start in
                ByteWords.firstIndex(in: buffer, from: start, wordMayHold: { ByteWords.contains($0, 0x22) }, where: { $0 == 0x22 })
            }
        }
        #expect(found == (0..<bytes.count).map { start in bytes[start...].firstIndex(of: 0x22) ?? bytes.count })
    }
}
