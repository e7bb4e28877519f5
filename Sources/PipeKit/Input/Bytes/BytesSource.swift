/// Bytes in memory, given out at most `chunk` at a time (so that tests meet every boundary).
package final class BytesSource: ByteSource {
    private let bytes: [UInt8]
    private let chunk: Int
    private var position = 0
    package let stopped = false
    package var compression: Compression? { nil }

    /// Gives out `bytes`, at most `chunk` per read.
    package init(_ bytes: [UInt8], chunk: Int = .max) {
        self.bytes = bytes
        self.chunk = max(1, chunk)
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, chunk, bytes.count - position)
        bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[position..<(position + count)])) }
        position += count
        return count
    }
}
