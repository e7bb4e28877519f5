import CCompression
import PipeKit

/// Compresses test data with the same libraries Pipe decompresses with.
enum Compressed {
    static func bytes(_ data: [UInt8], as format: Compression) -> [UInt8] {
        switch format {
        case .gzip: gzip(data)
        case .zstd: zstd(data)
        case .bzip2: bzip2(data)
        case .xz: xz(data)
        }
    }

    private static func gzip(_ data: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        _ = deflateInit2_(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))) + 32)
        var input = data
        input.withUnsafeMutableBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                stream.next_in = input.baseAddress
                stream.avail_in = uInt(input.count)
                stream.next_out = output.baseAddress
                stream.avail_out = uInt(output.count)
                _ = deflate(&stream, Z_FINISH)
            }
        }
        let count = Int(stream.total_out)
        deflateEnd(&stream)
        return Array(output.prefix(count))
    }

    private static func zstd(_ data: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: ZSTD_compressBound(data.count))
        let count = output.withUnsafeMutableBytes { output in
            data.withUnsafeBytes { ZSTD_compress(output.baseAddress, output.count, $0.baseAddress, $0.count, 3) }
        }
        return Array(output.prefix(count))
    }

    private static func bzip2(_ data: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: data.count + data.count / 100 + 600)
        var count = UInt32(output.count)
        var input = data.map { CChar(bitPattern: $0) }
        output.withUnsafeMutableBytes { output in
            _ = BZ2_bzBuffToBuffCompress(output.baseAddress?.assumingMemoryBound(to: CChar.self), &count, &input,
                                         UInt32(input.count), 9, 0, 0)
        }
        return Array(output.prefix(Int(count)))
    }

    private static func xz(_ data: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: lzma_stream_buffer_bound(data.count))
        var position = 0
        output.withUnsafeMutableBufferPointer { output in
            data.withUnsafeBufferPointer { input in
                _ = lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, nil, input.baseAddress, input.count,
                                            output.baseAddress, &position, output.count)
            }
        }
        return Array(output.prefix(position))
    }
}
