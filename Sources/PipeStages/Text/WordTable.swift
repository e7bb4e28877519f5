/// A read-only map from short words to values, built once from word lists and read on hot paths.
///
/// The words are numbered by a `DenseIndex` (open addressing over `PackedWord` keys: a multiply,
/// a shift and, almost always, one comparison of three machine words), and the values are kept
/// by number.
struct WordTable<Value: Sendable>: Sendable {
    private var index: DenseIndex<PackedWord>
    private var values: [Value] = []
    /// A filter of 16 bits per word, each word setting one chosen by hash bits the index does not
    /// use: most words of a text are in no list, and most of those are turned away here by one
    /// load from an array small enough to stay in cache, instead of a probe of the index.
    private var filter: [UInt64]

    /// A table of `entries`; a word given twice gets its values joined with `merge`.
    init(_ entries: some Sequence<(String, Value)>, merge: (Value, Value) -> Value = { _, new in new }) {
        let entries = entries.compactMap { word, value in PackedWord(word).map { ($0, value) } }
        index = DenseIndex(capacity: entries.count)
        var words = 1
        while words < entries.count / 4 { words <<= 1 }
        filter = Array(repeating: 0, count: words)
        for (key, value) in entries {
            let (word, bit) = Self.filterBit(key.mixed, words: words)
            filter[word] |= bit
            let (id, isNew) = index.id(of: key)
            if isNew { values.append(value) } else { values[id] = merge(values[id], value) }
        }
    }

    /// The value of `key`, if the table has it.
    subscript(key: PackedWord) -> Value? {
        guard key.fits, !key.isEmpty else { return nil }
        let hash = key.mixed
        let (word, bit) = Self.filterBit(hash, words: filter.count)
        guard filter[word] & bit != 0 else { return nil }
        return index.existingID(of: key, hash: hash).map { values[$0] }
    }

    /// The filter word and bit of a key with the given hash: its top bits (the index uses the low ones).
    @inline(__always)
    private static func filterBit(_ hash: UInt64, words: Int) -> (word: Int, bit: UInt64) {
        (Int(truncatingIfNeeded: hash >> 40) & (words - 1), 1 << (hash >> 58))
    }

    /// The value of `word`, if the table has it.
    subscript(word: some StringProtocol) -> Value? {
        PackedWord(word).flatMap { self[$0] }
    }
}
