import CCompression

/// xz through liblzma, which reads concatenated streams itself (`LZMA_CONCATENATED`).
final class XZCodec: DecompressionCodec {
    private let stream = UnsafeMutablePointer<lzma_stream>.allocate(capacity: 1)

    /// The most memory the decoder may use: `xz -9` needs 65 MiB.
    private static let memoryLimit: UInt64 = 256 << 20

    init() throws {
        stream.initialize(to: lzma_stream())
        // 0x08 is `LZMA_CONCATENATED`, a macro Swift does not import.
        guard lzma_stream_decoder(stream, Self.memoryLimit, 0x08) == LZMA_OK else {
            stream.deallocate()
            throw PipeError(.io, "liblzma could not start an xz decoder")
        }
    }

    func step(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, inputEnds: Bool) throws -> CodecStep {
        stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_in = input.count
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_out = output.count
        let status = lzma_code(stream, inputEnds ? LZMA_FINISH : LZMA_RUN)
        let step = CodecStep(consumed: input.count - stream.pointee.avail_in,
                             produced: output.count - stream.pointee.avail_out, ended: status == LZMA_STREAM_END)
        switch status {
        case LZMA_OK, LZMA_STREAM_END, LZMA_BUF_ERROR: return step
        case LZMA_MEMLIMIT_ERROR: throw Compression.xz.corrupt("it needs more than 256 MiB of memory to decode")
        case LZMA_FORMAT_ERROR: throw Compression.xz.corrupt("not xz data")
        case LZMA_DATA_ERROR: throw Compression.xz.corrupt("the compressed data is damaged")
        default: throw Compression.xz.corrupt("liblzma error \(status.rawValue)")
        }
    }

    func reset() throws {
        // With LZMA_CONCATENATED the decoder ends only at the end of all input.
    }

    deinit {
        lzma_end(stream)
        stream.deallocate()
    }
}
