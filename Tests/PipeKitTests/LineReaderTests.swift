import Foundation
@testable import PipeKit
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("LineReader")
struct LineReaderTests {
    /// A reader over `bytes`, written to a file.
    static func reader(_ bytes: [UInt8], maxLineSize: Int = .max) throws -> LineReader {
        let path = NSTemporaryDirectory() + "line-reader-" + UUID().uuidString
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { unlink(path) }
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        return LineReader(descriptor: descriptor, closesDescriptor: true, maxLineSize: maxLineSize)
    }

    static func lines(of reader: LineReader) throws -> [LineReader.Line] {
        var lines: [LineReader.Line] = []
        while let line = try reader.next() { lines.append(line) }
        return lines
    }

    @Test(arguments: [
        ("a\nb\n", ["a", "b"]),
        ("a\r\nb\r\n", ["a", "b"]),
        ("a\nlast without a newline", ["a", "last without a newline"]),
        ("\n\nx\n", ["", "", "x"]),
        ("a\rb\n", ["a\rb"]),
        ("", []),
    ])
    func cutsLinesAtLineFeeds(text: String, expected: [String]) throws {
        let reader = try Self.reader(Array(text.utf8))
        #expect(try Self.lines(of: reader).map { String(decoding: $0.bytes, as: UTF8.self) } == expected)
        #expect(reader.lineNumber == expected.count)
    }

    @Test func readsLinesLongerThanItsBlockWhole() throws {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 3 << 20 / 2)
        let lines = try Self.lines(of: try Self.reader(long + Array("\nshort\n".utf8)))
        #expect(lines.map(\.bytes.count) == [long.count, 5])
        #expect(lines.allSatisfy { $0.oversize == nil })
    }

    @Test(arguments: [0, 1])
    func cutsALineOverTheLimitToItsFirstBytesAndKeepsItsSize(carriageReturn: Int) throws {
        let size = 3 << 20
        let body = [UInt8](repeating: UInt8(ascii: "y"), count: size)
        let ending = carriageReturn == 1 ? "\r\n" : "\n"
        let reader = try Self.reader(Array("first\n".utf8) + body + Array("\(ending)after\n".utf8), maxLineSize: 1 << 20)
        let lines = try Self.lines(of: reader)
        #expect(lines.map(\.bytes.count) == [5, RawRecord.oversizePrefix, 5])
        #expect(lines.map(\.oversize) == [nil, size, nil])
        #expect(reader.lineNumber == 3)
    }

    @Test func aLineCutByAStopIsLeftForTheResumedRun() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { close(ends[1]) }
        let stop = StopSignal()
        let reader = LineReader(descriptor: ends[0], closesDescriptor: true, stop: stop)
        let written = Array("one\ntwo\nthree, cut".utf8)
        #expect(written.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) } == written.count)
        #expect(try reader.next().map { String(decoding: $0.bytes, as: UTF8.self) } == "one")
        #expect(try reader.next().map { String(decoding: $0.bytes, as: UTF8.self) } == "two")
        // The writer is still there: the reader waits for the end of `three` until the stop.
        stop.request(signal: SIGINT)
        #expect(try reader.next() == nil)
        #expect(reader.lineNumber == 2)
    }
}
