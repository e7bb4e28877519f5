import CCompression

/// Zstandard through libzstd's streaming decoder, which reads concatenated frames itself.
final class ZstdCodec: DecompressionCodec {
    private let context: OpaquePointer

    init() throws {
        guard let context = ZSTD_createDCtx() else { throw PipeError(.io, "libzstd could not start a decoder") }
        self.context = context
    }

    func step(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, inputEnds: Bool) throws -> CodecStep {
        var inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        var outBuffer = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: 0)
        let status = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
        if ZSTD_isError(status) != 0 {
            throw Compression.zstd.corrupt(String(cString: ZSTD_getErrorName(status)))
        }
        // 0: a frame ended and everything it holds was given out.
        return CodecStep(consumed: inBuffer.pos, produced: outBuffer.pos, ended: status == 0)
    }

    func reset() throws {
        // A frame that ended leaves the context ready for the next one.
    }

    deinit {
        ZSTD_freeDCtx(context)
    }
}
