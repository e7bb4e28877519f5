/// A read-only map from short words to values, built once from word lists and read on hot paths.
///
/// Open addressing over `PackedWord` keys (a multiply, a shift and, almost always, one comparison
/// of three machine words), with each word and its value in one slot: a lookup reads one place of
/// the table, where an index of numbers, a table of keys and one of values took three reads from
/// three places, each one a likely cache miss for the lexicon the tokenizer asks about every word.
struct WordTable<Value: Sendable>: Sendable {
    /// A word and its value; an empty word marks a free slot (no table holds the empty word).
    private struct Slot: Sendable {
        var key = PackedWord()
        var value: Value?
    }

    private var slots: [Slot]
    /// A filter of 16 bits per word, each word setting one chosen by hash bits the slots do not
    /// use: most words of a text are in no list, and most of those are turned away here by one
    /// load from an array small enough to stay in cache, instead of a probe of the table.
    private var filter: [UInt64]

    /// A table of `entries`; a word given twice gets its values joined with `merge`.
    init(_ entries: some Sequence<(String, Value)>, merge: (Value, Value) -> Value = { _, new in new }) {
        let entries = entries.compactMap { word, value in PackedWord(word).flatMap { $0.isEmpty ? nil : ($0, value) } }
        let size = OpenAddressing.size(for: entries.count)
        slots = Array(repeating: Slot(), count: size)
        var words = 1
        while words < entries.count / 4 { words <<= 1 }
        filter = Array(repeating: 0, count: words)
        for (key, value) in entries {
            let hash = key.mixed
            let (word, bit) = Self.filterBit(hash, words: words)
            filter[word] |= bit
            var slot = OpenAddressing.slot(hash, size: size)
            while !slots[slot].key.isEmpty, slots[slot].key != key { slot = (slot + 1) & (size - 1) }
            if let old = slots[slot].value {
                slots[slot].value = merge(old, value)
            } else {
                slots[slot] = Slot(key: key, value: value)
            }
        }
    }

    /// The value of `key`, if the table has it.
    subscript(key: PackedWord) -> Value? {
        guard key.fits, !key.isEmpty else { return nil }
        let hash = key.mixed
        let (word, bit) = Self.filterBit(hash, words: filter.count)
        guard filter[word] & bit != 0 else { return nil }
        var slot = OpenAddressing.slot(hash, size: slots.count)
        while !slots[slot].key.isEmpty {
            if slots[slot].key == key { return slots[slot].value }
            slot = (slot + 1) & (slots.count - 1)
        }
        return nil
    }

    /// The filter word and bit of a key with the given hash: its top bits (the slot uses the low ones).
    @inline(__always)
    private static func filterBit(_ hash: UInt64, words: Int) -> (word: Int, bit: UInt64) {
        (Int(truncatingIfNeeded: hash >> 40) & (words - 1), 1 << (hash >> 58))
    }

    /// The value of `word`, if the table has it.
    subscript(word: some StringProtocol) -> Value? {
        PackedWord(word).flatMap { self[$0] }
    }
}
