/// A key that open-addressing tables place by a well-mixed 64-bit hash, without `Hasher`.
protocol TableKey: Equatable, Sendable {
    /// A hash whose high bits are well mixed.
    var mixed: UInt64 { get }
}

extension PackedWord: TableKey {}

extension UInt64: TableKey {
    /// A multiply-xorshift of the value.
    var mixed: UInt64 {
        let h = (self ^ (self >> 31)) &* 0x9E37_79B9_7F4A_7C15
        return h ^ (h >> 29)
    }
}

/// What the open-addressing tables (``ScratchIndex``, ``WordTable``) share: a size that is a power
/// of two with the keys filling at most half of it, and a key's first slot taken from its hash's
/// bits above the seventh (linear probing goes on from there).
enum OpenAddressing {
    /// The smallest size, a power of two and at least 16, that `count` keys fill at most half of.
    static func size(for count: Int) -> Int {
        var size = 16
        while size < count * 2 { size <<= 1 }
        return size
    }

    /// The first slot of a key whose hash is `hash`, in a table of `size` (a power of two).
    @inline(__always)
    static func slot(_ hash: UInt64, size: Int) -> Int {
        Int(truncatingIfNeeded: hash >> 7) & (size - 1)
    }
}
