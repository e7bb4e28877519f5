/// A short word packed into three machine words, so that looking it up costs no allocation and
/// no `Hasher`.
///
/// A word of up to 24 UTF-8 bytes fits; the unused bytes are zero, which no word contains, so
/// equal words pack to equal values. Every word in Pipe's word lists fits.
struct PackedWord: Hashable, Sendable {
    /// The most bytes a packed word holds.
    static let capacity = 24

    private(set) var a: UInt64 = 0
    private(set) var b: UInt64 = 0
    private(set) var c: UInt64 = 0
    /// The bytes appended so far; more than `capacity` means the word did not fit.
    private(set) var count = 0

    init() {}

    /// Packs `text`, or returns nil when it is longer than `capacity` bytes.
    init?(_ text: some StringProtocol) {
        for byte in text.utf8 { append(byte) }
        guard fits else { return nil }
    }

    /// Packs UTF-8 bytes, or returns nil when there are more than `capacity`.
    ///
    /// Shifted in byte by byte: words are short (five bytes on average), and a loop costs less
    /// than a `memmove` call.
    init?(utf8: UnsafeBufferPointer<UInt8>) {
        guard utf8.count <= Self.capacity else { return nil }
        func pack(_ range: Range<Int>) -> UInt64 {
            var word: UInt64 = 0
            for index in range.reversed() { word = word << 8 | UInt64(utf8[index]) }
            return word
        }
        a = pack(0..<min(8, utf8.count))
        if utf8.count > 8 { b = pack(8..<min(16, utf8.count)) }
        if utf8.count > 16 { c = pack(16..<utf8.count) }
        count = utf8.count
    }

    /// The word with its ASCII capitals made small letters, eight bytes at a time.
    var lowercasedASCII: PackedWord {
        func lower(_ word: UInt64) -> UInt64 {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let low7 = word & (0x7F * ones)
            // The high bit of each byte: set for bytes from `A` on, and for bytes after `Z`.
            let fromA = low7 &+ (0x80 - 0x41) * ones
            let afterZ = low7 &+ (0x80 - 0x5B) * ones
            let isCapital = fromA & ~afterZ & ~word & (0x80 * ones)
            return word | (isCapital >> 2)
        }
        var result = self
        result.a = lower(a)
        result.b = lower(b)
        result.c = lower(c)
        return result
    }

    /// Whether every byte is ASCII.
    var isASCII: Bool { (a | b | c) & 0x8080_8080_8080_8080 == 0 }

    /// The packed bytes as text (when they fit).
    var string: String {
        let length = min(count, Self.capacity)
        return withUnsafeBytes(of: (a.littleEndian, b.littleEndian, c.littleEndian)) { raw in
            String(decoding: raw.prefix(length), as: UTF8.self)
        }
    }

    /// The byte at `index`, which must be below `count` and `capacity`.
    func byte(at index: Int) -> UInt8 {
        let word = index < 8 ? a : index < 16 ? b : c
        return UInt8(truncatingIfNeeded: word >> UInt64((index & 7) * 8))
    }

    /// The word without its last `length` bytes (a word that fits).
    func droppingLast(_ length: Int) -> PackedWord {
        var result = PackedWord()
        for index in 0..<max(0, min(count, Self.capacity) - length) { result.append(byte(at: index)) }
        return result
    }

    /// Whether every byte appended so far fits.
    var fits: Bool { count <= Self.capacity }

    var isEmpty: Bool { count == 0 }

    /// Appends one byte; a word that grows past `capacity` stops fitting.
    mutating func append(_ byte: UInt8) {
        let shift = UInt64((count & 7) * 8)
        switch count >> 3 {
        case 0: a |= UInt64(byte) << shift
        case 1: b |= UInt64(byte) << shift
        case 2: c |= UInt64(byte) << shift
        default: break
        }
        count += 1
    }

    /// Appends `scalar` as UTF-8.
    mutating func append(_ scalar: Unicode.Scalar) {
        for byte in UTF8.encode(scalar).unsafelyUnwrapped { append(byte) }
    }

    /// A well-mixed hash (a multiply-xorshift of the three words).
    var mixed: UInt64 {
        var h = a &* 0x9E37_79B9_7F4A_7C15
        h ^= (b &+ 0x632B_E59B_D9B4_E019) &* 0xC2B2_AE3D_27D4_EB4F
        h ^= (c &+ 0x1656_67B1_9E37_79F9) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 29)
    }
}
