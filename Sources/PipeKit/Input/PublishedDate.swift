/// When an article was published, as its input gives it: the calendar day as published, in its
/// own offset, and, when a time was given, the instant.
///
/// ``parse(_:in:)`` reads the formats news comes with: `2024-12-08`; RFC 3339 / ISO 8601
/// date-times with or without an offset (`2017-04-05T08:00:00Z`, `2017-04-05 11:00+03:00`,
/// `2017-04-05T08:00`); RFC 2822 as RSS writes it (`Sun, 08 Dec 2024 14:03:00 +0300`);
/// `December 8, 2024` and `8 December 2024` (a weekday before them, an abbreviated month and a
/// time after them allowed); a basic ISO date (`20241208`); and Unix seconds (`1733666580`).
/// A date-time without an offset, and Unix seconds, are placed in the input's time zone.
public struct PublishedDate: Sendable, Hashable {
    /// The day as published, in the offset the date was written in.
    public var date: CalendarDate
    /// The instant, when a time was given.
    public var instant: Timestamp?

    /// Creates a publication date.
    public init(date: CalendarDate, instant: Timestamp? = nil) {
        self.date = date
        self.instant = instant
    }

    /// Reads `text` in any of the formats above; nil when it is none of them or names no real day.
    public static func parse(_ text: some StringProtocol, in zone: InputTimeZone = .utc) -> PublishedDate? {
        // The common case first, without copying the text.
        if let date = CalendarDate(text) { return PublishedDate(date: date) }
        let trimmed = text.trimmingSpaces
        let bytes = Array(trimmed.utf8)
        guard let first = bytes.first else { return nil }
        if bytes.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ".") }) { return unix(bytes, in: zone) }
        if isDigit(first), bytes.count >= 10, bytes[4] == UInt8(ascii: "-") { return iso(bytes, in: zone) }
        return words(trimmed, in: zone)
    }

    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    /// The number the digits of `bytes[range]` spell; nil when one is not a digit.
    static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 12 else { return nil }
        var value = 0
        for byte in bytes {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// A day and a wall-clock time, with the offset written beside it or else the input's zone's.
    static func at(_ date: CalendarDate, _ time: (hour: Int, minute: Int, second: Int),
                   offset: Int?, in zone: InputTimeZone) -> PublishedDate? {
        guard time.hour < 24, time.minute < 60, time.second <= 60 else { return nil }
        let wallClock = Timestamp(date: date, hour: time.hour, minute: time.minute, second: min(time.second, 59), offset: 0)
        let offset = offset ?? zone.offset(atWallClock: wallClock)
        return PublishedDate(date: date, instant: Timestamp(seconds: wallClock.seconds - Int64(offset)))
    }

    /// Unix seconds (a fraction dropped), or a basic ISO date of eight digits.
    private static func unix(_ bytes: [UInt8], in zone: InputTimeZone) -> PublishedDate? {
        let whole = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        guard whole.count == 1 || (whole.count == 2 && whole[1].allSatisfy(isDigit)), let seconds = number(whole[0]) else {
            return nil
        }
        if bytes.count == 8, let year = number(whole[0].prefix(4)), let month = number(whole[0].dropFirst(4).prefix(2)),
           let date = CalendarDate(year: year, month: month, day: seconds % 100) {
            return PublishedDate(date: date)
        }
        // Beyond 9999-12-31 no calendar day holds it.
        guard seconds <= 253_402_300_799 else { return nil }
        let instant = Timestamp(seconds: Int64(seconds))
        return PublishedDate(date: instant.wallClock(offset: zone.offset(at: instant)).date, instant: instant)
    }

    /// `YYYY-MM-DD`, then optionally `T` or a space, `HH:MM`, `:SS`, a fraction and an offset.
    private static func iso(_ bytes: [UInt8], in zone: InputTimeZone) -> PublishedDate? {
        guard bytes[7] == UInt8(ascii: "-"), let year = number(bytes[0..<4]), let month = number(bytes[5..<7]),
              let day = number(bytes[8..<10]), let date = CalendarDate(year: year, month: month, day: day) else { return nil }
        guard bytes.count > 10 else { return PublishedDate(date: date) }
        guard [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[10]), bytes.count >= 16,
              bytes[13] == UInt8(ascii: ":"), let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]) else {
            return nil
        }
        var position = 16, second = 0
        if position < bytes.count, bytes[position] == UInt8(ascii: ":") {
            guard bytes.count >= 19, let value = number(bytes[17..<19]) else { return nil }
            (second, position) = (value, 19)
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") || bytes[position] == UInt8(ascii: ",") {
            position += 1
            let start = position
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            guard position > start else { return nil }
        }
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") { position += 1 }
        var offset: Int?
        if position < bytes.count {
            guard let written = InputTimeZone.offset(String(decoding: bytes[position...], as: UTF8.self)) else { return nil }
            offset = written
        }
        return at(date, (hour, minute, second), offset: offset, in: zone)
    }
}
