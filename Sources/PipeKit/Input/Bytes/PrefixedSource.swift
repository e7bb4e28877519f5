/// Bytes already read from a source, given out again before the rest of it.
///
/// ``InputBytes/open(descriptor:closesDescriptor:stop:)`` reads a stream's first bytes to
/// recognise its compression; this puts them back, so that standard input needs no seeking.
package final class PrefixedSource: ByteSource {
    private var prefix: [UInt8]
    private var position = 0
    private let inner: any ByteSource

    /// Gives out `prefix`, then `inner`'s bytes.
    package init(_ prefix: [UInt8], then inner: any ByteSource) {
        self.prefix = prefix
        self.inner = inner
    }

    package var stopped: Bool { inner.stopped }
    package var compression: Compression? { inner.compression }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard position < prefix.count else { return try inner.read(into: buffer) }
        let count = min(buffer.count, prefix.count - position)
        prefix.withUnsafeBytes { bytes in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)]))
        }
        position += count
        return count
    }
}
