import PipeKit

/// Whitespace, paragraph and Unicode-form handling for `normalize`.
enum TextNormalizer {
    /// The paragraphs of a text (split at blank lines), each with its whitespace collapsed; empty ones dropped.
    ///
    /// One pass over the units: line breaks and other white space become one space inside a
    /// paragraph, and a line holding only white space ends the paragraph. CR LF counts as one break.
    /// The paragraphs are written one after the other into one array, with their ranges in it.
    static func paragraphs<Unit: TextUnit>(of units: [Unit]) -> (units: [Unit], paragraphs: [Range<Int>]) {
        var paragraphs: [Range<Int>] = []
        // Collapsing never lengthens the text: each unit written stands for at least one read.
        let collapsed = [Unit](unsafeUninitializedCapacity: units.count) { output, count in
            units.withUnsafeBufferPointer { units in
                var end = 0, start = 0, index = 0
                var pendingSpace = false, lineHasContent = false
                func write(_ unit: Unit) {
                    output.initializeElement(at: end, to: unit)
                    end += 1
                }
                func copy(_ range: Range<Int>) {
                    _ = UnsafeMutableBufferPointer(rebasing: output[end..<(end + range.count)])
                        .initialize(from: UnsafeBufferPointer(rebasing: units[range]))
                    end += range.count
                }
                func close() {
                    if end > start { paragraphs.append(start..<end) }
                    start = end
                    pendingSpace = false
                }
                while index < units.count {
                    let (scalar, length) = Unit.scalar(at: index, in: units)
                    let character = index..<(index + length)
                    index += length
                    if scalar == "\r", index < units.count, units[index].isASCII("\n") { continue }
                    if isLineBreak(scalar) {
                        if !lineHasContent { close() }
                        lineHasContent = false
                        pendingSpace = end > start
                    } else if ScalarText.isWhitespace(scalar) {
                        pendingSpace = end > start
                    } else {
                        if pendingSpace { write(Unit(ascii: " ")) }
                        pendingSpace = false
                        if length == 1 { write(units[character.lowerBound]) } else { copy(character) }
                        lineHasContent = true
                        // Plain text (words and single spaces) after such a character comes out as it goes in.
                        let plain = Unit.plainLength(in: units, from: index)
                        copy(index..<(index + plain))
                        index += plain
                    }
                }
                close()
                count = end
            }
        }
        return (collapsed, paragraphs)
    }

