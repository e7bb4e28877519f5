import PipeKit

/// One unit of text for the normalize passes: an ASCII byte when the whole text is ASCII, a
/// Unicode scalar otherwise.
///
/// The passes (`TextNormalizer.paragraphs`, `SentenceRepair`, `SentenceSplitter`) are generic
/// over it and specialised for both: a pure-ASCII body (most English news) is worked on as its
/// UTF-8 bytes, whose offsets are then its scalar offsets, with no decoding and no re-encoding.
protocol TextUnit: Equatable, Sendable {
    /// The unit for an ASCII scalar (the passes only make spaces).
    init(ascii: Unicode.Scalar)
    /// The scalar the unit stands for.
    var scalar: Unicode.Scalar { get }
    /// The text of the units.
    static func string(_ units: [Self]) -> String
    /// The index of the first unit from `start` on that is `.`, `!`, `?` or `"` (what the
    /// sentence passes act on), or `units.count`.
    static func nextStopOrQuote(in units: UnsafeBufferPointer<Self>, from start: Int) -> Int
    /// How many units from `start` on, right after a character that is no white space,
    /// `TextNormalizer.paragraphs` may copy as they are: such characters and single spaces
    /// between them, ending with such a character. Any count up to that will do; 0 always does.
    static func plainLength(in units: UnsafeBufferPointer<Self>, from start: Int) -> Int
}

extension TextUnit {
    /// None: every unit goes through the whole test.
    static func plainLength(in units: UnsafeBufferPointer<Self>, from start: Int) -> Int { 0 }

    /// One unit at a time.
    static func nextStopOrQuote(in units: UnsafeBufferPointer<Self>, from start: Int) -> Int {
        var index = start
        while index < units.count, !isStopOrQuote(units[index].scalar) { index += 1 }
        return index
    }

    /// Whether a scalar is `.`, `!`, `?` or `"`.
    static func isStopOrQuote(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", "!", "?", "\"": true
        default: false
        }
    }
}

extension UInt8: TextUnit {
    init(ascii: Unicode.Scalar) { self = UInt8(truncatingIfNeeded: ascii.value) }
    var scalar: Unicode.Scalar { Unicode.Scalar(self) }
    static func string(_ units: [UInt8]) -> String { String(decoding: units, as: UTF8.self) }

    /// Eight bytes at a time.
    static func nextStopOrQuote(in units: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        ByteWords.firstIndex(in: units, from: start, wordMayHold: { word in
            ByteWords.contains(word, UInt8(ascii: ".")) || ByteWords.contains(word, UInt8(ascii: "!"))
                || ByteWords.contains(word, UInt8(ascii: "?")) || ByteWords.contains(word, UInt8(ascii: "\""))
        }, where: { isStopOrQuote(Unicode.Scalar($0)) })
    }

    /// Whole words of eight bytes: each byte ASCII above the space (no white space there) or a
    /// space, no two spaces side by side, and the last byte no space.
    static func plainLength(in units: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let highs = ByteWords.repeating(0x80)
        var index = start
        while index + 8 <= units.count {
            let word = ByteWords.load(units, at: index)
            let visible = ByteWords.marks(word, in: 0x21, 0x7F), space = ByteWords.marks(word, in: 0x20, 0x20)
            guard visible | space == highs, space & (space << 8) == 0, visible >> 63 != 0 else { break }
            index += 8
        }
        return index - start
    }
}

extension Unicode.Scalar: TextUnit {
    init(ascii: Unicode.Scalar) { self = ascii }
    var scalar: Unicode.Scalar { self }
    static func string(_ units: [Unicode.Scalar]) -> String { String(scalars: units) }
}

extension String {
    /// The text of a run of text units.
    init<Unit: TextUnit>(units: some Collection<Unit>) {
        self.init(scalars: units.lazy.map { $0.scalar })
    }
}
