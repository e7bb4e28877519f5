import Foundation
import PipeKit
import PipeTesting
@testable import PipeStages
import Testing

@Suite("TextNormalizer")
struct TextNormalizerTests {
    /// Every scalar the NFC shortcut accepts is left alone by NFC, alone and after a letter it
    /// could compose with, so skipping Foundation's normalization for such text changes nothing.
    @Test func everyScalarTheShortcutAcceptsIsStableUnderNFC() {
        var unstable: [String] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value), TextNormalizer.isNFCSafe(scalar) else { continue }
            for text in [String(scalar), "e" + String(scalar), "\u{418}" + String(scalar), "A" + String(scalar)]
            where text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars) == false {
                unstable.append(String(value, radix: 16))
            }
        }
        #expect(unstable.isEmpty)
    }

    @Test(arguments: [
        ("plain ASCII text, long enough to use the eight-byte loop", true),
        ("Genève, Łódź, Київ \u{2014} \u{201C}quoted\u{201D} \u{20AC}", true),
        ("Cafe\u{301}", false),
        ("\u{2126}", false),
        ("\u{2000}", false),
        ("zero\u{200B}width, byte\u{FEFF}order mark, \u{202A}embedding\u{202C}, lost \u{FFFD}", true),
        ("\u{627}\u{644}\u{639}\u{631}\u{628}\u{64A}\u{629}", false),
        ("", true),
    ])
    func certainlyNFC(text: String, expected: Bool) {
        #expect(TextNormalizer.isCertainlyNFC(text) == expected)
    }

    /// A paragraph repeats the title when their lower-case forms, without final stops and
    /// spaces, are the same: the ASCII comparison and the keys agree on each pair, as bytes
    /// and as scalars, and the ASCII comparison answers for the pairs that are ASCII throughout.
    @Test(arguments: [
        ("Talks end in Geneva", "Talks end in Geneva", true),
        ("TALKS END IN GENEVA.", "talks end in geneva", true),
        ("Talks end in Geneva .", "Talks end in Geneva.", true),
        ("Talks end in Geneva. ..", "Talks end in Geneva", true),
        ("Talks end in Genevax", "Talks end in Geneva", false),
        ("Talks end", "Talks end in Geneva", false),
        ("Talks end in Geneva, officials said.", "Talks end in Geneva", false),
        ("Talks end [in] Geneva", "Talks end {in} Geneva", false),
        ("Talks end in Genève", "TALKS END IN GENÈVE", true),
        ("Talks end in Genève", "Talks end in Geneve", false),
        ("The \u{212A}elvin scale", "The kelvin scale", true),
        ("...", ".", true),
    ])
    func aParagraphRepeatsTheTitleWhenTheirKeysAreTheSame(paragraph: String, title: String, expected: Bool) {
        func key(_ text: String) -> String {
            var text = text.lowercased()
            while text.last == "." || text.last == " " { text.removeLast() }
            return text
        }
        #expect((key(paragraph) == key(title) && !title.isEmpty) == expected)
        #expect(TextNormalizer.isSameTitle(ArraySlice(Array(paragraph.utf8)), title) == expected)
        #expect(TextNormalizer.isSameTitle(ArraySlice(Array(paragraph.unicodeScalars)), title) == expected)
        let isASCII = paragraph.utf8.allSatisfy { $0 < 0x80 } && title.utf8.allSatisfy { $0 < 0x80 }
        if isASCII { #expect(TextNormalizer.asciiComparison(ArraySlice(Array(paragraph.utf8)), title) == expected) }
    }
}

@Suite("TextUnit")
struct TextUnitTests {
    /// The bytes' word-at-a-time search finds what the scalars' one-at-a-time search finds, for
    /// each mark at every place in and around a word, among letters and among bytes next to the
    /// marks' values.
    @Test(arguments: [".", "!", "?", "\"", "none"], ["abcdefgh ijk lmnop", "ab #-/>@ cd , ( 0 xyz "])
    func bytesAndScalarsStopAtTheSamePlace(mark: String, fill: String) {
        let filler = Array(fill.utf8)
        for length in 0...48 {
            for from in 0...min(3, length) {
                var bytes = Array((filler + filler + filler).prefix(length))
                if mark != "none" { bytes += Array(mark.utf8) + filler }
                let scalars = bytes.map { Unicode.Scalar($0) }
                let byByte = bytes.withUnsafeBufferPointer { UInt8.nextStopOrQuote(in: $0, from: from) }
                let byScalar = scalars.withUnsafeBufferPointer { Unicode.Scalar.nextStopOrQuote(in: $0, from: from) }
                #expect(byByte == byScalar, "\(String(decoding: bytes, as: UTF8.self)) from \(from)")
                #expect(byScalar == (mark == "none" ? bytes.count : length), "\(length)")
            }
        }
    }
}

