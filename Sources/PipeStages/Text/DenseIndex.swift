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

/// Numbers distinct keys 0, 1, 2, … in the order they are first seen.
///
/// Open addressing with linear probing; the table doubles when half full. Used per article for
/// word and phrase ids on the keyword hot path, and under every `WordTable`.
struct DenseIndex<Key: TableKey>: Sendable {
    private var slots: [Int32]
    /// The keys by id.
    private(set) var keys: [Key] = []

    /// How many distinct keys have been numbered.
    var count: Int { keys.count }

    /// An empty index sized for about `capacity` keys.
    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        keys.reserveCapacity(capacity)
    }

    /// The number of `key`, and whether it is new.
    mutating func id(of key: Key) -> (id: Int, isNew: Bool) {
        let (found, slot) = probe(key, hash: key.mixed)
        if let found { return (found, false) }
        slots[slot] = Int32(keys.count)
        keys.append(key)
        if keys.count * 2 > slots.count { grow() }
        return (keys.count - 1, true)
    }

    /// The number of `key` if it has one; numbers nothing. `hash` is `key.mixed`, when the caller has it.
    func existingID(of key: Key, hash: UInt64? = nil) -> Int? {
        probe(key, hash: hash ?? key.mixed).id
    }

    /// The id of `key`, whose `mixed` is `hash`, or nil and the empty slot where it would go.
    private func probe(_ key: Key, hash: UInt64) -> (id: Int?, slot: Int) {
        var slot = Int(truncatingIfNeeded: hash >> 7) & (slots.count - 1)
        while slots[slot] >= 0 {
            let id = Int(slots[slot])
            if keys[id] == key { return (id, slot) }
            slot = (slot + 1) & (slots.count - 1)
        }
        return (nil, slot)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        for (id, key) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: key.mixed >> 7) & (slots.count - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(id)
        }
    }
}
