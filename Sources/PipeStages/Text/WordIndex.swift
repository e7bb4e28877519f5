/// Numbers the distinct words of one text in the order they first appear.
///
/// Words that fit a `PackedWord` are found by open addressing over their packed form; longer ones
/// (rare: URLs, long compounds) go through a `Dictionary`.
struct WordIndex {
    private var slots: [Int32]
    private var keys: [PackedWord?] = []
    private var long: [String: Int] = [:]

    /// How many distinct words have been numbered.
    var count: Int { keys.count }

    /// An empty index sized for about `capacity` distinct words.
    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        keys.reserveCapacity(capacity)
    }

    /// The number of `word`, whose packed form is `key` (nil when it does not fit), and whether it is new.
    mutating func id(of word: String, key: PackedWord?) -> (id: Int, isNew: Bool) {
        guard let key else {
            if let id = long[word] { return (id, false) }
            long[word] = keys.count
            keys.append(nil)
            return (keys.count - 1, true)
        }
        var slot = Int(truncatingIfNeeded: key.mixed) & (slots.count - 1)
        while slots[slot] >= 0 {
            let id = Int(slots[slot])
            if keys[id] == key { return (id, false) }
            slot = (slot + 1) & (slots.count - 1)
        }
        slots[slot] = Int32(keys.count)
        keys.append(key)
        if keys.count * 2 > slots.count { grow() }
        return (keys.count - 1, true)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        for (id, key) in keys.enumerated() {
            guard let key else { continue }
            var slot = Int(truncatingIfNeeded: key.mixed) & (slots.count - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(id)
        }
    }
}
