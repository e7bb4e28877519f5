/// Whitespace, paragraph and Unicode-form handling for `normalize`.
enum TextNormalizer {
    /// The paragraphs of a text (split at blank lines), each with its whitespace collapsed; empty ones dropped.
    ///
    /// One pass over the scalars: line breaks and other white space become one space inside a
    /// paragraph, and a line holding only white space ends the paragraph. CR LF counts as one break.
    /// The paragraphs are written one after the other into one array, with their ranges in it.
    static func paragraphs<Unit: TextUnit>(of scalars: [Unit]) -> (units: [Unit], paragraphs: [Range<Int>]) {
        var paragraphs: [Range<Int>] = []
        // Collapsing never lengthens the text: each unit written stands for at least one read.
        let units = [Unit](unsafeUninitializedCapacity: scalars.count) { output, count in
            scalars.withUnsafeBufferPointer { scalars in
                var end = 0, start = 0, index = 0
                var pendingSpace = false, lineHasContent = false
                func write(_ unit: Unit) {
                    output.initializeElement(at: end, to: unit)
                    end += 1
                }
                func close() {
                    if end > start { paragraphs.append(start..<end) }
                    start = end
                    pendingSpace = false
                }
                while index < scalars.count {
                    let unit = scalars[index], scalar = unit.scalar
                    index += 1
                    if scalar == "\r", index < scalars.count, scalars[index].scalar == "\n" { continue }
                    if isLineBreak(scalar) {
                        if !lineHasContent { close() }
                        lineHasContent = false
                        pendingSpace = end > start
                    } else if ScalarText.isWhitespace(scalar) {
                        pendingSpace = end > start
                    } else {
                        if pendingSpace { write(Unit(ascii: " ")) }
                        pendingSpace = false
                        write(unit)
                        lineHasContent = true
                        // Plain text (words and single spaces) after such a character comes out as it goes in.
                        let plain = Unit.plainLength(in: scalars, from: index)
                        if plain > 0 {
                            _ = UnsafeMutableBufferPointer(rebasing: output[end..<(end + plain)])
                                .initialize(from: UnsafeBufferPointer(rebasing: scalars[index..<(index + plain)]))
                            end += plain
                            index += plain
                        }
                    }
                }
                close()
                count = end
            }
        }
        return (units, paragraphs)
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
        func key(_ text: String) -> String {
            var text = text.lowercased()
            while text.last == "." || text.last == " " { text.removeLast() }
            return text
        }
        // Lower-casing makes a scalar at most three, so a paragraph over three times the title's
        // length (trailing stops and spaces aside) cannot be the same: skip building the keys.
        let trailing = paragraph.reversed().prefix { $0.scalar == "." || $0.scalar == " " }.count
        guard !title.isEmpty, paragraph.count - trailing <= 3 * title.unicodeScalars.count else { return false }
        return key(String(units: paragraph)) == key(title)
    }

    /// Whether `text` is certainly in NFC already, judged without normalizing it.
    ///
    /// True when every scalar is one whose NFC quick-check value is Yes and that never takes part
    /// in a composition: ASCII, Latin-1 and the Latin Extended blocks below the combining marks
    /// (U+0000–U+02FF), Cyrillic without its combining marks, general punctuation and currency
    /// signs (no singletons such as U+2000 or U+2126). Such text has no combining mark to reorder or
    /// compose and no scalar that decomposes, so NFC leaves it as it is. Most English news passes.
    static func isCertainlyNFC(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let index = asciiPrefixLength(bytes)
            for scalar in String(decoding: UnsafeBufferPointer(rebasing: bytes[index...]), as: UTF8.self).unicodeScalars
            where !isNFCSafe(scalar) {
                return false
            }
            return true
        }
    }

    /// Whether every byte of `text` is ASCII.
    static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { asciiPrefixLength($0) == $0.count }
    }

    /// How many bytes at the start are ASCII, read eight at a time.
    static func asciiPrefixLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
            index += 8
        }
        while index < bytes.count, bytes[index] < 0x80 { index += 1 }
        return index
    }

    /// Whether a scalar is one of those `isCertainlyNFC` accepts.
    static func isNFCSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0000...0x02FF, 0x0400...0x0482, 0x048A...0x04FF, 0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20BF: true
        default: false
        }
    }
}
