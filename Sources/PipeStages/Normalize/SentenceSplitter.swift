/// Finds sentence boundaries in a normalized paragraph.
///
/// A sentence ends at `.`, `!` or `?` (and any closing quotes or brackets right after) followed
/// by a space and a capital letter, a digit or an opening quote, unless the word before the stop
/// is a known abbreviation (`Mr.`, `Dr.`, `Jan.`) or a single letter (`U.S.`, `George W. Bush`).
enum SentenceSplitter {
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm",
        "gov", "sen", "rep", "rev", "mt", "ft", "vs", "etc", "no", "nos", "vol", "approx", "dept", "est",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "pp",
    ]

    /// The sentences as ranges of scalar offsets into `scalars`, trimmed of spaces.
    static func sentences(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var insideQuote = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\"" { insideQuote.toggle() }
            guard SentenceRepair.isTerminal(scalar) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < scalars.count, SentenceRepair.isTerminal(scalars[end]) { end += 1 }
            while end < scalars.count, isClosing(scalars[end], insideQuote: insideQuote) {
                if scalars[end] == "\"" { insideQuote = false }
                end += 1
            }
            if end + 1 < scalars.count, scalars[end] == " ", startsSentence(scalars[end + 1]),
               !isAbbreviation(before: index, in: scalars) {
                ranges.append(start..<end)
                start = end + 1
            }
            index = end
        }
        if start < scalars.count { ranges.append(start..<scalars.count) }
        return ranges
    }

    static func isClosing(_ scalar: Unicode.Scalar, insideQuote: Bool) -> Bool {
        (scalar == "\"" && insideQuote) || scalar == "\u{201D}" || scalar == "\u{2019}" || scalar == ")" || scalar == "]"
    }

    static func startsSentence(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isUppercase || scalar.properties.numericType != nil
            || scalar == "\"" || scalar == "\u{201C}" || scalar == "\u{2018}" || scalar == "("
    }

    static func isAbbreviation(before index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        guard scalars[index] == "." else { return false }
        var position = index - 1
        var word = String.UnicodeScalarView()
        while position >= 0, scalars[position].properties.isAlphabetic {
            word.insert(scalars[position], at: word.startIndex)
            position -= 1
        }
        if word.count == 1 { return true }
        return abbreviations.contains(String(word).lowercased())
    }
}
