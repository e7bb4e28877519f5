extension Unicode.Scalar {
    /// Whether the scalar is a letter or a digit; ASCII is decided without a Unicode property lookup.
    @inline(__always) var isLetterOrDigit: Bool {
        if isASCII { return (0x30...0x39).contains(value) || (0x61...0x7A).contains(value | 0x20) }
        return isNonASCIILetterOrDigit
    }

    /// The Unicode property lookup of ``isLetterOrDigit``, kept out of line so that the ASCII test inlines.
    @inline(never) private var isNonASCIILetterOrDigit: Bool {
        switch value {
        // The Latin letters with accents, but for `×` and `÷`; general punctuation (dashes,
        // curly quotes, the ellipsis): the commonest in news, answered without a property lookup.
        case 0xD7, 0xF7, 0x2000...0x206F: false
        case 0xC0...0x24F: true
        default: properties.isAlphabetic || properties.numericType != nil
        }
    }

    /// Whether the scalar is a letter; ASCII is decided without a Unicode property lookup.
    var isLetter: Bool {
        isASCII ? (0x61...0x7A).contains(value | 0x20) : properties.isAlphabetic
    }

    /// Whether the scalar is a capital letter; ASCII is decided without a Unicode property lookup.
    var isCapital: Bool {
        isASCII ? (0x41...0x5A).contains(value) : properties.isUppercase
    }

    /// Whether the scalar is a small letter; ASCII is decided without a Unicode property lookup.
    var isSmallLetter: Bool {
        isASCII ? (0x61...0x7A).contains(value) : properties.isLowercase
    }
}
