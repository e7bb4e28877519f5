/// Reads a byte source (a file, decompressed when it is compressed) line by line in large blocks,
/// so that memory stays bounded by the longest line, or by `maxLineSize` when a line is longer:
/// such a line is returned cut to its first bytes, with its whole size, and the rest of it is read
/// past without being kept (in decompressed input, reading stops there with an error instead).
final class LineReader {
    /// A line without its `\n` (and without a `\r` before it).
    struct Line {
        /// The line's bytes; only the first `RawRecord.oversizePrefix` when it was too long.
        var bytes: [UInt8]
        /// The line's whole size when it was longer than `maxLineSize`, else nil.
        var oversize: Int?
    }

    private let source: any ByteSource
    private let maxLineSize: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    /// The 1-based number of the line last returned.
    private(set) var lineNumber = 0

    private static let blockSize = 1 << 20

    /// Creates a reader; when the source stops (its stop signal fired), reading ends as if at
    /// the end of input, except that a line whose end was not yet read is left out.
    init(source: any ByteSource, maxLineSize: Int = .max) {
        self.source = source
        self.maxLineSize = maxLineSize
    }

    /// Creates a reader of a file descriptor, not decompressed.
    convenience init(descriptor: Int32, closesDescriptor: Bool, stop: StopSignal? = nil, maxLineSize: Int = .max) {
        self.init(source: DescriptorSource(descriptor: descriptor, closesDescriptor: closesDescriptor, stop: stop),
                  maxLineSize: maxLineSize)
    }

    /// The next line, or `nil` at the end.
    func next() throws -> Line? {
        while true {
            if let newline = newlineIndex(from: start) {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                defer { start = newline + 1 }
                return line(start..<end)
            }
            if atEnd {
                // A line cut short by a stop is not a record: a resumed run reads it whole.
                guard start < buffer.count, !source.stopped else { return nil }
                defer { start = buffer.count }
                return line(start..<buffer.count)
            }
            if buffer.count - start > maxLineSize { return try skipLongLine() }
            try fill()
        }
    }

    /// The index of the first line feed in the buffer from `start` on (a record is about 3 KB).
    private func newlineIndex(from start: Int) -> Int? {
        buffer.withUnsafeBytes { ByteWords.firstIndex(of: UInt8(ascii: "\n"), in: $0, from: start) }
    }

    private func line(_ range: Range<Int>) -> Line {
        lineNumber += 1
        guard range.count > maxLineSize else { return Line(bytes: Array(buffer[range])) }
        return Line(bytes: Array(buffer[range].prefix(RawRecord.oversizePrefix)), oversize: range.count)
    }

    /// Cuts the line at the cursor, longer than `maxLineSize` and not yet ended, and reads past the
    /// rest of it; in decompressed input, throws instead (``Compression/recordTooLarge(limit:)``).
    private func skipLongLine() throws -> Line? {
        if let compression = source.compression { throw compression.recordTooLarge(limit: maxLineSize) }
        let kept = Array(buffer[start...].prefix(RawRecord.oversizePrefix))
        var size = 0
        var last: UInt8 = 0
        while true {
            if let newline = newlineIndex(from: start) {
                size += newline - start
                // Like a short line, the size leaves out a `\r` before the `\n`.
                if (newline > start ? buffer[newline - 1] : last) == UInt8(ascii: "\r") { size -= 1 }
                start = newline + 1
                break
            }
            size += buffer.count - start
            last = buffer.last ?? last
            start = buffer.count
            if atEnd { break }
            try fill()
        }
        if source.stopped { return nil }
        lineNumber += 1
        return Line(bytes: kept, oversize: size)
    }

    private func fill() throws {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        let oldCount = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: Self.blockSize))
        let count: Int
        do {
            count = try buffer.withUnsafeMutableBytes { bytes in
                try source.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[oldCount...]))
            }
        } catch {
            buffer.removeLast(Self.blockSize)
            throw error
        }
        buffer.removeLast(Self.blockSize - count)
        if count == 0 { atEnd = true }
    }
}
