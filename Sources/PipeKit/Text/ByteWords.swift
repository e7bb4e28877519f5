#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Eight bytes read as one machine word, to search byte buffers eight bytes at a time.
///
/// The tests here are exact for "some byte of the word" (a borrow can only spoil the bytes above
/// a true match), which is what a search needs to pass a word over or stop in it.
package enum ByteWords {
    /// `byte` in each of the word's eight bytes.
    @inlinable
    package static func repeating(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

    /// The eight bytes from `offset` on, the first lowest.
    @inlinable
    package static func load(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The bytes of `range` (at most eight), the first lowest and the rest zero, read one by one:
    /// for the end of a buffer, where eight bytes cannot be loaded.
    @inlinable
    package static func load(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> UInt64 {
        var word: UInt64 = 0
        for index in range.reversed() { word = word << 8 | UInt64(bytes[index]) }
        return word
    }

    /// Whether some byte of `word` is `byte`.
    @inlinable
    package static func contains(_ word: UInt64, _ byte: UInt8) -> Bool {
        matches(word, byte) != 0
    }

    /// Whether some byte of `word` is below `limit` (at most 0x80).
    @inlinable
    package static func hasByte(_ word: UInt64, below limit: UInt8) -> Bool {
        bytes(below: limit, in: word) != 0
    }

    /// The high bit of each byte of `word` that is `byte` (a zero byte after XOR with it
    /// repeated), exact up to the first such byte.
    @inlinable
    package static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        bytes(below: 1, in: word ^ repeating(byte))
    }

    /// The high bit of each byte of `word` below `limit` (at most 0x80): the high bit of
    /// `byte - limit` is set where the byte's own is clear. Exact up to the first such byte; a
    /// borrow from it can only mark bytes after it.
    @inlinable
    package static func bytes(below limit: UInt8, in word: UInt64) -> UInt64 {
        (word &- repeating(limit)) & ~word & repeating(0x80)
    }

    /// The high bit of each byte of `word` that lies in `low...high` (ASCII, `low` above 0),
    /// set without a carry from one byte into the next; bytes from 0x80 on are never marked.
    @inlinable
    package static func marks(_ word: UInt64, in low: UInt8, _ high: UInt8) -> UInt64 {
        let low7 = word & repeating(0x7F)
        // The high bit of each byte: set for bytes from `low` on, and for bytes after `high`.
        let fromLow = low7 &+ repeating(0x80 - low)
        let afterHigh = low7 &+ repeating(0x7F - high)
        return fromLow & ~afterHigh & ~word & repeating(0x80)
    }

    /// The offset of the first byte from `start` on that `isMatch` accepts, or `bytes.count`.
    ///
    /// Whole words are tested with `marks`, which gives the high bit of the matching bytes of a
    /// word, exact up to the first (as the masks above are): the first match is its lowest set
    /// bit. The bytes after the last whole word are tested one by one.
    @inlinable
    package static func firstIndex(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int, marks: (UInt64) -> UInt64, where isMatch: (UInt8) -> Bool
    ) -> Int {
        var index = start
        while index + 8 <= bytes.count {
            let found = marks(load(bytes, at: index))
            if found != 0 { return index + found.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < bytes.count, !isMatch(bytes[index]) { index += 1 }
        return index
    }

    /// The offset of the first `byte` in `bytes` from `start` on, found by `memchr` (many bytes
    /// at a time), or nil.
    package static func firstIndex(of byte: UInt8, in bytes: UnsafeRawBufferPointer, from start: Int = 0) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress,
              let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }
}
