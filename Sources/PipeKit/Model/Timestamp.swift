/// An instant, in whole seconds since 1970-01-01T00:00:00Z, written in RFC 3339 in UTC
/// (`2017-04-05T08:00:00Z`).
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since the Unix epoch; negative before it.
    public var seconds: Int64

    /// Creates an instant.
    public init(seconds: Int64) {
        self.seconds = seconds
    }

    /// The instant a wall-clock time names at `offset` seconds east of UTC.
    public init(date: CalendarDate, hour: Int, minute: Int, second: Int, offset: Int) {
        seconds = Self.epochDays(of: date) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
    }

    /// The day and time of day the instant falls on, `offset` seconds east of UTC.
    public func wallClock(offset: Int = 0) -> (date: CalendarDate, secondOfDay: Int) {
        let local = seconds + Int64(offset)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return (Self.date(epochDays: days), Int(local - days * 86_400))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var description: String {
        let (date, second) = wallClock()
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(date)T\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))Z"
    }

    /// Orders instants by time.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    static func epochDays(of date: CalendarDate) -> Int64 {
        let year = Int64(date.month <= 2 ? date.year - 1 : date.year)
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * Int64(date.month > 2 ? date.month - 3 : date.month + 9) + 2) / 5 + Int64(date.day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The first and last days ``CalendarDate`` holds, as days since 1970-01-01.
    private static let epochDayRange = epochDays(of: CalendarDate(checkedYear: 1, month: 1, day: 1))
        ... epochDays(of: CalendarDate(checkedYear: 9999, month: 12, day: 31))

    /// The day `days` after 1970-01-01 (`civil_from_days`); clamped to the years ``CalendarDate`` holds.
    static func date(epochDays days: Int64) -> CalendarDate {
        let shifted = min(max(days, epochDayRange.lowerBound), epochDayRange.upperBound) + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        let year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
        return CalendarDate(checkedYear: year, month: month, day: day)
    }
}
