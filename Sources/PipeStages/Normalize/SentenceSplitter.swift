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

    /// Appends the sentences of `scalars` to `spans`, trimmed of spaces, as offsets into
    /// `scalars` plus `offset`.
    static func sentences<Unit: TextUnit>(in scalars: UnsafeBufferPointer<Unit>, offset: Int, into spans: inout [TextSpan]) {
        var start = 0
        var insideQuote = false
        var index = 0
        while true {
            // Only stops and quotes matter here: the units between are passed over in one go.
            index = Unit.nextStopOrQuote(in: scalars, from: index)
            guard index < scalars.count else { break }
            let scalar = scalars[index].scalar
            if scalar == "\"" { insideQuote.toggle() }
            guard SentenceRepair.isTerminal(scalar) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < scalars.count, SentenceRepair.isTerminal(scalars[end].scalar) { end += 1 }
            while end < scalars.count, isClosing(scalars[end].scalar, insideQuote: insideQuote) {
                if scalars[end].scalar == "\"" { insideQuote = false }
                end += 1
            }
            if end + 1 < scalars.count, scalars[end].scalar == " ", startsSentence(scalars[end + 1].scalar),
               !isAbbreviation(before: index, in: scalars) {
                spans.append(TextSpan(start: offset + start, end: offset + end))
                start = end + 1
            }
            index = end
        }
        if start < scalars.count { spans.append(TextSpan(start: offset + start, end: offset + scalars.count)) }
    }

    static func isClosing(_ scalar: Unicode.Scalar, insideQuote: Bool) -> Bool {
        (scalar == "\"" && insideQuote) || scalar == "\u{201D}" || scalar == "\u{2019}" || scalar == ")" || scalar == "]"
    }

    static func startsSentence(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x41...0x5A).contains(value) || (0x30...0x39).contains(value) || scalar == "\"" || scalar == "("
        }
        return scalar.properties.isUppercase || scalar.properties.numericType != nil
            || scalar == "\"" || scalar == "\u{201C}" || scalar == "\u{2018}" || scalar == "("
    }

    static func isAbbreviation<Unit: TextUnit>(before index: Int, in scalars: UnsafeBufferPointer<Unit>) -> Bool {
        guard scalars[index].scalar == "." else { return false }
        var start = index
        while start > 0, scalars[start - 1].scalar.isLetter { start -= 1 }
        if index - start == 1 { return true }
        guard index - start <= PackedWord.capacity else { return false }
        var word = PackedWord()
        for unit in scalars[start..<index] {
            let scalar = unit.scalar
            guard scalar.isASCII else { return false }
            word.append(UInt8(scalar.value) | 0x20)
        }
        return abbreviations[word] != nil
    }
}
