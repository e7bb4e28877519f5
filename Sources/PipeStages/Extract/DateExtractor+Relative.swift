import PipeKit

extension DateExtractor {
    /// Words for a part of a day after a weekday: `Tuesday night`.
    static let partsOfDay: Set<String> = ["morning", "afternoon", "evening", "night"]

    /// A relative date at `index`, resolved against `reference`:
    ///
    /// - `today`, `tonight`, `yesterday`, `tomorrow`, `this morning` (a day);
    /// - a weekday, maybe with `on` before it and a part of the day after it: `on Sunday`,
    ///   `Tuesday night` (the latest such day on or before the reference); `last Tuesday` (the
    ///   latest before it), `next Tuesday` (the first after it), `this Tuesday` (in its week);
    /// - `last`, `this`, `next` with `week`, `month`, `year`, maybe after `earlier`, `later`,
    ///   `early`, `late`: `earlier this month`, `late last year` (the week, month or year);
    ///   `this weekend` (the Saturday of the reference's week);
    /// - a count and a unit before `ago`: `three days ago`, `two weeks ago`, `a year ago`,
    ///   `several months ago` (a day, week, month or year as precise as the unit).
    func relative(at index: Int, tokens: [Token], reference: CalendarDate) -> Found? {
        let token = tokens[index]
        let isCount = token.isNumber || token.lexeme.flags.contains(.countWord)
        guard token.isWord, isCount || token.lexeme.weekday != 0 || token.lexeme.flags.contains(.relativeDate) else {
            return nil
        }
        // A number or count word is a date only as `three days ago`.
        if isCount, !isAgo(index + 2, in: tokens) { return nil }
        let text = texts.lowercased(token)
        switch text {
        case "today", "tonight": return Found(value: reference, precision: .day, first: index, last: index)
        case "yesterday": return reference.adding(days: -1).map { Found(value: $0, precision: .day, first: index, last: index) }
        case "tomorrow": return reference.adding(days: 1).map { Found(value: $0, precision: .day, first: index, last: index) }
        case "earlier", "later", "early", "late":
            // `earlier this month`: the period the rest names, the text from this word.
            guard ["last", "this", "next"].contains(word(tokens, index + 1) ?? ""), var found = relative(at: index + 1, tokens: tokens, reference: reference),
                  found.precision != .day else { return nil }
            found.first = index
            return found
        case "last", "next", "this":
            return period(at: index, sign: text == "last" ? -1 : (text == "next" ? 1 : 0), tokens: tokens, reference: reference)
        default:
            break
        }
        if token.lexeme.weekday != 0, token.isCapitalized {
            guard let value = weekdayDate(Int(token.lexeme.weekday), reference: reference, direction: -1) else { return nil }
            let last = Self.partsOfDay.contains(word(tokens, index + 1) ?? "") ? index + 1 : index
            let afterOn = index > 0 && word(tokens, index - 1) == "on"
            return Found(value: value, precision: .day, first: afterOn ? index - 1 : index, last: last)
        }
        if isCount, let count = Int(text) ?? Self.smallNumbers[text], let unit = word(tokens, index + 1) {
            let value: CalendarDate?, precision: DatePrecision
            switch unit {
            case "day", "days": (value, precision) = (reference.adding(days: -count), .day)
            case "week", "weeks": (value, precision) = (reference.adding(days: -7 * count).flatMap(Self.monday), .week)
            case "month", "months": (value, precision) = (reference.adding(months: -count).flatMap(Self.firstOfMonth), .month)
            case "year", "years": (value, precision) = (CalendarDate(year: reference.year - count, month: 1, day: 1), .year)
            default: return nil
            }
            return value.map { Found(value: $0, precision: precision, first: index, last: index + 2) }
        }
        return nil
    }

    /// `last week`, `this month`, `next year`, `this weekend`, `last Tuesday`, `this morning`.
    private func period(at index: Int, sign: Int, tokens: [Token], reference: CalendarDate) -> Found? {
        guard let unit = word(tokens, index + 1) else { return nil }
        let found: (CalendarDate?, DatePrecision)
        switch unit {
        case "week": found = (reference.adding(days: 7 * sign).flatMap(Self.monday), .week)
        case "month": found = (reference.adding(months: sign).flatMap(Self.firstOfMonth), .month)
        case "year": found = (CalendarDate(year: reference.year + sign, month: 1, day: 1), .year)
        case "weekend": found = (reference.adding(days: 7 * sign).flatMap(Self.monday).flatMap { $0.adding(days: 5) }, .day)
        case "morning", "afternoon", "evening":
            guard sign == 0 else { return nil }
            found = (reference, .day)
        default:
            let weekday = Int(tokens[index + 1].lexeme.weekday)
            guard weekday != 0, tokens[index + 1].isCapitalized else { return nil }
            found = (weekdayDate(weekday, reference: reference, direction: sign), .day)
        }
        return found.0.map { Found(value: $0, precision: found.1, first: index, last: index + 1) }
    }

    /// The latest `weekday` on or before the reference (direction -1), the first after it (1), or in its week (0).
    func weekdayDate(_ weekday: Int, reference: CalendarDate, direction: Int) -> CalendarDate? {
        let difference = weekday - reference.weekday
        switch direction {
        case 1: return reference.adding(days: difference > 0 ? difference : difference + 7)
        case 0: return reference.adding(days: difference)
        default: return reference.adding(days: difference <= 0 ? difference : difference - 7)
        }
    }

    /// The Monday of the date's week.
    static func monday(_ date: CalendarDate) -> CalendarDate? { date.adding(days: 1 - date.weekday) }

    /// The first day of the date's month.
    static func firstOfMonth(_ date: CalendarDate) -> CalendarDate? { CalendarDate(year: date.year, month: date.month, day: 1) }
}
