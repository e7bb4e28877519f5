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
        inLargestUnit.map { "\($0.count) \($0.unit)" } ?? "\(bytes) bytes"
    }

    /// The size in the largest binary unit that divides it.
    private var inLargestUnit: (count: Int, unit: String)? {
        [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)].first { bytes % $0.1 == 0 }.map { (bytes / $0.1, $0.0) }
    }
}

extension ByteSize: OptionValue {
    /// `size`.
    public static var typeName: String { "size" }
    /// The size in its largest whole binary unit, as a pipeline file writes it (`16MiB`).
    public var yamlText: String? { inLargestUnit.map { "\($0.count)\($0.unit)" } ?? "\(bytes)" }

    /// Reads a whole number of bytes or a size with a unit.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let number = try? container.decode(Int.self)
        let text = try number.map(String.init) ?? container.decode(String.self)
        guard let size = ByteSize(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a size"))
        }
        self = size
    }
}