    /// Whether a scalar ends a line: LF, CR, VT, FF, NEL, LS, PS.
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// The text with every run of whitespace (including line breaks and no-break spaces) made one space, and trimmed.
    static func collapse(_ text: String) -> String {
        var result = ScalarText(capacity: text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if ScalarText.isWhitespace(scalar) {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return result.string
    }

    /// Whether a paragraph repeats the title, ignoring case and a final full stop.
    static func isSameTitle<Unit: TextUnit>(_ paragraph: ArraySlice<Unit>, _ title: String) -> Bool {
        guard !title.isEmpty else { return false }
        if let same = asciiComparison(paragraph, title) { return same }
        func key(_ text: String) -> String {
            var text = text.lowercased()
            while text.last == "." || text.last == " " { text.removeLast() }
            return text
        }
        // Lower-casing makes a scalar at most three, so a paragraph over three times the title's
        // length (trailing stops and spaces aside) cannot be the same: skip building the keys.
        let trailing = paragraph.reversed().prefix { $0.isASCII(".") || $0.isASCII(" ") }.count
        guard paragraph.count - trailing <= 3 * title.unicodeScalars.count
                || paragraph.dropLast(trailing).count(where: { $0.startsScalar }) <= 3 * title.unicodeScalars.count
        else { return false }
        return key(Unit.string(paragraph)) == key(title)
    }

    /// ``isSameTitle(_:_:)`` settled on ASCII letters, without building the lower-case keys;
    /// nil when a scalar beyond ASCII comes first, whose lower case only the keys can tell.
    ///
    /// Most first paragraphs differ from the title within a few letters. Both texts are compared
    /// without their final stops and spaces, letter by letter: lower-casing maps an ASCII letter
    /// to one ASCII letter, so up to the first scalar beyond ASCII the keys are these letters, a
    /// difference there is a difference of the keys, and when all of one text is passed the keys
    /// are the same if and only if the other is passed too (no scalar lower-cases to nothing).
    static func asciiComparison<Unit: TextUnit>(_ paragraph: ArraySlice<Unit>, _ title: String) -> Bool? {
        var title = title
        return title.withUTF8 { title in
            paragraph.withUnsafeBufferPointer { units in
                func isTrailing(_ byte: UInt8) -> Bool { byte == UInt8(ascii: ".") || byte == UInt8(ascii: " ") }
                func lowered(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
                var titleEnd = title.count, unitsEnd = units.count
                while titleEnd > 0, isTrailing(title[titleEnd - 1]) { titleEnd -= 1 }
                while unitsEnd > 0, units[unitsEnd - 1].isASCII(".") || units[unitsEnd - 1].isASCII(" ") { unitsEnd -= 1 }
                var index = 0
                while index < titleEnd, index < unitsEnd {
                    let byte = title[index]
                    let (scalar, _) = Unit.scalar(at: index, in: units)
                    guard byte < 0x80, scalar.isASCII else { return nil }
                    guard lowered(byte) == lowered(UInt8(truncatingIfNeeded: scalar.value)) else { return false }
                    index += 1
                }
                return titleEnd == unitsEnd
            }
        }
    }

    /// `spans` of UTF-8 `bytes` recounted in Unicode scalars; the spans are in order and do not overlap.
    ///
    /// One pass over the bytes, eight at a time: a word holds eight scalars less its continuation
    /// bytes (`10xxxxxx`: bit 7 set, and bit 6, shifted up to bit 7, clear). They are counted by
    /// a multiplication that adds the eight bytes of their marks into the top byte: without the
    /// POPCNT instruction (not in the baseline x86-64 Pipe is built for), `nonzeroBitCount`
    /// takes a dozen instructions.
    static func scalarSpans(_ spans: [TextSpan], in bytes: UnsafeBufferPointer<UInt8>) -> [TextSpan] {
        scalarSpans(spans, [], in: bytes).0
    }

    /// ``scalarSpans(_:in:)`` of a text's paragraphs and of its sentences, which lie in order
    /// inside them, in one pass over the bytes.
    static func scalarSpans(_ paragraphs: [TextSpan], _ sentences: [TextSpan], in bytes: UnsafeBufferPointer<UInt8>)
        -> ([TextSpan], [TextSpan]) {
        var byte = 0, scalar = 0
        func advance(to offset: Int) -> Int {
            while byte + 8 <= offset {
                let word = ByteWords.load(bytes, at: byte)
                let continuations = (word & ~(word << 1) & ByteWords.repeating(0x80)) >> 7
                scalar += 8 - Int(truncatingIfNeeded: (continuations &* ByteWords.repeating(1)) >> 56)
                byte += 8
            }
            while byte < offset {
                if bytes[byte].startsScalar { scalar += 1 }
                byte += 1
            }
            return scalar
        }
        var recounted = (paragraphs, sentences)
        var sentence = 0
        func recountSentence() {
            recounted.1[sentence] = TextSpan(start: advance(to: sentences[sentence].start), end: advance(to: sentences[sentence].end))
            sentence += 1
        }
        for paragraph in paragraphs.indices {
            recounted.0[paragraph].start = advance(to: paragraphs[paragraph].start)
            while sentence < sentences.count, sentences[sentence].start < paragraphs[paragraph].end { recountSentence() }
            recounted.0[paragraph].end = advance(to: paragraphs[paragraph].end)
        }
        // None is left from a normalized body; any other sentences are counted after the paragraphs.
        while sentence < sentences.count { recountSentence() }
        return recounted
    }

    /// Whether `text` is certainly in NFC already, judged without normalizing it.
    ///
    /// True when every scalar is one whose NFC quick-check value is Yes and that never takes part
    /// in a composition: ASCII, Latin-1 and the Latin Extended blocks below the combining marks
    /// (U+0000–U+02FF), Cyrillic without its combining marks, general punctuation with the
    /// invisible marks among it (zero-width space, directional marks; no singletons such as U+2000
    /// or U+2126), currency signs, the byte-order mark and the replacement character. Such text
    /// has no combining mark to reorder or compose and no scalar that decomposes, so NFC leaves it
    /// as it is. Most English news passes.
    static func isCertainlyNFC(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while true {
                // ASCII runs are passed over eight bytes at a time.
                index = UTF8Text.nonASCIIIndex(in: bytes, from: index)
                guard index < bytes.count else { return true }
                let (scalar, length) = UInt8.scalar(at: index, in: bytes)
                guard isNFCSafe(scalar) else { return false }
                index += length
            }
        }
    }

    /// Whether every byte of `text` is ASCII.
    static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(UTF8Text.isASCII)
    }

    /// Whether a scalar is one of those `isCertainlyNFC` accepts.
    static func isNFCSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0000...0x02FF, 0x0400...0x0482, 0x048A...0x04FF, 0x2002...0x205E, 0x2060...0x206F, 0x20A0...0x20BF, 0xFEFF, 0xFFFD: true
        default: false
        }
    }
}
