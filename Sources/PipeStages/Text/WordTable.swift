/// A read-only map from short words to values, built once from word lists and read on hot paths.
///
/// The words are numbered by a `DenseIndex` (open addressing over `PackedWord` keys: a multiply,
/// a shift and, almost always, one comparison of three machine words), and the values are kept
/// by number.
struct WordTable<Value: Sendable>: Sendable {
    private var index: DenseIndex<PackedWord>
    private var values: [Value] = []

    /// A table of `entries`; a word given twice gets its values joined with `merge`.
    init(_ entries: some Sequence<(String, Value)>, merge: (Value, Value) -> Value = { _, new in new }) {
        let entries = entries.compactMap { word, value in PackedWord(word).map { ($0, value) } }
        index = DenseIndex(capacity: entries.count)
        for (key, value) in entries {
            let (id, isNew) = index.id(of: key)
            if isNew { values.append(value) } else { values[id] = merge(values[id], value) }
        }
    }

    /// The value of `key`, if the table has it.
    subscript(key: PackedWord) -> Value? {
        guard key.fits, !key.isEmpty else { return nil }
        return index.existingID(of: key).map { values[$0] }
    }

    /// The value of `word`, if the table has it.
    subscript(word: some StringProtocol) -> Value? {
        PackedWord(word).flatMap { self[$0] }
    }
}
