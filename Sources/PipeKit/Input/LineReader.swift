#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor line by line in large blocks, so that memory stays bounded by the
/// longest line, or by `maxLineSize` when a line is longer: such a line is returned cut to its
/// first bytes, with its whole size, and the rest of it is read past without being kept.
final class LineReader {
    /// A line without its `\n` (and without a `\r` before it).
    struct Line {
        /// The line's bytes; only the first `RawRecord.oversizePrefix` when it was too long.
        var bytes: [UInt8]
        /// The line's whole size when it was longer than `maxLineSize`, else nil.
        var oversize: Int?
    }

    private let descriptor: Int32
    private let closesDescriptor: Bool
    private let stop: StopSignal?
    private let maxLineSize: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    /// Whether reading ended because the stop signal fired, not at the end of the input.
    private var stopped = false
    /// The 1-based number of the line last returned.
    private(set) var lineNumber = 0

    private static let blockSize = 1 << 20

    /// Creates a reader; when `stop` fires, a read waiting for data ends as if at the end of
    /// input, except that a line whose end was not yet read is left out.
    init(descriptor: Int32, closesDescriptor: Bool, stop: StopSignal? = nil, maxLineSize: Int = .max) {
        self.descriptor = descriptor
        self.closesDescriptor = closesDescriptor
        self.stop = stop
        self.maxLineSize = maxLineSize
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
                guard start < buffer.count, !stopped else { return nil }
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

    /// Cuts the line at the cursor, longer than `maxLineSize` and not yet ended, and reads past the rest of it.
    private func skipLongLine() throws -> Line? {
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
        if stopped { return nil }
        lineNumber += 1
        return Line(bytes: kept, oversize: size)
    }

    private func fill() throws {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        guard waitForData() else {
            atEnd = true
            stopped = true
            return
        }
        let oldCount = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: Self.blockSize))
        var count = -1
        while count < 0 {
            count = buffer.withUnsafeMutableBytes { bytes in
                read(descriptor, bytes.baseAddress.map { $0 + oldCount }, Self.blockSize)
            }
            if count < 0, errno != EINTR {
                buffer.removeLast(Self.blockSize)
                throw PipeError(.io, "read failed: \(String(cString: strerror(errno)))")
            }
        }
        buffer.removeLast(Self.blockSize - count)
        if count == 0 { atEnd = true }
    }

    /// Waits until the descriptor is readable; `false` when the stop signal fired first.
    private func waitForData() -> Bool {
        guard let stop else { return true }
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while stop.signal == nil {
            if poll(&entry, 1, 100) != 0 { return true }
        }
        return false
    }

    deinit {
        if closesDescriptor { _ = close(descriptor) }
    }
}
