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
