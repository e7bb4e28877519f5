/// Cuts a stream of byte buffers into lines (without their `\n`; a `\r` before it is dropped too).
///
/// `Subprocess`'s string sequence decodes byte by byte through generic code, about a millisecond
/// for an article's line; this finds line ends with a byte search over each buffer.
struct LineSplitter {
    /// The bytes of a line not yet ended.
    private var partial: [UInt8] = []
    /// The longest line accepted; a longer one is an error.
    let maximumLength: Int

    /// A line longer than the maximum.
    struct TooLong: Error, CustomStringConvertible {
        let maximumLength: Int
        var description: String { "a line is longer than \(maximumLength) bytes" }
    }

    init(maximumLength: Int) {
        self.maximumLength = maximumLength
    }

    /// The lines that `bytes` completes, in order.
    mutating func lines(in bytes: UnsafeRawBufferPointer) throws(TooLong) -> [String] {
        var lines: [String] = []
        var start = 0
        let bytes = bytes.bindMemory(to: UInt8.self)
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            partial.append(contentsOf: bytes[start..<newline])
            lines.append(take())
            start = newline + 1
        }
        partial.append(contentsOf: bytes[start...])
        guard partial.count <= maximumLength else { throw TooLong(maximumLength: maximumLength) }
        return lines
    }

    /// What is left when the stream ends: a last line without `\n`, if any.
    mutating func finish() -> String? {
        partial.isEmpty ? nil : take()
    }

    private mutating func take() -> String {
        if partial.last == UInt8(ascii: "\r") { partial.removeLast() }
        defer { partial.removeAll(keepingCapacity: true) }
        return String(decoding: partial, as: UTF8.self)
    }
}
