/// A read-only map from short words to values, built once from word lists and read on hot paths.
///
/// Open addressing with linear probing over `PackedWord` keys: a lookup is a multiply, a shift
/// and, almost always, one comparison of three machine words.
struct WordTable<Value: Sendable>: Sendable {
    private var keys: [PackedWord]
    private var values: [Value?]
    private let shift: UInt64

    /// A table of `entries`; a word given twice gets its values joined with `merge`.
    init(_ entries: some Sequence<(String, Value)>, merge: (Value, Value) -> Value = { _, new in new }) {
        let entries = entries.compactMap { word, value in PackedWord(word).map { ($0, value) } }
        var bits = 4
        while 1 << bits < entries.count * 3 { bits += 1 }
        keys = Array(repeating: PackedWord(), count: 1 << bits)
        values = Array(repeating: nil, count: 1 << bits)
        shift = UInt64(64 - bits)
        for (key, value) in entries {
            var slot = self.slot(of: key)
            while values[slot] != nil, keys[slot] != key {
                slot = (slot + 1) & (keys.count - 1)
            }
            keys[slot] = key
            values[slot] = values[slot].map { merge($0, value) } ?? value
        }
    }

    private func slot(of key: PackedWord) -> Int { Int(truncatingIfNeeded: key.mixed >> shift) }

    /// The value of `key`, if the table has it.
    subscript(key: PackedWord) -> Value? {
        guard key.fits, !key.isEmpty else { return nil }
        var slot = slot(of: key)
        while let value = values[slot] {
            if keys[slot] == key { return value }
            slot = (slot + 1) & (keys.count - 1)
        }
        return nil
    }

    /// The value of `word`, if the table has it.
    subscript(word: some StringProtocol) -> Value? {
        PackedWord(word).flatMap { self[$0] }
    }
}
