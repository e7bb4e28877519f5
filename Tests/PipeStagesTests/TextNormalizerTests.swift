import Foundation
@testable import PipeStages
import Testing

@Suite("TextNormalizer")
struct TextNormalizerTests {
    /// Every scalar the NFC shortcut accepts is left alone by NFC, alone and after a letter it
    /// could compose with, so skipping Foundation's normalization for such text changes nothing.
    @Test func everyScalarTheShortcutAcceptsIsStableUnderNFC() {
        var unstable: [String] = []
        for value in UInt32(0)...0x20BF {
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
        ("\u{627}\u{644}\u{639}\u{631}\u{628}\u{64A}\u{629}", false),
        ("", true),
    ])
    func certainlyNFC(text: String, expected: Bool) {
        #expect(TextNormalizer.isCertainlyNFC(text) == expected)
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
        for length in 0...24 {
            for from in 0...min(3, length) {
                var bytes = Array((filler + filler).prefix(length))
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
    /// Paragraphs cut from bytes (which copy plain text eight bytes at a time) are those cut from
    /// scalars (one at a time), over texts mixing words, single and double spaces, every kind of
    /// ASCII white space and line break, DEL and other control characters.
    @Test(arguments: 0..<8)
    func bytesAndScalarsCutTheSameParagraphs(seed: UInt64) {
        let pieces = ["word", "abcdefgh", "Syria's", "x", ".", "~", " ", " ", " ", "  ", "\n", "\r\n", "\n\n", " \n ", "\t",
                      "\u{0B}", "\u{0C}", "\r", "\u{7F}", "\u{01}"]
        var state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1
        for _ in 0..<50 {
            var text = ""
            for _ in 0..<Int(state % 120) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            let bytes = TextNormalizer.paragraphs(of: Array(text.utf8))
            let scalars = TextNormalizer.paragraphs(of: Array(text.unicodeScalars))
            #expect(bytes.units.map { Unicode.Scalar($0) } == scalars.units, "\(text.debugDescription)")
            #expect(bytes.paragraphs == scalars.paragraphs, "\(text.debugDescription)")
        }
    }
}
