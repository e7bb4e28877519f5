/// Where a reader's bytes come from: a file descriptor, or a decompressor over another source.
///
/// Sources are read by one reader at a time, in order; they are classes because a decompressor
/// keeps its library's state at a fixed address.
package protocol ByteSource: AnyObject {
    /// Reads at most `buffer.count` bytes into `buffer` and returns how many it read: 0 at the
    /// end of the input, or when the stop signal fired (``stopped``).
    ///
    /// - Throws: ``PipeError`` when the input cannot be read, or its compressed data is corrupt
    ///   or ends early.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Whether reading ended because the stop signal fired, not at the end of the input.
    var stopped: Bool { get }
    /// The compression the bytes were decoded from, through every source below this one; nil
    /// for bytes read as they are stored.
    var compression: Compression? { get }
}

extension ByteSource {
    /// Reads until `buffer` is full or the input ends; the count read.
    package func readFully(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var filled = 0
        while filled < buffer.count {
            let count = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if count == 0 { break }
            filled += count
        }
        return filled
    }
}
