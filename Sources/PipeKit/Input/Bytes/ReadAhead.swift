/// Bytes read ahead from a source for a decoder that takes them in steps (a decompressor,
/// iconv): what the decoder has not taken yet stays, and more is read after it.
struct ReadAhead {
    private var bytes = [UInt8](repeating: 0, count: 1 << 16)
    private var start = 0, end = 0
    /// Whether the source gave its last byte.
    private(set) var sourceEnded = false

    /// Whether no byte waits for the decoder.
    var isEmpty: Bool { start == end }
    /// The bytes waiting for the decoder.
    var pending: ArraySlice<UInt8> { bytes[start..<end] }

    /// Marks `count` waiting bytes as taken by the decoder.
    mutating func consume(_ count: Int) {
        start += count
    }

    /// Lends the waiting bytes to the decoder.
    func withPending<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Moves the waiting bytes to the front and reads more after them from `source`.
    mutating func refill(from source: any ByteSource) throws {
        if start > 0 {
            bytes.replaceSubrange(0..<(end - start), with: bytes[start..<end])
            (start, end) = (0, end - start)
        }
        guard end < bytes.count else { return }
        let count = try bytes.withUnsafeMutableBytes { [end] buffer in
            try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
        }
        if count == 0 { sourceEnded = true }
        end += count
    }
}
