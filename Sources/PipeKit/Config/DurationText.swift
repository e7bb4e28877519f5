/// Reads a duration as a pipeline file writes it: `30s`, `500ms`, `2m`, `1h`, `1.5s`, or a number of seconds.
package enum DurationText {
    /// The duration, or nil for anything else, zero or a negative one.
    package static func parse(_ text: String) -> Duration? {
        let trimmed = text.filter { $0 != " " }
        let number = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let units: [String: Double] = ["": 1, "s": 1, "ms": 0.001, "m": 60, "min": 60, "h": 3600]
        guard let value = Double(number), let unit = units[String(trimmed.dropFirst(number.count))] else { return nil }
        let seconds = value * unit
        guard seconds > 0, seconds.isFinite, seconds < 1e9 else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}

extension DurationText {
    /// The duration as a pipeline file writes it, in the largest unit that divides it: `10s`, `2m`, `500ms`.
    package static func format(_ duration: Duration) -> String {
        let milliseconds = Self.milliseconds(duration)
        for (unit, size) in [("h", Int64(3_600_000)), ("m", 60_000), ("s", 1000)] where milliseconds % size == 0 {
            return "\(milliseconds / size)\(unit)"
        }
        return "\(milliseconds)ms"
    }
}

extension DurationText {
    /// The duration in whole milliseconds.
    package static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}

extension Duration: OptionValue {
    /// `duration`.
    public static var typeName: String { "duration" }
    /// `10s`, `2m`, `500ms`.
    public var yamlText: String? { DurationText.format(self) }

    /// Reads `30s`, `500ms`, `2m`, `1h` or a number of seconds; zero and negative durations are
    /// refused. (`Duration`'s own `Codable` form is a pair of integers.)
    public static func decodeOption(from decoder: any Decoder) throws -> Duration {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let duration = DurationText.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a duration"))
        }
        return duration
    }
}
