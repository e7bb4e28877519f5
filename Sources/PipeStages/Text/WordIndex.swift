/// Numbers the distinct words of one text in the order they first appear.
///
/// Words that fit a `PackedWord` go through a `DenseIndex`; longer ones (rare: URLs, long
/// compounds) through a `Dictionary`. Ids are shared: both kinds count up from 0 together.
struct WordIndex {
    private var packed: DenseIndex<PackedWord>
    /// The id of each packed word in the shared numbering.
    private var packedIDs: [Int] = []
    private var long: [String: Int] = [:]

    /// How many distinct words have been numbered.
    private(set) var count = 0

    /// An empty index sized for about `capacity` distinct words.
    init(capacity: Int = 64) {
        packed = DenseIndex(capacity: capacity)
        packedIDs.reserveCapacity(capacity)
    }

    /// The number of the word packed as `key`, or of `word` when it does not fit, and whether it is new.
    mutating func id(of key: PackedWord?, word: @autoclosure () -> String) -> (id: Int, isNew: Bool) {
        if let key {
            let (index, isNew) = packed.id(of: key)
            if isNew { packedIDs.append(count) }
            return number(packedIDs[index], isNew: isNew)
        }
        let word = word()
        if let id = long[word] { return (id, false) }
        long[word] = count
        return number(count, isNew: true)
    }

    private mutating func number(_ id: Int, isNew: Bool) -> (id: Int, isNew: Bool) {
        if isNew { count += 1 }
        return (id, isNew)
    }
}
