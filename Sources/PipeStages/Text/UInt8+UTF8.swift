/// UTF-8 bytes read as Unicode scalars: the one decoder of the tokenizer, the language
/// detector and the normalize passes (``TextUnit``), which walk a `String`'s UTF-8 themselves.
extension UInt8 {
    /// Whether a scalar starts at this byte: it is no continuation byte (`10xxxxxx`).
    var startsScalar: Bool { self & 0xC0 != 0x80 }

    /// The scalar that starts at `index`, and how many bytes it takes; an ASCII byte decided inline.
    @inline(__always)
    static func scalar(at index: Int, in units: UnsafeBufferPointer<UInt8>) -> (scalar: Unicode.Scalar, length: Int) {
        units[index] < 0x80 ? (Unicode.Scalar(units[index]), 1) : decode(at: index, in: units)
    }

    /// The scalar that ends right before `index` (above 0), and how many bytes it takes.
    static func scalar(before index: Int, in units: UnsafeBufferPointer<UInt8>) -> (scalar: Unicode.Scalar, length: Int) {
        if units[index - 1] < 0x80 { return (Unicode.Scalar(units[index - 1]), 1) }
        var start = index - 1
        while start > 0, index - start < 4, !units[start].startsScalar { start -= 1 }
        let (scalar, length) = decode(at: start, in: units)
        return start + length == index ? (scalar, length) : ("\u{FFFD}", 1)
    }

    /// The scalar whose bytes start at `index`, which is no ASCII byte; U+FFFD for a byte that
    /// starts no whole sequence (never so for a `String`'s UTF-8, which is valid).
    @inline(never)
    private static func decode(at index: Int, in units: UnsafeBufferPointer<UInt8>) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = units[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard lead >= 0xC0, index + length <= units.count else { return ("\u{FFFD}", 1) }
        var value = UInt32(lead & (0x7F >> length))
        for offset in 1..<length { value = value << 6 | UInt32(units[index + offset] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
