/// Numbers distinct keys 0, 1, 2, … in the order they are first seen, for the work on one text:
/// open addressing with linear probing over plain memory, freed with its scope.
///
/// Used per article for the keyword extractor's words, pairs of neighbours and phrases, and for
/// the names of entities: several keys for every token. An index kept in arrays cost every new
/// key two checks that the arrays were not shared and an append; this one cannot be copied, so
/// it needs no such checks. It doubles its table when half full; sized well at the start, it
/// seldom has to.
struct ScratchIndex<Key: TableKey>: ~Copyable {
    private var slots: UnsafeMutableBufferPointer<Int32>
    private var keys: UnsafeMutableBufferPointer<Key>
    /// How many distinct keys have been numbered.
    private(set) var count = 0

    /// An empty index with room for about `capacity` keys.
    init(capacity: Int) {
        let size = OpenAddressing.size(for: capacity)
        slots = .allocate(capacity: size)
        slots.initialize(repeating: -1)
        keys = .allocate(capacity: size / 2)
    }

    deinit {
        UnsafeMutableBufferPointer(rebasing: keys[..<count]).deinitialize()
        keys.deallocate()
        slots.deallocate()
    }

    /// The number of `key`, and whether it is new.
    mutating func id(of key: Key) -> (id: Int, isNew: Bool) {
        let mask = slots.count - 1
        var slot = OpenAddressing.slot(key.mixed, size: slots.count)
        while slots[slot] >= 0 {
            let id = Int(slots[slot])
            if keys[id] == key { return (id, false) }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(truncatingIfNeeded: count)
        keys.initializeElement(at: count, to: key)
        count += 1
        // Keys fill half the table at most: there is room for the next one.
        if count == keys.count { grow() }
        return (count - 1, true)
    }

    /// The number of `key` if it has one, without numbering it.
    ///
    /// The probe is ``id(of:)``'s written out again: shared through a helper (returning the slot
    /// or the id), it cost the keyword and entity counts 1% more instructions an article.
    func existingID(of key: Key) -> Int? {
        let mask = slots.count - 1
        var slot = OpenAddressing.slot(key.mixed, size: slots.count)
        while slots[slot] >= 0 {
            let id = Int(slots[slot])
            if keys[id] == key { return id }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Doubles the table and the room for keys, and places the keys again.
    @inline(never)
    private mutating func grow() {
        let larger = UnsafeMutableBufferPointer<Key>.allocate(capacity: 2 * keys.count)
        _ = larger.moveInitialize(fromContentsOf: keys[..<count])
        keys.deallocate()
        keys = larger
        slots.deallocate()
        slots = .allocate(capacity: 2 * keys.count)
        slots.initialize(repeating: -1)
        let mask = slots.count - 1
        for id in 0..<count {
            var slot = OpenAddressing.slot(keys[id].mixed, size: slots.count)
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(truncatingIfNeeded: id)
        }
    }
}
