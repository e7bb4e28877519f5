import PipeKit

/// A 128-bit hash of text with runs of white space counted as one space and the ends trimmed.
///
/// ``StableHash`` (FNV-1a), the same in every process, so that a resumed run recognises the
/// bodies the interrupted one saw. The white space (space, tab, line feed, vertical tab, form feed,
/// carriage return) is collapsed into a copy of the text first, without a branch for each byte,
/// and the copy is hashed eight bytes at a time: `dedupe` hashes every body on one core, in
/// input order, and a byte loop over `String.UTF8View` that hashed 256-byte pieces as it went
/// took 12 µs for a 2.9 KB body.
struct ContentHash {
    private var hash = StableHash()

    /// Adds `text`, its white space collapsed.
    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count) { collapsed in
                let count = Self.collapse(utf8, into: collapsed)
                hash.add(contiguous: UnsafeRawBufferPointer(start: collapsed.baseAddress, count: count))
            }
        }
    }

    /// Adds a zero byte, which no text adds, between two texts: `"ab" + "c"` differs from `"a" + "bc"`.
    mutating func separate() {
        hash.add(bytes: CollectionOfOne(0))
    }

    /// The hash so far.
    var value: UInt128 { hash.value }

    /// Writes `bytes` to `output` (room for as many) with each run of white space as one space and
    /// none at either end; returns how many bytes it wrote.
    ///
    /// Every byte is written where the next one goes; the place moves on unless the byte is white
    /// space that follows white space (or the start). A final run of white space leaves one space,
    /// which is dropped at the end.
    static func collapse(_ bytes: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var count = 0
        var afterSpace = true
        for byte in bytes {
            let isSpace = byte == 0x20 || byte &- 0x09 < 5
            output[count] = isSpace ? 0x20 : byte
            count &+= isSpace && afterSpace ? 0 : 1
            afterSpace = isSpace
        }
        return afterSpace && count > 0 ? count - 1 : count
    }
}
