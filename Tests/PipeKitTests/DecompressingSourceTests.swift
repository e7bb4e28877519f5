@testable import PipeKit
import Testing

@Suite("DecompressingSource")
struct DecompressingSourceTests {
    /// Text that compresses well, but not to nothing: lines with their numbers.
    static let text = Array((0..<2_000).map { "{\"id\":\"line-\($0)\",\"body\":\"text \($0 * 7919 % 1000)\"}\n" }.joined().utf8)

    static func open(_ bytes: [UInt8], chunk: Int = .max) throws -> any ByteSource {
        try InputBytes.open(BytesSource(bytes, chunk: chunk))
    }

    @Test(arguments: Compression.allCases)
    func decompressesWhateverTheFileIsCalled(format: Compression) throws {
        let compressed = Compressed.bytes(Self.text, as: format)
        #expect(Compression.detect(compressed) == format)
        #expect(try Self.open(compressed).drain() == Self.text)
        // Input that arrives a byte at a time, read into a small buffer, gives the same bytes.
        let short = Array(Self.text.prefix(5_000))
        #expect(try Self.open(Compressed.bytes(short, as: format), chunk: 1).drain(block: 7) == short)
    }

    @Test(arguments: Compression.allCases)
    func readsConcatenatedStreamsWhole(format: Compression) throws {
        let first = Array("first part\n".utf8), second = Array("second part\n".utf8)
        let joined = Compressed.bytes(first, as: format) + Compressed.bytes(second, as: format)
        #expect(try Self.open(joined).drain() == first + second)
    }

    @Test(arguments: Compression.allCases)
    func truncatedDataThrowsAfterTheBytesBeforeIt(format: Compression) throws {
        let compressed = Compressed.bytes(Self.text, as: format)
        let source = try Self.open(Array(compressed.prefix(compressed.count * 2 / 3)))
        var buffer = [UInt8](repeating: 0, count: 4096)
        var read: [UInt8] = []
        let error = #expect(throws: PipeError.self) {
            while true {
                let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
                if count == 0 { break }
                read += buffer[..<count]
            }
        }
        #expect(error?.message.contains("\(format.rawValue) data") == true)
        #expect(read == Array(Self.text.prefix(read.count)))
    }

    @Test(arguments: Compression.allCases)
    func corruptDataThrowsNeverCrashes(format: Compression) throws {
        var compressed = Compressed.bytes(Self.text, as: format)
        // Every byte past the header flipped in turn would take long: a band in the middle.
        for index in stride(from: compressed.count / 3, to: compressed.count * 2 / 3, by: 11) { compressed[index] ^= 0x5A }
        #expect(throws: PipeError.self) { try Self.open(compressed).drain() }
    }

    @Test func trailingBytesThatAreNoStreamAreAnError() throws {
        let compressed = Compressed.bytes(Array("text\n".utf8), as: .gzip) + Array("garbage".utf8)
        let error = #expect(throws: PipeError.self) { try Self.open(compressed).drain() }
        #expect(error?.message == "the gzip data is corrupt: bytes that are not gzip data follow the end of the stream")
    }

    @Test(arguments: ["", "a", "BZh", "BZh is not bzip2", "\u{1F}", "plain text\n"])
    func plainBytesPassThrough(text: String) throws {
        #expect(try Self.open(Array(text.utf8), chunk: 1).drain() == Array(text.utf8))
    }
}
