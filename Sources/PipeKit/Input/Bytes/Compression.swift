/// A compression format Pipe reads, recognised by its magic bytes whatever the file is called.
package enum Compression: String, Sendable, CaseIterable {
    case gzip, zstd, bzip2, xz

    /// The bytes every stream of the format starts with; `nil` stands for a digit 1 to 9.
    package var magic: [UInt8?] {
        switch self {
        case .gzip: [0x1F, 0x8B]
        case .zstd: [0x28, 0xB5, 0x2F, 0xFD]
        case .bzip2: [0x42, 0x5A, 0x68, nil]  // "BZh" and the block size, so that text starting "BZh" is text
        case .xz: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]
        }
    }

    /// The extensions compressed files are usually named with, left out of their records' ids.
    package static let fileExtensions = ["gz", "zst", "bz2", "xz"]

    /// The most bytes ``detect(_:)`` looks at.
    package static let magicLength = allCases.map(\.magic.count).max() ?? 0

    /// The format whose magic bytes `head` starts with, if any.
    package static func detect(_ head: some Collection<UInt8>) -> Compression? {
        allCases.first { $0.isStart(of: head) }
    }

    /// Whether `bytes` start with the format's magic bytes.
    func isStart(of bytes: some Collection<UInt8>) -> Bool {
        bytes.count >= magic.count && zip(bytes, magic).allSatisfy { byte, expected in
            expected.map { byte == $0 } ?? (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(byte)
        }
    }

    /// A new decoder for one stream of the format.
    func makeCodec() throws -> any DecompressionCodec {
        switch self {
        case .gzip: try GzipCodec()
        case .zstd: try ZstdCodec()
        case .bzip2: try Bzip2Codec()
        case .xz: try XZCodec()
        }
    }
}

/// One step of a decoder: how much input it took and output it gave, and whether the stream ended.
struct CodecStep {
    var consumed: Int
    var produced: Int
    var ended: Bool
}

/// A decompression library's stream state, fed input and drained of output in steps.
protocol DecompressionCodec: AnyObject {
    /// Decodes from `input` into `output`; `inputEnds` says no input follows this.
    ///
    /// - Throws: ``PipeError`` naming what the library found wrong with the data.
    func step(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, inputEnds: Bool) throws -> CodecStep
    /// Starts a new stream after the last ended: concatenated files are read whole, as `zcat` does.
    func reset() throws
}

extension Compression {
    /// The error for corrupt data, worded the same for every format.
    func corrupt(_ reason: String) -> PipeError {
        PipeError(.malformedRecord, "the \(rawValue) data is corrupt: \(reason)",
                  hint: "check the file with `\(checkCommand)`; the records before the damage were read")
    }

    /// The error for a record that decompresses to more than `limit` bytes: reading the file
    /// stops there, so that a decompression bomb costs no more than `max_record_size`.
    func recordTooLarge(limit: Int) -> PipeError {
        PipeError(.malformedRecord, "the record decompresses to more than \(limit) bytes, more than `input.max_record_size` "
                  + "allows; the rest of the \(rawValue) file was not read",
                  hint: "raise `input.max_record_size` in the pipeline file if the file is genuine")
    }

    /// The error for data that ends before its stream does.
    var truncated: PipeError {
        PipeError(.malformedRecord, "the \(rawValue) data ends early: the file is truncated",
                  hint: "check the file with `\(checkCommand)`; the records before the end were read")
    }

    private var checkCommand: String {
        switch self {
        case .gzip: "gzip -t FILE"
        case .zstd: "zstd -t FILE"
        case .bzip2: "bzip2 -t FILE"
        case .xz: "xz -t FILE"
        }
    }
}
