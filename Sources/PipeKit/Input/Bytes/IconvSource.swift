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
    private var input = [UInt8](repeating: 0, count: 1 << 16)
    private var inputStart = 0, inputEnd = 0
    private var innerAtEnd = false
    /// Bytes converted so far, for the error naming where conversion failed.
    private var offset = 0

    /// Whether iconv converts `encoding` to UTF-8 (`windows-1252`, `ISO-8859-1`, `KOI8-R`, …).
    package static func knows(_ encoding: String) -> Bool {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { return false }
        iconv_close(converter)
        return true
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

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count >= 8 else { return 0 }
        while true {
            if inputStart == inputEnd, !innerAtEnd { try refill() }
            if inputStart == inputEnd, innerAtEnd { return 0 }
            let produced = try convert(into: buffer)
            if produced > 0 { return produced }
            // An incomplete sequence at the end of what was read: read more.
            guard !innerAtEnd else {
                throw PipeError(.malformedRecord, "the text ends inside a character of `\(encoding)`",
                                hint: "check `input.encoding`: the file may be in another encoding")
            }
            try refill()
        }
    }

    private func convert(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try input.withUnsafeMutableBytes { bytes in
            var inPointer = bytes.baseAddress.map { $0.assumingMemoryBound(to: CChar.self) + inputStart }
            var inLeft = inputEnd - inputStart
            var outPointer = buffer.baseAddress?.assumingMemoryBound(to: CChar.self)
            var outLeft = buffer.count
            let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            let consumed = inputEnd - inputStart - inLeft
            inputStart += consumed
            offset += consumed
            if result == -1, errno == EILSEQ {
                throw PipeError(.malformedRecord, "byte \(offset) is not a character of `\(encoding)`",
                                hint: "check `input.encoding`: the file may be in another encoding")
            }
            return buffer.count - outLeft
        }
    }

    /// Moves what is left of the input to the front and reads more after it.
    private func refill() throws {
        if inputStart > 0 {
            input.replaceSubrange(0..<(inputEnd - inputStart), with: input[inputStart..<inputEnd])
            (inputStart, inputEnd) = (0, inputEnd - inputStart)
        }
        let count = try input.withUnsafeMutableBytes { bytes in
            try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[inputEnd...]))
        }
        if count == 0 { innerAtEnd = true }
        inputEnd += count
    }

    deinit {
        iconv_close(converter)
    }
}
