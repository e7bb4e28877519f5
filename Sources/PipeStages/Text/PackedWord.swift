import PipeKit

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
    /// The bytes appended so far, counted up to `capacity + 1`: one byte, so that a token that
    /// holds a packed word stays small.
    private var length: UInt8 = 0

    /// The bytes appended so far; more than `capacity` means the word did not fit.
    var count: Int { Int(length) }

    init() {}

    /// Packs `text`, or returns nil when it is longer than `capacity` bytes.
    init?(_ text: some StringProtocol) {
        // A native string's bytes are packed eight at a time; any other text byte by byte.
        if let packed = text.utf8.withContiguousStorageIfAvailable({ PackedWord(utf8: $0) }) {
            guard let packed else { return nil }
            self = packed
            return
        }
        for byte in text.utf8 { append(byte) }
        guard fits else { return nil }
    }

    /// Packs UTF-8 bytes, or returns nil when there are more than `capacity`.
    ///
    /// Shifted in byte by byte: words are short (five bytes on average), and a loop costs less
    /// than a `memmove` call.
    init?(utf8: UnsafeBufferPointer<UInt8>) {
        guard utf8.count <= Self.capacity else { return nil }
        a = ByteWords.load(utf8, in: 0..<min(8, utf8.count))
        if utf8.count > 8 { b = ByteWords.load(utf8, in: 8..<min(16, utf8.count)) }
        if utf8.count > 16 { c = ByteWords.load(utf8, in: 16..<utf8.count) }
        length = UInt8(truncatingIfNeeded: utf8.count)
    }

    /// Packs the bytes at `range` of `buffer`, or returns nil when there are more than `capacity`.
    ///
    /// Read eight bytes at a time when the buffer holds 24 bytes from the start of the range, as
    /// it does for all but the last words of a text; byte by byte otherwise.
    @inline(__always)
    init?(_ buffer: UnsafeBufferPointer<UInt8>, bytes range: Range<Int>) {
        guard range.lowerBound + Self.capacity <= buffer.count else {
            self.init(utf8: UnsafeBufferPointer(rebasing: buffer[range]))
            return
        }
        let count = range.count, start = range.lowerBound
        /// The mask of the first `bytes` bytes of a word, for 1 to 8 of them.
        @inline(__always) func mask(_ bytes: Int) -> UInt64 {
            ~0 &>> UInt64(truncatingIfNeeded: 64 &- 8 &* bytes)
        }
        self.init()
        length = UInt8(truncatingIfNeeded: count)
        // Most words take one machine word: the other two are neither loaded nor masked.
        if count <= 8 {
            guard count > 0 else { return }
            a = ByteWords.load(buffer, at: start) & mask(count)
            return
        }
        guard count <= Self.capacity else { return nil }
        a = ByteWords.load(buffer, at: start)
        if count <= 16 {
            b = ByteWords.load(buffer, at: start + 8) & mask(count - 8)
        } else {
            b = ByteWords.load(buffer, at: start + 8)
            c = ByteWords.load(buffer, at: start + 16) & mask(count - 16)
        }
    }

    /// The word of the first `count` bytes (1 to 8) of `word`, the first lowest; the bytes after
    /// them are dropped.
    ///
    /// The mask is ``init(_:bytes:)``'s written out again: a helper shared by both (the same
    /// expression) made the optimiser lay out the tokenizer's general path worse, 3% more
    /// instructions for its tokens.
    @inline(__always)
    init(_ word: UInt64, count: Int) {
        a = word & ~0 &>> UInt64(truncatingIfNeeded: 64 &- 8 &* count)
        length = UInt8(truncatingIfNeeded: count)
    }

    /// The word of the first `count` bytes (1 to 16) of `low` and `high`, the first lowest; the
    /// bytes after them are dropped.
    init(_ low: UInt64, _ high: UInt64, count: Int) {
        self.init(low, count: min(count, 8))
        guard count > 8 else { return }
        b = high & ~0 &>> UInt64(truncatingIfNeeded: 128 &- 8 &* count)
        length = UInt8(truncatingIfNeeded: count)
    }

    /// Whether the word holds at least `minimum` (1 or 2) bytes in `low...high` (ASCII, `low`
    /// above 0): enough to tell none, one and several without counting bits.
    @inline(__always)
    func holds(atLeast minimum: Int, in low: UInt8, _ high: UInt8) -> Bool {
        let (x, y, z) = (ByteWords.marks(a, in: low, high), ByteWords.marks(b, in: low, high), ByteWords.marks(c, in: low, high))
        guard minimum > 1 else { return x | y | z != 0 }
        // Two marks in one word, or marks in two words.
        let words = (x != 0 ? 1 : 0) + (y != 0 ? 1 : 0) + (z != 0 ? 1 : 0)
        return words > 1 || x & (x &- 1) != 0 || y & (y &- 1) != 0 || z & (z &- 1) != 0
    }

    /// Whether the word holds `byte`, an ASCII byte other than 0.
    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        ByteWords.contains(a, byte) || ByteWords.contains(b, byte) || ByteWords.contains(c, byte)
    }

    /// Whether one of the first `prefix` bytes (at most eight) is `byte`, an ASCII byte other than 0.
    @inline(__always)
    func contains(_ byte: UInt8, inFirst prefix: Int) -> Bool {
        // The bytes from `prefix` on are made 0xFF, which is no ASCII byte.
        ByteWords.contains(a | ~0 << UInt64(8 * prefix), byte)
    }

    /// The word with its ASCII capitals made small letters, eight bytes at a time (the words
    /// past the eighth byte only when there are bytes there: most words have none).
    @inline(__always)
    var lowercasedASCII: PackedWord {
        var result = self
        result.a = a | ByteWords.marks(a, in: 0x41, 0x5A) >> 2
        guard length > 8 else { return result }
        result.b = b | ByteWords.marks(b, in: 0x41, 0x5A) >> 2
        result.c = c | ByteWords.marks(c, in: 0x41, 0x5A) >> 2
        return result
    }

    /// Whether every byte is ASCII.
    var isASCII: Bool { (a | b | c) & 0x8080_8080_8080_8080 == 0 }

    /// The packed bytes as text (when they fit).
    ///
    /// A word that fits holds whole scalars, as it was packed from text (a token's bytes, a
    /// string), with at most ASCII capitals made small and ASCII letters dropped from its end: its
    /// bytes are valid UTF-8 and are not checked again. Of one that does not fit, the bytes kept
    /// may end inside a scalar, and are decoded with repair.
    var string: String {
        let length = min(count, Self.capacity)
        return withUnsafeBytes(of: (a.littleEndian, b.littleEndian, c.littleEndian)) { raw in
            let bytes = raw.assumingMemoryBound(to: UInt8.self).prefix(length)
            return fits ? UTF8Text.string(validUTF8: bytes, isASCII: isASCII) : String(decoding: bytes, as: UTF8.self)
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

    /// The `number`th key that stands for a word too long to pack (``WordIndex``): it does not
    /// fit, so no packed word equals it.
    init(placeholder number: Int) {
        a = UInt64(truncatingIfNeeded: number)
        length = UInt8(Self.capacity + 1)
    }

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
        if count <= Self.capacity { length += 1 }
    }

    /// Appends `scalar` as UTF-8.
    mutating func append(_ scalar: Unicode.Scalar) {
        for byte in UTF8.encode(scalar).unsafelyUnwrapped { append(byte) }
    }

    /// A well-mixed hash (a multiply-xorshift of the three words; of the first alone for a word
    /// of eight bytes or fewer, most words, whose other two are zero).
    var mixed: UInt64 {
        var h = a &* 0x9E37_79B9_7F4A_7C15
        if b | c != 0 {
            h ^= (b &+ 0x632B_E59B_D9B4_E019) &* 0xC2B2_AE3D_27D4_EB4F
            h ^= (c &+ 0x1656_67B1_9E37_79F9) &* 0x94D0_49BB_1331_11EB
        }
        return h ^ (h >> 29)
    }
}
