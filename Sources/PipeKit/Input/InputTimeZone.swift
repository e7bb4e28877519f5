import Foundation

/// The time zone a date-time without an offset is read in (`input.timezone`): `UTC`, a fixed
/// offset (`+03:00`, `-0500`) or an IANA name (`Europe/Berlin`), whose offset follows its rules
/// on the day in question, summer time included.
public struct InputTimeZone: Sendable, Hashable, CustomStringConvertible {
    /// As written.
    public let description: String
    private let fixedOffset: Int?
    private let named: TimeZone?

    /// UTC, the default.
    public static let utc = InputTimeZone(description: "UTC", fixedOffset: 0, named: nil)

    private init(description: String, fixedOffset: Int?, named: TimeZone?) {
        self.description = description
        self.fixedOffset = fixedOffset
        self.named = named
    }

    /// Reads `UTC`, `Z`, an offset, or a time zone name the system's tz database knows.
    public init?(_ text: String) {
        if let offset = Self.offset(text) {
            self.init(description: text, fixedOffset: offset, named: nil)
        } else if text.contains("/"), let zone = TimeZone(identifier: text) {
            self.init(description: text, fixedOffset: nil, named: zone)
        } else {
            return nil
        }
    }

    /// Seconds east of UTC for `UTC`, `GMT`, `Z`, `+HH:MM`, `+HHMM` or `+HH` (and `-`); nil otherwise.
    static func offset(_ text: some StringProtocol) -> Int? {
        if ["UTC", "GMT", "UT", "Z", "z"].contains(text) { return 0 }
        let bytes = Array(text.utf8)
        guard let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let digits = bytes.dropFirst().filter { $0 != UInt8(ascii: ":") }
        guard [2, 4].contains(digits.count), digits.allSatisfy({ (0x30...0x39).contains($0) }),
              bytes.count == 1 + digits.count + (bytes.contains(UInt8(ascii: ":")) ? 1 : 0) else { return nil }
        let number = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        let (hours, minutes) = digits.count == 2 ? (number, 0) : (number / 100, number % 100)
        guard hours <= 18, minutes < 60 else { return nil }
        return (sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
    }

    /// Seconds east of UTC at the instant `timestamp`.
    public func offset(at timestamp: Timestamp) -> Int {
        if let fixedOffset { return fixedOffset }
        return named?.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(timestamp.seconds))) ?? 0
    }

    /// Seconds east of UTC for a wall-clock time in this zone, given as if it were UTC: the
    /// offset of the instant it names (in a gap or an overlap of summer time, the earlier offset).
    public func offset(atWallClock wallClock: Timestamp) -> Int {
        if let fixedOffset { return fixedOffset }
        let guess = offset(at: wallClock)
        return offset(at: Timestamp(seconds: wallClock.seconds - Int64(guess)))
    }
}

extension InputTimeZone: OptionValue {
    /// `time zone`.
    public static var typeName: String { "time zone" }

    /// Reads the zone as ``init(_:)`` does.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let zone = InputTimeZone(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a time zone"))
        }
        self = zone
    }
}
