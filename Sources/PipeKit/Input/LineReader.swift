#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor line by line in large blocks, so that memory stays bounded by the longest line.
final class LineReader {
    private let descriptor: Int32
    private let closesDescriptor: Bool
    private let stop: StopSignal?
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    /// The 1-based number of the line last returned.
    private(set) var lineNumber = 0

    private static let blockSize = 1 << 20

    /// Creates a reader; when `stop` fires, a read waiting for data ends as if at the end of input.
    init(descriptor: Int32, closesDescriptor: Bool, stop: StopSignal? = nil) {
        self.descriptor = descriptor
        self.closesDescriptor = closesDescriptor
        self.stop = stop
    }

    /// The next line without its `\n` (and without a `\r` before it), or `nil` at the end.
    func next() throws -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = Array(buffer[start..<end])
                start = newline + 1
                lineNumber += 1
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                lineNumber += 1
                return line
            }
            try fill()
        }
    }

    private func fill() throws {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        guard waitForData() else {
            atEnd = true
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
        if closesDescriptor { _ = Glibc.close(descriptor) }
    }
}