extension TextUnitTests {
    /// `plainLength` keeps its promise (bytes ASCII above the space or single spaces, the last
    /// no space) at every start in texts with a flaw at every place, and passes over most of a
    /// long clean text sixteen bytes at a time.
    @Test(arguments: ["  ", "\n", "\t", "\u{7F}", "\u{01}", "\u{E9}", "\u{A0}", " x"])
    func plainLengthKeepsItsPromise(flaw: String) {
        let clean = "The envoy said the talks in Geneva would resume on Monday, (officials) 2.5% [sic]."
        for place in stride(from: 0, through: clean.utf8.count, by: 3) {
            let bytes = Array(clean.utf8.prefix(place)) + Array(flaw.utf8) + Array(clean.utf8.dropFirst(place))
            bytes.withUnsafeBufferPointer { units in
                for start in 1..<min(units.count, 40) where units[start - 1] != 0x20 {
                    let length = UInt8.plainLength(in: units, from: start)
                    let run = units[start..<(start + length)]
                    #expect(run.allSatisfy { (0x20...0x7F).contains($0) }, "\(place) \(start)")
                    #expect(!zip(run, run.dropFirst()).contains { $0 == 0x20 && $1 == 0x20 }, "\(place) \(start)")
                    #expect(run.last != 0x20, "\(place) \(start)")
                }
            }
        }
        let long = Array(String(repeating: clean + " ", count: 4).utf8)
        let length = long.withUnsafeBufferPointer { UInt8.plainLength(in: $0, from: 1) }
        #expect(length >= long.count - 1 - 24)
    }

