/// Eight bytes read as one machine word, to search byte buffers eight bytes at a time.
///
/// The tests here are exact for "some byte of the word" (a borrow can only spoil the bytes above
/// a true match), which is what a search needs to pass a word over or stop in it.
public enum ByteWords {
    /// `byte` in each of the word's eight bytes.
    @inlinable
    public static func repeating(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

    /// The eight bytes from `offset` on, the first lowest.
    @inlinable
    public static func load(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The bytes of `range` (at most eight), the first lowest and the rest zero, read one by one:
    /// for the end of a buffer, where eight bytes cannot be loaded.
    @inlinable
    public static func load(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> UInt64 {
        var word: UInt64 = 0
        for index in range.reversed() { word = word << 8 | UInt64(bytes[index]) }
        return word
    }

    /// Whether some byte of `word` is `byte` (no zero byte after XOR with it repeated).
    @inlinable
    public static func contains(_ word: UInt64, _ byte: UInt8) -> Bool {
        hasByte(word ^ repeating(byte), below: 1)
    }

    /// Whether some byte of `word` is below `limit` (at most 0x80): the high bit of
    /// `byte - limit` is set where the byte's own is clear.
    @inlinable
    public static func hasByte(_ word: UInt64, below limit: UInt8) -> Bool {
        (word &- repeating(limit)) & ~word & repeating(0x80) != 0
    }

    /// The high bit of each byte of `word` that lies in `low...high` (ASCII, `low` above 0),
    /// set without a carry from one byte into the next; bytes from 0x80 on are never marked.
    @inlinable
    public static func marks(_ word: UInt64, in low: UInt8, _ high: UInt8) -> UInt64 {
        let low7 = word & repeating(0x7F)
        // The high bit of each byte: set for bytes from `low` on, and for bytes after `high`.
        let fromLow = low7 &+ repeating(0x80 - low)
        let afterHigh = low7 &+ repeating(0x7F - high)
        return fromLow & ~afterHigh & ~word & repeating(0x80)
    }

    /// The offset of the first byte from `start` on that `isMatch` accepts, or `bytes.count`.
    ///
    /// Words for which `mayHold` is false are passed over whole; it must be true for every word
    /// that holds a match (the tests above are). The rest is searched byte by byte.
    @inlinable
    public static func firstIndex(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int, wordMayHold mayHold: (UInt64) -> Bool,
        where isMatch: (UInt8) -> Bool
    ) -> Int {
        var index = start
        while index + 8 <= bytes.count, !mayHold(load(bytes, at: index)) { index += 8 }
        while index < bytes.count, !isMatch(bytes[index]) { index += 1 }
        return index
    }
}
