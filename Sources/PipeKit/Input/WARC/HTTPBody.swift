/// An HTTP message's body as its sender meant it: `Transfer-Encoding: chunked` undone, then
/// `Content-Encoding: gzip` (or `x-gzip`, or zlib's `deflate`) decompressed, never past `limit` bytes.
enum HTTPBody {
    static func decoded(_ body: ArraySlice<UInt8>, header: MessageHeader, limit: Int) throws -> [UInt8] {
        var bytes = Array(body)
        if header["Transfer-Encoding"]?.lowercased().contains("chunked") == true { bytes = try dechunked(bytes) }
        switch header["Content-Encoding"]?.lowercased().trimmingSpaces {
        case nil, "", "identity":
            return bytes
        case "gzip", "x-gzip", "deflate":
            return try inflated(bytes, limit: limit)
        case let other?:
            throw PipeError(.malformedRecord, "has a body in the `Content-Encoding` `\(other)`, which Pipe does not decode",
                            hint: "Pipe decodes gzip and deflate bodies; decode the others before the run")
        }
    }

    /// The chunks' bytes, joined: each a hexadecimal size line (extensions after `;` ignored),
    /// that many bytes and a line end, until a chunk of size 0.
    static func dechunked(_ bytes: [UInt8]) throws -> [UInt8] {
        var result: [UInt8] = [], index = 0
        while true {
            guard let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else { throw brokenChunks }
            let line = String(decoding: bytes[index..<newline], as: UTF8.self)
            guard let size = Int(line.prefix { $0 != ";" }.trimmingSpaces.filter { $0 != "\r" }, radix: 16), size >= 0 else {
                throw brokenChunks
            }
            index = newline + 1
            if size == 0 { return result }
            guard size <= bytes.count - index else { throw brokenChunks }
            result += bytes[index..<(index + size)]
            index += size
            if bytes[index...].starts(with: [0x0D, 0x0A]) { index += 2 } else if bytes[index...].first == 0x0A { index += 1 }
        }
    }

    private static var brokenChunks: PipeError {
        PipeError(.malformedRecord, "has a chunked HTTP body whose chunk sizes do not match its bytes",
                  hint: "the record was probably cut short when it was crawled")
    }

    /// gzip or zlib data decompressed whole (bounded by `limit`).
    private static func inflated(_ bytes: [UInt8], limit: Int) throws -> [UInt8] {
        let source = try DecompressingSource(BytesSource(bytes), format: .gzip)
        var result: [UInt8] = [], block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try block.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return result }
            guard result.count + count <= limit else {
                throw PipeError(.malformedRecord, "has a body that decompresses to more than \(limit) bytes, more than "
                                + "`input.max_record_size` allows", hint: "raise `input.max_record_size` if the page is genuine")
            }
            result += block[..<count]
        }
    }
}
