import PipeKit

/// One unit of text for the normalize passes: a byte of UTF-8, or (for the tests' plain reference)
/// a Unicode scalar.
///
/// The passes (`TextNormalizer.paragraphs`, `SentenceRepair`, `SentenceSplitter`) are generic
/// over it. The stage works on the body's UTF-8, with no decoding into scalars and no re-encoding:
/// the passes act on ASCII (spaces, line breaks, stops, quotes), and ask for the whole scalar at a
/// place only where a non-ASCII one matters (`“`, a capital after a stop, a no-break space). The
/// offsets they give are unit offsets, which the stage recounts in scalars when the text is not
/// ASCII (``TextNormalizer/scalarSpans(_:in:)``).
protocol TextUnit: Equatable, Sendable {
    /// The unit for an ASCII scalar.
    init(ascii: Unicode.Scalar)
    /// Whether a scalar starts at this unit (for UTF-8: it is no continuation byte).
    var startsScalar: Bool { get }
    /// The scalar that starts at `index`, and how many units it takes.
    static func scalar(at index: Int, in units: UnsafeBufferPointer<Self>) -> (scalar: Unicode.Scalar, length: Int)
    /// The scalar that ends right before `index` (above 0), and how many units it takes.
    static func scalar(before index: Int, in units: UnsafeBufferPointer<Self>) -> (scalar: Unicode.Scalar, length: Int)
    /// The text of the units.
    static func string(_ units: some Collection<Self>) -> String
    /// The index of the first unit from `start` on that is `.`, `!`, `?` or `"` (what the
    /// sentence passes act on), or `units.count`.
    static func nextStopOrQuote(in units: UnsafeBufferPointer<Self>, from start: Int) -> Int
    /// How many units from `start` on, right after a character that is no white space,
    /// `TextNormalizer.paragraphs` may copy as they are: such characters and single spaces
    /// between them, ending with such a character. Any count up to that will do; 0 always does.
    static func plainLength(in units: UnsafeBufferPointer<Self>, from start: Int) -> Int
}

extension TextUnit {
    /// Whether the unit is the ASCII character `scalar`.
    func isASCII(_ scalar: Unicode.Scalar) -> Bool { self == Self(ascii: scalar) }

    /// Whether the unit is `.`, `!` or `?`.
    var isTerminal: Bool { isASCII(".") || isASCII("!") || isASCII("?") }

    /// Whether the unit is `.`, `!`, `?` or `"`.
    var isStopOrQuote: Bool { isTerminal || isASCII("\"") }
}

extension UInt8: TextUnit {
    init(ascii: Unicode.Scalar) { self = UInt8(truncatingIfNeeded: ascii.value) }

    static func string(_ units: some Collection<UInt8>) -> String { String(decoding: units, as: UTF8.self) }

    /// Sixteen bytes at a time, then eight.
    static func nextStopOrQuote(in units: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let dot = SIMD16<UInt8>(repeating: UInt8(ascii: ".")), bang = SIMD16<UInt8>(repeating: UInt8(ascii: "!"))
        let question = SIMD16<UInt8>(repeating: UInt8(ascii: "?")), quote = SIMD16<UInt8>(repeating: UInt8(ascii: "\""))
        let index = ByteVectors.skip(in: units, from: start) { vector, _ in
            !ByteVectors.hasAny((vector .== dot) .| (vector .== bang) .| (vector .== question) .| (vector .== quote))
        }
        return ByteWords.firstIndex(in: units, from: index, marks: { word in
            ByteWords.matches(word, UInt8(ascii: ".")) | ByteWords.matches(word, UInt8(ascii: "!"))
                | ByteWords.matches(word, UInt8(ascii: "?")) | ByteWords.matches(word, UInt8(ascii: "\""))
        }, where: { $0.isStopOrQuote })
    }

    /// Whole vectors of sixteen bytes, then whole words of eight: each byte ASCII above the space
    /// (no white space there) or a space, no two spaces side by side, and the last byte no space.
    /// A vector is read with the one a byte after it, whose spaces pair with its own; when the
    /// last vector ends with a space, its words start at that space.
    static func plainLength(in units: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let space = SIMD16<UInt8>(repeating: 0x20), limit = SIMD16<UInt8>(repeating: 0x60)
        var index = ByteVectors.skip(in: units, from: start, lookahead: 1) { vector, next in
            // Below the space or beyond ASCII: `byte - 0x20` wraps around to 0x60 or more.
            let outside = (vector &- space) .>= limit
            let doubled = (vector .== space) .& (next .== space)
            return !ByteVectors.hasAny(outside .| doubled)
        }
        if index > start, units[index - 1] == 0x20 { index -= 1 }
        let highs = ByteWords.repeating(0x80)
        while index + 8 <= units.count {
            let word = ByteWords.load(units, at: index)
            let visible = ByteWords.marks(word, in: 0x21, 0x7F), space = ByteWords.marks(word, in: 0x20, 0x20)
            guard visible | space == highs, space & (space << 8) == 0, visible >> 63 != 0 else { break }
            index += 8
        }
        return index - start
    }
}
