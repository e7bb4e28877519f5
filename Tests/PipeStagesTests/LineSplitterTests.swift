@testable import PipeStages
import Testing

@Suite("LineSplitter")
struct LineSplitterTests {
    func split(_ chunks: [String], maximumLength: Int = 100) throws -> [String] {
        var splitter = LineSplitter(maximumLength: maximumLength)
        var lines: [String] = []
        for chunk in chunks {
            lines += try Array(chunk.utf8).withUnsafeBytes { try splitter.lines(in: $0) }
        }
        if let last = splitter.finish() { lines.append(last) }
        return lines
    }

    @Test(arguments: [
        (["a\nb\n"], ["a", "b"]),
        (["a", "b\nc", "\n"], ["ab", "c"]),
        (["one\r\ntwo\n\n"], ["one", "two", ""]),
        (["no end"], ["no end"]),
        (["é", "\u{1F600}\n"], ["é\u{1F600}"]),
        ([String](), [String]()),
    ])
    func linesAcrossBuffers(chunks: [String], lines: [String]) throws {
        #expect(try split(chunks) == lines)
    }

    @Test func aLineLongerThanTheMaximumIsAnError() {
        #expect(throws: LineSplitter.TooLong.self) { try split(["0123456789", "0123456789"], maximumLength: 15) }
        #expect((try? split(["0123456789\n", "0123456789\n"], maximumLength: 15)) == ["0123456789", "0123456789"])
    }
}
