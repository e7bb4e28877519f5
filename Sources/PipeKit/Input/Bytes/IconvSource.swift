#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Another source's bytes converted from a character encoding to UTF-8 with iconv, as they are read.
package final class IconvSource: ByteSource {
    private let inner: any ByteSource
    private let encoding: String
    private let converter: iconv_t
    private var input = ReadAhead()
    /// Bytes converted so far, for the error naming where conversion failed.
    private var offset = 0

    /// Whether iconv converts `encoding` to UTF-8 (`windows-1252`, `ISO-8859-1`, `KOI8-R`, …).
    package static func knows(_ encoding: String) -> Bool {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { return false }
        iconv_close(converter)
        return true
    }

    /// `bytes` converted whole from `encoding`, a byte that is no character of it (or a character
    /// cut short at the end) replaced by U+FFFD; nil when iconv does not know the encoding.
    package static func convertAll(_ bytes: [UInt8], from encoding: String) -> [UInt8]? {
        guard let converter = iconv_open("UTF-8", encoding), converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var result: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 16)
        var offset = 0
        while offset < bytes.count {
            let (consumed, produced, error) = bytes.withUnsafeBufferPointer { input in
                block.withUnsafeMutableBufferPointer { output in
                    var inPointer = input.baseAddress.map { UnsafeMutableRawPointer(mutating: $0 + offset).assumingMemoryBound(to: CChar.self) }
                    var inLeft = input.count - offset
                    var outPointer = output.baseAddress.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self) }
                    var outLeft = output.count
                    let status = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (input.count - offset - inLeft, output.count - outLeft, status == -1 ? errno : 0)
                }
            }
            result += block[..<produced]
            offset += consumed
            if error == EILSEQ || error == EINVAL {
                result += [0xEF, 0xBF, 0xBD]
                offset += error == EILSEQ ? 1 : bytes.count
            } else if error != 0, error != E2BIG {
                return nil
            }
        }
        return result
    }

    /// Converts `inner`'s bytes from `encoding`.
    ///
    /// - Throws: ``PipeError`` when iconv does not know the encoding.
    package init(_ inner: any ByteSource, from encoding: String) throws {
        guard let converter = iconv_open("UTF-8", encoding), converter != iconv_t(bitPattern: -1) else {
            throw PipeError(.invalidValue, "iconv does not know the encoding `\(encoding)`", hint: "`iconv -l` lists the ones it knows")
        }
        self.inner = inner
        self.encoding = encoding
        self.converter = converter
    }

    package var stopped: Bool { inner.stopped }
    package var compression: Compression? { inner.compression }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count >= 8 else { return 0 }
        while true {
            if input.isEmpty, !input.sourceEnded { try input.refill(from: inner) }
            if input.isEmpty, input.sourceEnded { return 0 }
            let produced = try convert(into: buffer)
            if produced > 0 { return produced }
            // An incomplete sequence at the end of what was read: read more.
            guard !input.sourceEnded else {
                throw PipeError(.malformedRecord, "the text ends inside a character of `\(encoding)`",
                                hint: "check `input.encoding`: the file may be in another encoding")
            }
            try input.refill(from: inner)
        }
    }

    private func convert(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let (consumed, produced, failed) = input.withPending { pending in
            // iconv takes `char **` but does not write through it.
            var inPointer = pending.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: CChar.self)) }
            var inLeft = pending.count
            var outPointer = buffer.baseAddress?.assumingMemoryBound(to: CChar.self)
            var outLeft = buffer.count
            let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            return (pending.count - inLeft, buffer.count - outLeft, result == -1 && errno == EILSEQ)
        }
        input.consume(consumed)
        offset += consumed
        if failed {
            throw PipeError(.malformedRecord, "byte \(offset) is not a character of `\(encoding)`",
                            hint: "check `input.encoding`: the file may be in another encoding")
        }
        return produced
    }

    deinit {
        iconv_close(converter)
    }
}
