import PipeKit

/// Finds dates: the header date, absolute dates in the text, and relative ones resolved against
/// the article's date, each with the period it names (``DatePrecision``).
///
/// Absolute: `December 8, 2024`, `Dec. 8 2024`, `8 December 2024`, `8th of December`,
/// `2024-12-08`; `December 8` / `8 December` without a year (the latest year that puts the day no
/// more than 60 days after the article's date); months (`March 2011`; `in November`,
/// `mid-January`, with the year inferred the same way) and years after a preposition (`in 2004`,
/// `since 1999`). Relative, needing the article's date: ``DateExtractor/relative(at:tokens:reference:)``.
struct DateExtractor: Sendable {
    static let smallNumbers = ["a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                               "eight": 8, "nine": 9, "ten": 10, "several": 3]

    /// The words that may start a relative date besides numbers, count words (``smallNumbers``)
    /// and weekdays (``Lexeme/Flags/relativeDate``).
    static let relativeStarts = ["today", "tonight", "yesterday", "tomorrow", "last", "next", "this", "earlier", "later", "early", "late"]

    /// Words after which a four-digit number is a year: `in 2004`.
    static let yearPrepositions: Set<String> = ["in", "since", "by", "until", "till", "during", "from", "of", "before", "after", "through"]
    /// Words after which a month name alone is a date: `in November`.
    static let monthPrepositions: Set<String> = ["in", "since", "by", "until", "till", "during", "from", "of", "before", "after",
                                                 "through", "early", "late", "mid", "last", "next", "this"]

    /// A date found: its value and precision, and its first and last tokens.
    struct Found {
        var value: CalendarDate
        var precision: DatePrecision
        var first: Int
        var last: Int
    }

    /// The texts of the tokens.
    let texts: TokenTexts

    func extract(_ article: Article, tokens: [Token]) -> [DateMention] {
        var dates: [DateMention] = []
        // An article names a few dates: room for them made once.
        dates.reserveCapacity(8)
        if let date = article.date {
            dates.append(DateMention(text: date.description, value: date, span: nil))
        }
        var index = 0
        while index < tokens.count {
            guard mayStartDate(at: index, in: tokens) else {
                index += 1
                continue
            }
            let found = absolute(at: index, tokens: tokens, reference: article.date)
                ?? article.date.flatMap { relative(at: index, tokens: tokens, reference: $0) }
            guard let found else {
                index += 1
                continue
            }
            let span = TextSpan(start: tokens[found.first].span.start, end: tokens[found.last].span.end)
            let text = texts.text(from: tokens[found.first], to: tokens[found.last])
            dates.append(DateMention(text: text, value: found.value,
                                     precision: found.precision, span: span))
            index = found.last + 1
        }
        return dates
    }

    // MARK: Tokens

    /// Whether a date may start at token `index`, tested from its facts alone so that most tokens
    /// cost no more: a number, a month or weekday, a word of ``relativeStarts``, a count word two
    /// words before `ago` (`a` and `an` are among the commonest words), or a word that may be
    /// `mid-`, `early-` or `late-` and a month (more than five bytes, from m, e or l).
    func mayStartDate(at index: Int, in tokens: [Token]) -> Bool {
        let token = tokens[index]
        guard token.isWord else { return false }
        return token.isNumber || token.lexeme.isDateWord || token.lexeme.flags.contains(.relativeDate)
            || (token.lexeme.flags.contains(.countWord) && isAgo(index + 2, in: tokens))
            || mayBePrefixedMonth(token)
    }

    /// Whether a word may be `mid-`, `early-` or `late-` and a month: more than five bytes, from
    /// m, e or l (a byte test, so that only such words are lower-cased).
    func mayBePrefixedMonth(_ token: Token) -> Bool {
        token.isWord && token.bytes.count > 5 && [0x6D, 0x65, 0x6C].contains(texts.utf8[token.bytes.lowerBound] | 0x20)
    }

    /// Whether token `index` is the word `ago`, in any case (compared packed, without a string).
    func isAgo(_ index: Int, in tokens: [Token]) -> Bool {
        guard tokens.indices.contains(index), tokens[index].isWord, let key = tokens[index].key else { return false }
        return key == Self.ago
    }

    private static let ago = PackedWord("ago")

    func word(_ tokens: [Token], _ index: Int) -> String? {
        tokens.indices.contains(index) && tokens[index].isWord ? texts.lowercased(tokens[index]) : nil
    }

    /// The month a capitalised month name names (`May` and `March` are also ordinary words).
    func month(_ tokens: [Token], _ index: Int) -> Int? {
        guard tokens.indices.contains(index), tokens[index].isWord, tokens[index].lexeme.month != 0, tokens[index].isCapitalized else {
            return nil
        }
        return Int(tokens[index].lexeme.month)
    }

    /// The number a token of digits (maybe with an ordinal ending: `5th`) stands for, when in `range`.
    func number(_ tokens: [Token], _ index: Int, in range: ClosedRange<Int>) -> Int? {
        guard tokens.indices.contains(index), tokens[index].isWord, tokens[index].isNumber else { return nil }
        var bytes = texts.utf8[tokens[index].bytes]
        if bytes.count > 2, let last = bytes.last, !(0x30...0x39).contains(last) {
            let ending = (bytes[bytes.endIndex - 2] | 0x20, last | 0x20)
            guard [(0x73, 0x74), (0x6E, 0x64), (0x72, 0x64), (0x74, 0x68)].contains(where: { $0 == ending }) else { return nil }
            bytes = bytes.dropLast(2)
        }
        guard !bytes.isEmpty, bytes.count <= 4 else { return nil }
        var value = 0
        for byte in bytes {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return range.contains(value) ? value : nil
    }

    // MARK: Absolute dates

    /// An absolute date starting at `index`.
    func absolute(at index: Int, tokens: [Token], reference: CalendarDate?) -> Found? {
        if tokens[index].isNumber, tokens[index].bytes.count == 10, let date = CalendarDate(texts[tokens[index]]) {
            return Found(value: date, precision: .day, first: index, last: index)
        }
        let skipComma: (Int) -> Int = { $0 < tokens.count && tokens[$0].isMark(",") ? $0 + 1 : $0 }
        if let month = month(tokens, index) {
            let afterMonth = index + (tokens.indices.contains(index + 1) && tokens[index + 1].isMark(".") ? 2 : 1)
            if let year = number(tokens, skipComma(afterMonth), in: 1000...9999), let date = CalendarDate(year: year, month: month, day: 1) {
                return Found(value: date, precision: .month, first: index, last: skipComma(afterMonth))
            }
            if let day = number(tokens, afterMonth, in: 1...31) {
                let yearIndex = skipComma(afterMonth + 1)
                if let year = number(tokens, yearIndex, in: 1000...9999), let date = CalendarDate(year: year, month: month, day: day) {
                    return Found(value: date, precision: .day, first: index, last: yearIndex)
                }
                return inferYear(month: month, day: day, reference: reference).map { Found(value: $0, precision: .day, first: index, last: afterMonth) }
            }
            // A month alone, after a word that makes it a date: `in November`, `last March`.
            guard index > 0, let previous = word(tokens, index - 1), Self.monthPrepositions.contains(previous) else { return nil }
            return monthAlone(month, word: previous, reference: reference).map { Found(value: $0, precision: .month, first: index, last: index) }
        }
        if let day = number(tokens, index, in: 1...31) {
            let monthIndex = word(tokens, index + 1) == "of" ? index + 2 : index + 1
            guard let month = month(tokens, monthIndex) else { return nil }
            if let year = number(tokens, monthIndex + 1, in: 1000...9999), let date = CalendarDate(year: year, month: month, day: day) {
                return Found(value: date, precision: .day, first: index, last: monthIndex + 1)
            }
            return inferYear(month: month, day: day, reference: reference).map { Found(value: $0, precision: .day, first: index, last: monthIndex) }
        }
        if let year = number(tokens, index, in: 1900...2100), tokens[index].bytes.count == 4, index > 0,
           let previous = word(tokens, index - 1), Self.yearPrepositions.contains(previous), let date = CalendarDate(year: year, month: 1, day: 1) {
            return Found(value: date, precision: .year, first: index, last: index)
        }
        // `mid-January`, `early-March`, `late-May` (only words that may be one and hold a hyphen
        // are lower-cased).
        if mayBePrefixedMonth(tokens[index]), tokens[index].bytes.contains(where: { texts.utf8[$0] == UInt8(ascii: "-") }), let lower = word(tokens, index), let hyphen = lower.firstIndex(of: "-"), ["mid", "early", "late"].contains(lower[..<hyphen]),
           let month = WordLists.months[String(lower[lower.index(after: hyphen)...])] {
            if let year = number(tokens, index + 1, in: 1000...9999), let date = CalendarDate(year: year, month: month, day: 1) {
                return Found(value: date, precision: .month, first: index, last: index + 1)
            }
            return monthAlone(month, word: "in", reference: reference).map { Found(value: $0, precision: .month, first: index, last: index) }
        }
        return nil
    }

    /// The day `month`/`day` in the latest year that puts it no more than 60 days after the reference.
    func inferYear(month: Int, day: Int, reference: CalendarDate?) -> CalendarDate? {
        guard let reference else { return nil }
        return (-1...1).compactMap { CalendarDate(year: reference.year + $0, month: month, day: day) }
            .filter { $0.dayNumber - reference.dayNumber <= 60 }
            .max()
    }

    /// The first day of a month named alone: `last March` (the latest before the reference's
    /// month), `next March` (the first after it), `this March` (in the reference's year), else the
    /// latest whose first day is no more than 60 days after the reference.
    func monthAlone(_ month: Int, word: String, reference: CalendarDate?) -> CalendarDate? {
        guard let reference else { return nil }
        let candidates = (-1...1).compactMap { CalendarDate(year: reference.year + $0, month: month, day: 1) }
        let thisMonth = CalendarDate(year: reference.year, month: reference.month, day: 1) ?? reference
        switch word {
        case "last": return candidates.filter { $0 < thisMonth }.max()
        case "next": return candidates.filter { $0 > thisMonth }.min()
        case "this": return CalendarDate(year: reference.year, month: month, day: 1)
        default: return candidates.filter { $0.dayNumber - reference.dayNumber <= 60 }.max()
        }
    }
}
