/// The bytes of a JSON string's text that the writer must escape and the reader must decode:
/// control characters (below 0x20), `"` and `\`.
public enum JSONStringBytes {
    /// Whether `byte` is one of them.
    @inlinable
    public static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// The offset of the first special byte at or after `start`, or `bytes.count`.
    ///
    /// Read eight bytes at a time: a word is passed over when none of its bytes is below 0x20
    /// (the high bit of `byte - 0x20` set where the byte's own is clear), `"` or `\` (a zero byte
    /// after XOR with the byte repeated). These tests are exact for "some byte in the word", so
    /// the byte-by-byte search that follows ends within the word that failed them.
    public static func plainRunEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        var index = start
        while index + 8 <= bytes.count {
            let word = UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let control = (word &- 0x20 &* ones) & ~word & highs != 0
            if control || hasZeroByte(word ^ (0x22 &* ones)) || hasZeroByte(word ^ (0x5C &* ones)) { break }
            index += 8
        }
        while index < bytes.count, !isSpecial(bytes[index]) { index += 1 }
        return index
    }
}
