import CCompression

/// bzip2 through libbz2.
final class Bzip2Codec: DecompressionCodec {
    /// libbz2 checks that its stream stays where it was initialised: it lives here, not in the class.
    private let stream = UnsafeMutablePointer<bz_stream>.allocate(capacity: 1)

    init() throws {
        stream.initialize(to: bz_stream())
        guard BZ2_bzDecompressInit(stream, 0, 0) == BZ_OK else {
            stream.deallocate()
            throw PipeError(.io, "libbz2 could not start a decoder")
        }
    }

    func step(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, inputEnds: Bool) throws -> CodecStep {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: CChar.self))
        stream.pointee.avail_in = UInt32(input.count)
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: CChar.self)
        stream.pointee.avail_out = UInt32(output.count)
        let status = BZ2_bzDecompress(stream)
        let step = CodecStep(consumed: input.count - Int(stream.pointee.avail_in),
                             produced: output.count - Int(stream.pointee.avail_out), ended: status == BZ_STREAM_END)
        switch status {
        case BZ_OK, BZ_STREAM_END: return step
        case BZ_DATA_ERROR_MAGIC: throw Compression.bzip2.corrupt("not bzip2 data")
        case BZ_MEM_ERROR: throw Compression.bzip2.corrupt("out of memory")
        default: throw Compression.bzip2.corrupt("a block fails its check (libbz2 error \(status))")
        }
    }

    func reset() throws {
        BZ2_bzDecompressEnd(stream)
        guard BZ2_bzDecompressInit(stream, 0, 0) == BZ_OK else { throw PipeError(.io, "libbz2 could not restart its decoder") }
    }

    deinit {
        BZ2_bzDecompressEnd(stream)
        stream.deallocate()
    }
}
