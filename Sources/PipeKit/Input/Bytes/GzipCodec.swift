import CCompression

/// gzip (and zlib) through zlib's `inflate`.
final class GzipCodec: DecompressionCodec {
    /// zlib checks that its stream stays where it was initialised: it lives here, not in the class.
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)

    init() throws {
        stream.initialize(to: z_stream())
        // 15 + 32: a window of up to 32 KiB, and a gzip header and trailer, or zlib's (which an
        // HTTP body in `Content-Encoding: deflate` has; a file is only read as gzip by its magic bytes).
        guard inflateInit2_(stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deallocate()
            throw PipeError(.io, "zlib could not start a gzip decoder")
        }
    }

    func step(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, inputEnds: Bool) throws -> CodecStep {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(output.count)
        let status = inflate(stream, Z_NO_FLUSH)
        let step = CodecStep(consumed: input.count - Int(stream.pointee.avail_in),
                             produced: output.count - Int(stream.pointee.avail_out), ended: status == Z_STREAM_END)
        switch status {
        case Z_OK, Z_STREAM_END, Z_BUF_ERROR:
            return step
        default:
            let reason = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
            throw Compression.gzip.corrupt(reason)
        }
    }

    func reset() throws {
        guard inflateReset(stream) == Z_OK else { throw PipeError(.io, "zlib could not restart its gzip decoder") }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }
}
