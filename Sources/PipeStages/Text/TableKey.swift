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
