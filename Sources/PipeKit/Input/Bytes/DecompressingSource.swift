/// The decompressed bytes of another source, decoded as they are read, in blocks.
///
/// Concatenated streams (`cat a.gz b.gz`) are read whole. Data that is corrupt, ends before its
/// stream does, or is followed by something that is not another stream throws a ``PipeError``;
/// the bytes given out before it stay good.
package final class DecompressingSource: ByteSource {
    private let inner: any ByteSource
    private let format: Compression
    private let codec: any DecompressionCodec
    private var input = ReadAhead()
    /// Whether the last stream ended and no byte of another was decoded since.
    private var betweenStreams = false

    /// Decodes `inner`, whose bytes are in `format`.
    package init(_ inner: any ByteSource, format: Compression) throws {
        self.inner = inner
        self.format = format
        codec = try format.makeCodec()
    }

    package var stopped: Bool { inner.stopped }
    package var compression: Compression? { format }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        while true {
            if input.isEmpty, !input.sourceEnded { try input.refill(from: inner) }
            if input.isEmpty, input.sourceEnded, betweenStreams || inner.stopped { return 0 }
            if betweenStreams {
                // More bytes after a stream ended: another stream, or something that is not one.
                let rest = input.pending
                if rest.count < format.magic.count, !input.sourceEnded {
                    try input.refill(from: inner)
                    continue
                }
                guard format.isStart(of: rest) else {
                    throw format.corrupt("bytes that are not \(format.rawValue) data follow the end of the stream")
                }
                try codec.reset()
                betweenStreams = false
            }
            let step = try input.withPending { try codec.step($0, into: buffer, inputEnds: input.sourceEnded) }
            input.consume(step.consumed)
            if step.ended { betweenStreams = true }
            if step.produced > 0 { return step.produced }
            if step.consumed == 0, !step.ended {
                // The decoder needs more input than there is.
                guard !input.sourceEnded else {
                    if inner.stopped { return 0 }
                    throw format.truncated
                }
                try input.refill(from: inner)
            }
        }
    }
}