    /// Random texts of words, marks, every kind of white space and line break, and non-ASCII
    /// letters, capitals, quotes and spaces of two, three and four bytes.
    static func randomTexts(seed: UInt64, count: Int = 50) -> [String] {
        let pieces = ["word", "abcdefgh", "Syria's", "x", ".", "~", " ", " ", " ", "  ", "\n", "\r\n", "\n\n", " \n ", "\t",
                      "\u{0B}", "\u{0C}", "\r", "\u{7F}", "\u{01}", "The", "UN", "U.S.", "Mr.", "\"", "!", "?", ")",
                      "\u{A0}", "\u{85}", "\u{2028}", "\u{2029}", "\u{2009}", "\u{200B}", "\u{3000}", "\u{201C}", "\u{201D}",
                      "\u{2019}", "\u{2018}", "\u{C9}t\u{E9}", "\u{E9}", "\u{141}\u{F3}d\u{17A}", "\u{41A}\u{438}\u{457}\u{432}",
                      "\u{416}", "\u{1F600}", "\u{4E2D}\u{6587}", "\u{AA}", "\u{2163}", "www", "@", "://"]
        var numbers = SeededNumbers(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        return (0..<count).map { _ in numbers.text(of: pieces, count: Int(numbers.state % 120)) }
    }

    /// Spans over scalars as ranges, to compare with `paragraphs`' ranges.
    static func ranges(_ spans: [TextSpan]) -> [Range<Int>] { spans.map { $0.start..<$0.end } }

    /// UTF-8 cut into paragraphs (plain text copied eight bytes at a time, other scalars decoded
    /// where they stand) gives the paragraphs the scalars give, at the same scalar offsets.
    @Test(arguments: 0..<8)
    func bytesAndScalarsCutTheSameParagraphs(seed: UInt64) {
        for text in Self.randomTexts(seed: seed) {
            let bytes = TextNormalizer.paragraphs(of: Array(text.utf8))
            let scalars = TextNormalizer.paragraphs(of: Array(text.unicodeScalars))
            #expect(UInt8.string(bytes.units) == Unicode.Scalar.string(scalars.units), "\(text.debugDescription)")
            let spans = bytes.units.withUnsafeBufferPointer {
                TextNormalizer.scalarSpans(bytes.paragraphs.map { TextSpan(start: $0.lowerBound, end: $0.upperBound) }, in: $0)
            }
            #expect(Self.ranges(spans) == scalars.paragraphs, "\(text.debugDescription)")
        }
    }

    /// Repairing glued sentences and finding sentences in UTF-8 does what it does in scalars.
    @Test(arguments: 0..<8)
    func bytesAndScalarsRepairAndSplitAlike(seed: UInt64) {
        func run<Unit: TextUnit>(_ units: [Unit]) -> (text: String, sentences: [TextSpan], units: [Unit]) {
            let (collapsed, paragraphs) = TextNormalizer.paragraphs(of: units)
            var sentences: [TextSpan] = []
            var text: [Unit] = []
            for paragraph in paragraphs {
                let source = Array(collapsed[paragraph])
                let repaired = [Unit](unsafeUninitializedCapacity: 2 * source.count) { buffer, count in
                    count = source.withUnsafeBufferPointer { SentenceRepair.repair($0, into: buffer, at: 0) }
                }
                repaired.withUnsafeBufferPointer { SentenceSplitter.sentences(in: $0, offset: text.count, into: &sentences) }
                text += repaired
            }
            return (Unit.string(text), sentences, text)
        }
        for text in Self.randomTexts(seed: seed) {
            let bytes = run(Array(text.utf8)), scalars = run(Array(text.unicodeScalars))
            #expect(bytes.text == scalars.text, "\(text.debugDescription)")
            let spans = bytes.units.withUnsafeBufferPointer { TextNormalizer.scalarSpans(bytes.sentences, in: $0) }
            #expect(spans == scalars.sentences, "\(text.debugDescription)")
        }
    }

    /// Paragraphs and the sentences inside them recounted in one pass are what each list gives
    /// recounted alone; so are sentences given without paragraphs.
    @Test(arguments: 0..<4)
    func recountsParagraphsAndTheirSentencesInOnePass(seed: UInt64) {
        for text in Self.randomTexts(seed: seed) {
            let (units, ranges) = TextNormalizer.paragraphs(of: Array(text.utf8))
            let paragraphs = ranges.map { TextSpan(start: $0.lowerBound, end: $0.upperBound) }
            var sentences: [TextSpan] = []
            units.withUnsafeBufferPointer { units in
                for paragraph in paragraphs {
                    let slice = UnsafeBufferPointer(rebasing: units[paragraph.start..<paragraph.end])
                    SentenceSplitter.sentences(in: slice, offset: paragraph.start, into: &sentences)
                }
            }
            units.withUnsafeBufferPointer { units in
                let together = TextNormalizer.scalarSpans(paragraphs, sentences, in: units)
                #expect(together.0 == TextNormalizer.scalarSpans(paragraphs, in: units), "\(text.debugDescription)")
                #expect(together.1 == TextNormalizer.scalarSpans(sentences, in: units), "\(text.debugDescription)")
                #expect(TextNormalizer.scalarSpans([], sentences, in: units).1 == together.1)
            }
        }
    }

    /// The scalar at and before each place of a UTF-8 text is the text's own, with its length.
    @Test func decodesEveryScalarForwardAndBackward() {
        let text = "a\u{E9}\u{2019}\u{1F600}.\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}z"
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { bytes in
            var index = 0
            for scalar in text.unicodeScalars {
                let length = UTF8.width(scalar)
                #expect(UInt8.scalar(at: index, in: bytes) == (scalar, length))
                #expect(UInt8.scalar(before: index + length, in: bytes) == (scalar, length))
                index += length
            }
        }
    }

    /// Scalar offsets counted eight bytes at a time are those counted one by one.
    @Test func recountsSpansInScalars() {
        let text = "Gen\u{E8}ve \u{2014} \u{201C}\u{C7}a va\u{201D}, \u{1F600} said \u{141}ukasz in \u{41A}\u{438}\u{457}\u{432} for five."
        let bytes = Array(text.utf8)
        let spans = (0...bytes.count).flatMap { start in (start...bytes.count).map { TextSpan(start: start, end: $0) } }
            .filter { bytes.indices.contains($0.start) ? bytes[$0.start].startsScalar : true }
            .filter { bytes.indices.contains($0.end) ? bytes[$0.end].startsScalar : true }
        for span in spans {
            let recounted = bytes.withUnsafeBufferPointer { TextNormalizer.scalarSpans([span], in: $0) }
            let start = String(decoding: bytes[..<span.start], as: UTF8.self).unicodeScalars.count
            let end = String(decoding: bytes[..<span.end], as: UTF8.self).unicodeScalars.count
            #expect(recounted == [TextSpan(start: start, end: end)])
        }
    }
}
