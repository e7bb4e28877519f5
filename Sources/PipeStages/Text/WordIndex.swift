/// Numbers the distinct words of one text in the order they first appear.
///
/// Every word has a key in one ``ScratchIndex``, whose ids are the numbers: a word that fits a
/// `PackedWord` is its own key; a longer one (rare: URLs, long compounds) is found through a
/// `Dictionary` and keyed by a placeholder that no packed word equals.
struct WordIndex: ~Copyable {
    private var index: ScratchIndex<PackedWord>
    private var long: [String: Int] = [:]

    /// How many distinct words have been numbered.
    var count: Int { index.count }

    /// An empty index with room for about `capacity` distinct words.
    init(capacity: Int = 64) {
        index = ScratchIndex(capacity: capacity)
    }

    /// The number of the word packed as `key`, or of `word` when it does not fit, and whether it is new.
    mutating func id(of key: PackedWord?, word: @autoclosure () -> String) -> (id: Int, isNew: Bool) {
        if let key { return index.id(of: key) }
        let word = word()
        if let id = long[word] { return (id, false) }
        let id = index.id(of: PackedWord(placeholder: long.count)).id
        long[word] = id
        return (id, true)
    }
}
