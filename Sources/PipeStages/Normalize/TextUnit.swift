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
    /// Appends the units as UTF-8.
    static func append(_ units: [Self], to utf8: inout [UInt8])
}

extension UInt8: TextUnit {
    init(ascii: Unicode.Scalar) { self = UInt8(truncatingIfNeeded: ascii.value) }
    var scalar: Unicode.Scalar { Unicode.Scalar(self) }
    static func append(_ units: [UInt8], to utf8: inout [UInt8]) { utf8.append(contentsOf: units) }
}

extension Unicode.Scalar: TextUnit {
    init(ascii: Unicode.Scalar) { self = ascii }
    var scalar: Unicode.Scalar { self }
    static func append(_ units: [Unicode.Scalar], to utf8: inout [UInt8]) {
        var count = 0
        for scalar in units { count += UTF8.width(scalar) }
        utf8.reserveCapacity(utf8.count + count)
        for scalar in units {
            if scalar.isASCII {
                utf8.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                UTF8.encode(scalar) { utf8.append($0) }
            }
        }
    }
}

extension String {
    /// The text of a run of text units.
    init<Unit: TextUnit>(units: some Collection<Unit>) {
        self.init(scalars: units.lazy.map(\.scalar))
    }
}
