/// A size in bytes as a pipeline file writes it: a whole number of bytes, or a number with a unit
/// (`512KB`, `16 MiB`, `1GB`; KB, MB, GB are powers of 1000, KiB, MiB, GiB powers of 1024).
public struct ByteSize: Sendable, Hashable, CustomStringConvertible {
    /// The size in bytes.
    public var bytes: Int

    /// A size of `bytes` bytes.
    public init(bytes: Int) {
        self.bytes = bytes
    }

    /// Reads `16MiB`, `16 MiB`, `500KB` or `1048576`; nil for anything else or a size below 1.
    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        let unit = trimmed.dropFirst(digits.count).trimmingSpaces.lowercased()
        let multipliers: [String: Int] = [
            "": 1, "b": 1, "kb": 1000, "mb": 1_000_000, "gb": 1_000_000_000,
            "kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30,
        ]
        guard let number = Int(digits), let multiplier = multipliers[unit] else { return nil }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: multiplier)
        guard !overflow, bytes >= 1 else { return nil }
        self.bytes = bytes
    }

    /// The size in the largest binary unit that divides it, or in bytes.
    public var description: String {
        for (unit, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes % size == 0 {
            return "\(bytes / size) \(unit)"
        }
        return "\(bytes) bytes"
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
