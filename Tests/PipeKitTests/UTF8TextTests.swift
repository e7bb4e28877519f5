import PipeKit
import PipeTesting
import Testing

@Suite("UTF8Text")
struct UTF8TextTests {
    /// What the standard library says of `bytes`: nil when not valid, else whether all ASCII.
    private static func expected(_ bytes: [UInt8]) -> UTF8Text.Content? {
        String(validating: bytes, as: UTF8.self).map { _ in bytes.allSatisfy { $0 < 0x80 } ? .ascii : .unicode }
    }

    private static func validate(_ bytes: [UInt8]) -> UTF8Text.Content? {
        try? bytes.withUnsafeBufferPointer(UTF8Text.validate).get()
    }

    /// Where the standard library's decoder meets the first ill-formed sequence: the bytes of
    /// the whole scalars before it.
    private static func expectedInvalidOffset(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    private static func invalidOffset(_ bytes: [UInt8]) -> Int? {
        if case .failure(let invalid) = bytes.withUnsafeBufferPointer(UTF8Text.validate) { return invalid.offset }
        return nil
    }

    /// Every lead byte beyond ASCII with every second byte, and later bytes on both sides of the
    /// continuation range, cut after each byte: the validator agrees with the standard library
    /// on overlong forms, surrogates, scalars past U+10FFFF and sequences cut short, and on where
    /// the first ill-formed sequence starts. Each case also stands after seven ASCII bytes, so
    /// that the sequence starts inside an eight-byte word.
    @Test(arguments: [0, 7])
    func agreesWithTheStandardLibraryOnEverySecondByte(asciiBefore: Int) {
        let prefix = [UInt8](repeating: UInt8(ascii: "a"), count: asciiBefore)
        var disagreements: [[UInt8]] = []
        for lead in UInt8(0x80)...0xFF {
            for second in UInt8.min...UInt8.max {
                for later: [UInt8] in [[], [0x80], [0xBF], [0x41], [0xC0], [0x80, 0x80], [0xBF, 0xBF], [0x80, 0x41], [0x8F, 0xC0]] {
                    let bytes = prefix + [lead, second] + later
                    if Self.validate(bytes) != Self.expected(bytes) || Self.invalidOffset(bytes) != Self.expectedInvalidOffset(bytes) {
                        disagreements.append(bytes)
                    }
                }
            }
        }
        #expect(disagreements.isEmpty, "first: \(disagreements.prefix(5))")
    }

    /// The boundaries of table 3-7, one by one.
    @Test(arguments: [
        ([0x7F], UTF8Text.Content.ascii), ([0xC2, 0x80], .unicode), ([0xC1, 0xBF], nil), ([0xDF, 0xBF], .unicode),
        ([0xE0, 0xA0, 0x80], .unicode), ([0xE0, 0x9F, 0xBF], nil), ([0xED, 0x9F, 0xBF], .unicode), ([0xED, 0xA0, 0x80], nil),
        ([0xEF, 0xBF, 0xBF], .unicode), ([0xF0, 0x90, 0x80, 0x80], .unicode), ([0xF0, 0x8F, 0xBF, 0xBF], nil),
        ([0xF4, 0x8F, 0xBF, 0xBF], .unicode), ([0xF4, 0x90, 0x80, 0x80], nil), ([0xF5, 0x80, 0x80, 0x80], nil),
        ([0xE2, 0x80], nil), ([0x80], nil), ([], .ascii),
    ] as [([UInt8], UTF8Text.Content?)])
    func tellsTheBoundariesOfWellFormedUTF8(bytes: [UInt8], content: UTF8Text.Content?) {
        #expect(Self.validate(bytes) == content)
        // The same inside longer text, across eight-byte words.
        let text = Array("The minister said “".utf8) + bytes + Array(" and left.".utf8)
        #expect(Self.validate(text) == (content == nil ? nil : .unicode))
    }

    /// Random texts of ASCII, well-formed scalars of every length and stray bytes, at every
    /// alignment: the validator agrees with the standard library, on where it stops too.
    @Test
    func agreesWithTheStandardLibraryOnMixedText() {
        var numbers = SeededNumbers(seed: 7)
        let pieces: [[UInt8]] = [
            Array("word ".utf8), Array("é".utf8), Array("“".utf8), Array("😀".utf8), Array("abcdefgh".utf8),
            [0x80], [0xE2, 0x80], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xFF],
        ]
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<numbers.below(13) {
                bytes += pieces[numbers.below(pieces.count)]
            }
            #expect(Self.validate(bytes) == Self.expected(bytes), "\(bytes)")
            #expect(Self.invalidOffset(bytes) == Self.expectedInvalidOffset(bytes), "\(bytes)")
        }
    }

    /// A string made from valid bytes without a check is the one the standard library makes,
    /// whether it is told the text is ASCII or works it out.
    @Test(arguments: ["", "Assad", "Bachar el-Assad a déclaré « non »", "He said: “No.” 😀", String(repeating: "news ", count: 40)])
    func makesTheSameStringAsTheStandardLibrary(text: String) {
        let bytes = Array(text.utf8)
        let isASCII = bytes.allSatisfy { $0 < 0x80 }
        bytes.withUnsafeBufferPointer { bytes in
            #expect(UTF8Text.isASCII(bytes) == isASCII)
            let made = UTF8Text.string(validUTF8: bytes)
            #expect(made == text)
            #expect(made.count == text.count)
            #expect(Array(made.unicodeScalars) == Array(text.unicodeScalars))
            #expect(UTF8Text.string(validUTF8: bytes, isASCII: isASCII) == text)
            #expect(UTF8Text.string(validUTF8: bytes[bytes.count / 2 ..< bytes.count / 2]) == "")
        }
    }
}
