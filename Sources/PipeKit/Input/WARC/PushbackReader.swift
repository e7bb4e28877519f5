/// A byte source read in lines and counted blocks, with bytes that can be put back to read again:
/// how the WARC reader finds the next record after a damaged one.
final class PushbackReader {
    private let source: any ByteSource
    private var buffer: [UInt8] = []
    private var start = 0
    private var sourceEnded = false
    /// How many bytes were taken from the source and not put back: where reading is in the input.
    private(set) var offset = 0

    private static let blockSize = 1 << 16

    init(source: any ByteSource) {
        self.source = source
    }

    /// The compression the source's bytes were decoded from.
    var compression: Compression? { source.compression }

    /// Whether no byte is left.
    func atEnd() throws -> Bool {
        if start == buffer.count { try fill() }
        return start == buffer.count
    }

    /// The next line without its `\n` (and without a `\r` before it), nil at the end; a line
    /// longer than `limit` is returned cut to its first `limit` bytes, and its rest is read next.
    func readLine(limit: Int) throws -> [UInt8]? {
        // How many bytes after `start` were searched for a line feed (`fill` may move `start`).
        var searched = 0
        while true {
            if let newline = buffer[(start + searched)...].firstIndex(of: UInt8(ascii: "\n")), newline - start <= limit {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                defer { take(upTo: newline + 1) }
                return Array(buffer[start..<end])
            }
            searched = buffer.count - start
            if searched > limit || sourceEnded {
                guard start < buffer.count else { return nil }
                let end = Swift.min(buffer.count, start + limit)
                defer { take(upTo: end) }
                return Array(buffer[start..<end])
            }
            try fill()
        }
    }

    /// The next `count` bytes, fewer at the end of the input.
    func read(_ count: Int) throws -> [UInt8] {
        while buffer.count - start < count, !sourceEnded { try fill() }
        let end = Swift.min(buffer.count, start + count)
        defer { take(upTo: end) }
        return Array(buffer[start..<end])
    }

    /// Reads past `count` bytes without keeping them; how many there were before the input ended.
    func skip(_ count: Int) throws -> Int {
        var skipped = 0
        while skipped < count {
            if start == buffer.count { try fill() }
            guard start < buffer.count else { break }
            let step = Swift.min(count - skipped, buffer.count - start)
            take(upTo: start + step)
            skipped += step
        }
        return skipped
    }

    /// Puts `bytes` back before what is left, to be read again.
    func unread(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        if start >= bytes.count {
            buffer.replaceSubrange((start - bytes.count)..<start, with: bytes)
            start -= bytes.count
        } else {
            buffer.replaceSubrange(0..<start, with: bytes)
            start = 0
        }
        offset -= bytes.count
    }

    private func take(upTo end: Int) {
        offset += end - start
        start = end
    }

    private func fill() throws {
        guard !sourceEnded else { return }
        if start > 0, start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        let end = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: Self.blockSize))
        let count = try buffer.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[end...])) }
        buffer.removeLast(Self.blockSize - count)
        if count == 0 { sourceEnded = true }
    }
}
