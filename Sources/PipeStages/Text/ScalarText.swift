/// Fast helpers for building text scalar by scalar, with ASCII fast paths.
struct ScalarText {
    /// The text being built, as UTF-8.
    private(set) var utf8: [UInt8] = []

    init(capacity: Int = 0) {
        utf8.reserveCapacity(capacity)
    }

    var isEmpty: Bool { utf8.isEmpty }

    mutating func append(_ scalar: Unicode.Scalar) {
        if scalar.isASCII {
            utf8.append(UInt8(truncatingIfNeeded: scalar.value))
        } else {
            UTF8.encode(scalar) { utf8.append($0) }
        }
    }

    mutating func append(contentsOf scalars: some Sequence<Unicode.Scalar>) {
        for scalar in scalars { append(scalar) }
    }

    var string: String { String(decoding: utf8, as: UTF8.self) }

    /// Whether a scalar is white space or a zero-width space.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isWhitespace || scalar == "\u{200B}"
    }
}
