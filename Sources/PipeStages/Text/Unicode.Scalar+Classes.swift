extension Unicode.Scalar {
    /// Whether the scalar is a letter or a digit; ASCII is decided without a Unicode property lookup.
    @inline(__always) var isLetterOrDigit: Bool {
        if isASCII { return (0x30...0x39).contains(value) || (0x61...0x7A).contains(value | 0x20) }
        return isNonASCIILetterOrDigit
    }

    /// The Unicode property lookup of ``isLetterOrDigit``, kept out of line so that the ASCII test inlines.
    @inline(never) private var isNonASCIILetterOrDigit: Bool {
        isLetter || (!isGeneralPunctuation && properties.numericType != nil)
    }

    /// Whether the scalar is in the General Punctuation block (U+2000–U+206F: dashes, curly
    /// quotes, the ellipsis, spaces of set widths), where no scalar is a letter or a digit: with
    /// the accented Latin letters, the non-ASCII scalars news text holds most, classed here
    /// without a Unicode property lookup.
    var isGeneralPunctuation: Bool { (0x2000...0x206F).contains(value) }

    /// Whether the scalar is white space (Unicode's `White_Space`); ASCII and general punctuation
    /// are decided without a Unicode property lookup.
    var isWhitespace: Bool {
        switch value {
        case 0x20, 0x09...0x0D, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F: true
        case 0...0x7F, 0x2000...0x206F: false
        default: properties.isWhitespace
        }
    }

    /// Whether the scalar is a Latin letter with an accent (U+00C0–U+024F but `×` and `÷`).
    var isAccentedLatinLetter: Bool { (0xC0...0x24F).contains(value) && value != 0xD7 && value != 0xF7 }

    /// Whether the scalar is a letter; ASCII, accented Latin and general punctuation are decided
    /// without a Unicode property lookup.
    var isLetter: Bool {
        if isASCII { return (0x61...0x7A).contains(value | 0x20) }
        return !isGeneralPunctuation && (isAccentedLatinLetter || properties.isAlphabetic)
    }

    /// Whether the scalar is a capital letter; ASCII and general punctuation are decided without a
    /// Unicode property lookup.
    var isCapital: Bool {
        isASCII ? (0x41...0x5A).contains(value) : !isGeneralPunctuation && properties.isUppercase
    }

    /// Whether the scalar is a small letter; ASCII and general punctuation are decided without a
    /// Unicode property lookup.
    var isSmallLetter: Bool {
        isASCII ? (0x61...0x7A).contains(value) : !isGeneralPunctuation && properties.isLowercase
    }
}
