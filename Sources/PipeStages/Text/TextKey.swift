import PipeKit

/// A text as a key of ``ScratchIndex``: hashed once, eight bytes at a time.
///
/// Cheaper than a `String` key of a `Dictionary`, whose `Hasher` is seeded, fed and finalized
/// for every lookup, for the per-article tables of names.
struct TextKey: TableKey {
    let text: String
    /// The hash of the bytes and the salt.
    let mixed: UInt64

    /// The key of `text`; keys with different salts never meet (`salt` tells kinds of name apart).
    init(_ text: String, salt: UInt64 = 0) {
        self.text = text
        var text = text
        mixed = text.withUTF8 { Self.hash($0, salt: salt) }
    }

    static func == (a: TextKey, b: TextKey) -> Bool {
        a.mixed == b.mixed && a.text == b.text
    }

    /// A multiply-xorshift over the bytes, eight at a time, seeded with the length and the salt.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, salt: UInt64) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = (UInt64(bytes.count) &+ salt &* 0xC2B2_AE3D_27D4_EB4F) &* multiplier
        var index = 0
        while index + 8 <= bytes.count {
            hash = (hash ^ ByteWords.load(bytes, at: index)) &* multiplier
            hash ^= hash >> 29
            index += 8
        }
        if index < bytes.count {
            hash = (hash ^ ByteWords.load(bytes, in: index..<bytes.count)) &* multiplier
            hash ^= hash >> 29
        }
        return hash ^ (hash >> 32)
    }
}
