import PipeKit

/// Finds sentence boundaries in a normalized paragraph.
///
/// A sentence ends at `.`, `!` or `?` (and any closing quotes or brackets right after) followed
/// by a space and a capital letter, a digit or an opening quote, unless the word before the stop
/// is a known abbreviation (`Mr.`, `Dr.`, `Jan.`) or a single letter (`U.S.`, `George W. Bush`).
enum SentenceSplitter {
    static let abbreviationList = [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm",
        "gov", "sen", "rep", "rev", "mt", "ft", "vs", "etc", "no", "nos", "vol", "approx", "dept", "est",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "pp",
    ]
    static let abbreviations = WordTable(abbreviationList.map { ($0, true) })

    /// Appends the sentences of `units` to `spans`, trimmed of spaces, as offsets into `units`
    /// plus `offset`.
    static func sentences<Unit: TextUnit>(in units: UnsafeBufferPointer<Unit>, offset: Int, into spans: inout [TextSpan]) {
        var start = 0
        var insideQuote = false
        var index = 0
        while true {
            // Only stops and quotes matter here: the units between are passed over in one go.
            index = Unit.nextStopOrQuote(in: units, from: index)
            guard index < units.count else { break }
            if units[index].isASCII("\"") { insideQuote.toggle() }
            guard units[index].isTerminal else {
                index += 1
                continue
            }
            var end = index + 1
            while end < units.count, units[end].isTerminal { end += 1 }
            while end < units.count {
                let (closing, length) = Unit.scalar(at: end, in: units)
                guard isClosing(closing, insideQuote: insideQuote) else { break }
                if closing == "\"" { insideQuote = false }
                end += length
            }
            if end + 1 < units.count, units[end].isASCII(" "), startsSentence(Unit.scalar(at: end + 1, in: units).scalar),
               !isAbbreviation(before: index, in: units) {
                spans.append(TextSpan(start: offset + start, end: offset + end))
                start = end + 1
            }
            index = end
        }
        if start < units.count { spans.append(TextSpan(start: offset + start, end: offset + units.count)) }
    }

    static func isClosing(_ scalar: Unicode.Scalar, insideQuote: Bool) -> Bool {
        (scalar == "\"" && insideQuote) || scalar == "\u{201D}" || scalar == "\u{2019}" || scalar == ")" || scalar == "]"
    }

    static func startsSentence(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x41...0x5A).contains(value) || (0x30...0x39).contains(value) || scalar == "\"" || scalar == "("
        }
        if scalar.isGeneralPunctuation { return scalar == "\u{201C}" || scalar == "\u{2018}" }
        return scalar.properties.isUppercase || scalar.properties.numericType != nil
    }

    static func isAbbreviation<Unit: TextUnit>(before index: Int, in units: UnsafeBufferPointer<Unit>) -> Bool {
        guard units[index].isASCII(".") else { return false }
        var start = index, letters = 0
        while start > 0 {
            let (scalar, length) = Unit.scalar(before: start, in: units)
            guard scalar.isLetter else { break }
            start -= length
            letters += 1
        }
        if letters == 1 { return true }
        guard letters <= PackedWord.capacity else { return false }
        var word = PackedWord()
        for position in start..<index {
            let scalar = Unit.scalar(at: position, in: units).scalar
            guard scalar.isASCII else { return false }
            word.append(UInt8(scalar.value) | 0x20)
        }
        return abbreviations[word] != nil
    }
}
