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
}

extension UInt8: TextUnit {
    init(ascii: Unicode.Scalar) { self = UInt8(truncatingIfNeeded: ascii.value) }
    var scalar: Unicode.Scalar { Unicode.Scalar(self) }
    static func string(_ units: [UInt8]) -> String { String(decoding: units, as: UTF8.self) }
}

extension Unicode.Scalar: TextUnit {
    init(ascii: Unicode.Scalar) { self = ascii }
    var scalar: Unicode.Scalar { self }
    static func string(_ units: [Unicode.Scalar]) -> String { String(scalars: units) }
}

extension String {
    /// The text of a run of text units.
    init<Unit: TextUnit>(units: some Collection<Unit>) {
        self.init(scalars: units.lazy.map(\.scalar))
    }
}
