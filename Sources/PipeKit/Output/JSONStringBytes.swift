/// The bytes of a JSON string's text that the writer must escape and the reader must decode:
/// control characters (below 0x20), `"` and `\`.
public enum JSONStringBytes {
    /// Whether `byte` is one of them.
    @inlinable
    public static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// The offset of the first special byte at or after `start`, or `bytes.count`, read eight
    /// bytes at a time.
    public static func plainRunEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        ByteWords.firstIndex(in: bytes, from: start, marks: { word in
            ByteWords.bytes(below: 0x20, in: word) | ByteWords.matches(word, UInt8(ascii: "\"")) | ByteWords.matches(word, UInt8(ascii: "\\"))
        }, where: isSpecial)
    }
}
