import PipeKit

/// Finds dates: the header date, absolute dates in the text, and relative ones resolved against the article's date.
///
/// Absolute: `December 8, 2024`, `Dec. 8 2024`, `8 December 2024`, `8 Dec 2024`, `2024-12-08`, and
/// `December 8` / `8 December` (the latest year that puts the day no more than 60 days after the
/// article's date). Relative, needing the article's date: a weekday
/// (`on Sunday`: the latest such day on or before the article's date; `next Sunday`: the first
/// after it), `today`, `yesterday`, `tomorrow`, `last week`/`next week` (seven days),
/// `last month`/`next month`, `last year`/`next year`, `N days ago`, `N weeks ago`.
struct DateExtractor: Sendable {
    static let smallNumbers = ["a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7]

    /// The texts of the tokens.
    let texts: TokenTexts

    func extract(_ article: Article, tokens: [Token], scalars: [Unicode.Scalar]) -> [DateMention] {
        var dates: [DateMention] = []
        if let date = article.date {
            dates.append(DateMention(text: date.description, value: date, span: nil))
        }
        func text(_ from: Int, _ to: Int) -> (String, TextSpan) {
            let span = TextSpan(start: tokens[from].span.start, end: tokens[to].span.end)
            return (String(scalars: scalars[span.start..<span.end]), span)
        }
        var index = 0
        while index < tokens.count {
            if let (value, last) = absolute(at: index, tokens: tokens, reference: article.date) {
                let (string, span) = text(index, last)
                dates.append(DateMention(text: string, value: value, span: span))
                index = last + 1
            } else if let reference = article.date, let (value, first, last) = relative(at: index, tokens: tokens, reference: reference) {
                let (string, span) = text(first, last)
                dates.append(DateMention(text: string, value: value, span: span))
                index = last + 1
            } else {
                index += 1
            }
        }
        return dates
    }

    private func word(_ tokens: [Token], _ index: Int) -> String? {
        index < tokens.count && tokens[index].isWord ? texts.lowercased(tokens[index]) : nil
    }

    private func month(_ tokens: [Token], _ index: Int) -> Int? {
        guard index < tokens.count, tokens[index].isWord, tokens[index].lexeme.month != 0 else { return nil }
        // `May` and `March` are also ordinary words: require a capital.
        return tokens[index].isCapitalized ? Int(tokens[index].lexeme.month) : nil
    }

    private func number(_ tokens: [Token], _ index: Int, in range: ClosedRange<Int>) -> Int? {
        guard index < tokens.count, tokens[index].isWord, tokens[index].isNumber else { return nil }
        var text = texts.lowercased(tokens[index])
        for suffix in ["st", "nd", "rd", "th"] where text.hasSuffix(suffix) { text.removeLast(2) }
        guard let value = Int(text), range.contains(value) else { return nil }
        return value
    }

    /// An absolute date starting at `index`, with the index of its last token.
    private func absolute(at index: Int, tokens: [Token], reference: CalendarDate?) -> (CalendarDate, Int)? {
        if tokens[index].isNumber, tokens[index].bytes.count == 10, let date = CalendarDate(texts[tokens[index]]) {
            return (date, index)
        }
        let skipComma: (Int) -> Int = { $0 < tokens.count && tokens[$0].isMark(",") ? $0 + 1 : $0 }
        if let month = month(tokens, index) {
            let dayIndex = index + (tokens.indices.contains(index + 1) && tokens[index + 1].isMark(".") ? 2 : 1)
            guard let day = number(tokens, dayIndex, in: 1...31) else { return nil }
            let yearIndex = skipComma(dayIndex + 1)
            if let year = number(tokens, yearIndex, in: 1000...9999), let date = CalendarDate(year: year, month: month, day: day) {
                return (date, yearIndex)
            }
            return inferYear(month: month, day: day, reference: reference).map { ($0, dayIndex) }
        }
        if let day = number(tokens, index, in: 1...31), let month = month(tokens, index + 1) {
            if let year = number(tokens, index + 2, in: 1000...9999), let date = CalendarDate(year: year, month: month, day: day) {
                return (date, index + 2)
            }
            return inferYear(month: month, day: day, reference: reference).map { ($0, index + 1) }
        }
        return nil
    }

    private func inferYear(month: Int, day: Int, reference: CalendarDate?) -> CalendarDate? {
        guard let reference else { return nil }
        return (-1...1).compactMap { CalendarDate(year: reference.year + $0, month: month, day: day) }
            .filter { $0.dayNumber - reference.dayNumber <= 60 }
            .max()
    }

    /// A relative date around `index`, with the indices of its first and last tokens.
    private func relative(at index: Int, tokens: [Token], reference: CalendarDate) -> (CalendarDate, Int, Int)? {
        let token = tokens[index]
        guard token.isWord, token.isNumber || token.lexeme.weekday != 0 || token.lexeme.flags.contains(.relativeDate) else {
            return nil
        }
        let text = texts.lowercased(token)
        let previous = index > 0 ? word(tokens, index - 1) : nil
        switch text {
        case "today": return reference.adding(days: 0).map { ($0, index, index) }
        case "yesterday": return reference.adding(days: -1).map { ($0, index, index) }
        case "tomorrow": return reference.adding(days: 1).map { ($0, index, index) }
        case "last", "next", "this":
            guard let unit = word(tokens, index + 1) else { return nil }
            let sign = text == "last" ? -1 : (text == "next" ? 1 : 0)
            let value: CalendarDate?
            switch unit {
            case "week": value = reference.adding(days: 7 * sign)
            case "month": value = reference.adding(months: sign)
            case "year": value = reference.adding(months: 12 * sign)
            default:
                let weekday = Int(tokens[index + 1].lexeme.weekday)
                guard weekday != 0, tokens[index + 1].isCapitalized else { return nil }
                value = weekdayDate(weekday, reference: reference, direction: sign)
            }
            return value.map { ($0, index, index + 1) }
        default:
            break
        }
        if token.lexeme.weekday != 0, token.isCapitalized {
            let value = weekdayDate(Int(token.lexeme.weekday), reference: reference, direction: -1)
            return value.map { ($0, previous == "on" ? index - 1 : index, index) }
        }
        if let count = Int(text) ?? Self.smallNumbers[text],
           let unit = word(tokens, index + 1), word(tokens, index + 2) == "ago" {
            let days: Int?
            switch unit {
            case "day", "days": days = count
            case "week", "weeks": days = 7 * count
            default: days = nil
            }
            return days.flatMap { reference.adding(days: -$0) }.map { ($0, index, index + 2) }
        }
        return nil
    }

    /// The latest `weekday` on or before the reference (direction -1), the first after it (1), or in its week (0).
    private func weekdayDate(_ weekday: Int, reference: CalendarDate, direction: Int) -> CalendarDate? {
        let difference = weekday - reference.weekday
        switch direction {
        case 1: return reference.adding(days: difference > 0 ? difference : difference + 7)
        case 0: return reference.adding(days: difference)
        default: return reference.adding(days: difference <= 0 ? difference : difference - 7)
        }
    }
}
