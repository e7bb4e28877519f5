/// Numbers distinct keys 0, 1, 2, … in the order they are first seen, for the work on one text:
/// sized once for the most keys there can be, written through pointers, freed with its scope.
///
/// ``DenseIndex`` is a value that grows as needed, which costs every insertion two checks that
/// its arrays are not shared and an append that may reallocate. The keyword extractor numbers
/// several keys for every token of an article and knows the most it can meet (a word, a pair of
/// neighbours, a phrase per token), so its indexes are these: they cannot be copied, never grow,
/// and hold plain memory.
struct ScratchIndex<Key: TableKey>: ~Copyable {
    private let slots: UnsafeMutableBufferPointer<Int32>
    private let keys: UnsafeMutableBufferPointer<Key>
    /// How many distinct keys have been numbered.
    private(set) var count = 0

    /// An empty index for at most `maximumCount` keys, with its table at most half full.
    init(maximumCount: Int) {
        var size = 16
        while size < maximumCount * 2 { size <<= 1 }
        slots = .allocate(capacity: size)
        slots.initialize(repeating: -1)
        keys = .allocate(capacity: max(maximumCount, 1))
    }

    deinit {
        UnsafeMutableBufferPointer(rebasing: keys[..<count]).deinitialize()
        keys.deallocate()
        slots.deallocate()
    }

    /// The number of `key`, and whether it is new; a key past `maximumCount` is a programming error.
    mutating func id(of key: Key) -> (id: Int, isNew: Bool) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: key.mixed >> 7) & mask
        while slots[slot] >= 0 {
            let id = Int(slots[slot])
            if keys[id] == key { return (id, false) }
            slot = (slot + 1) & mask
        }
        precondition(count < keys.count, "a ScratchIndex holds at most the keys it was made for")
        slots[slot] = Int32(truncatingIfNeeded: count)
        keys.initializeElement(at: count, to: key)
        count += 1
        return (count - 1, true)
    }
}
