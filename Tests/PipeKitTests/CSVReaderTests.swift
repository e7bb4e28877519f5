@testable import PipeKit
import Testing

@Suite("CSVReader")
struct CSVReaderTests {
    static func rows(_ text: String, delimiter: Character = ",", quoting: Bool = true, maxRowSize: Int = .max,
                     chunk: Int = .max) throws -> [CSVReader.Row] {
        let reader = CSVReader(source: BytesSource(Array(text.utf8), chunk: chunk), delimiter: delimiter.asciiValue ?? 0,
                               quoting: quoting, maxRowSize: maxRowSize)
        var rows: [CSVReader.Row] = []
        while let row = try reader.next() { rows.append(row) }
        return rows
    }

    static func cells(_ row: CSVReader.Row) -> [String] { row.fields.map { String(decoding: $0, as: UTF8.self) } }

    @Test(arguments: [
        ("a,b\n1,2\n", [["a", "b"], ["1", "2"]]),
        ("a,b\r\n1,2\r\n", [["a", "b"], ["1", "2"]]),
        ("a,b\n1,2", [["a", "b"], ["1", "2"]]),
        ("\"x, y\",\"say \"\"hi\"\"\"\n", [["x, y", "say \"hi\""]]),
        ("\"two\nlines\",z\n", [["two\nlines", "z"]]),
        ("\"crlf\r\ninside\",z\r\n", [["crlf\r\ninside", "z"]]),
        ("a,,\n,,c\n", [["a", "", ""], ["", "", "c"]]),
        ("\n\na\n\n\nb\n", [["a"], ["b"]]),
        ("\"\",x\n", [["", "x"]]),
        ("été,ünïcode\n", [["été", "ünïcode"]]),
    ] as [(String, [[String]])])
    func readsRFC4180(text: String, expected: [[String]]) throws {
        #expect(try Self.rows(text).map(Self.cells) == expected)
        // Input that arrives a byte at a time gives the same rows.
        #expect(try Self.rows(text, chunk: 1).map(Self.cells) == expected)
    }

    @Test func numbersEachRowByTheLineItStartsOn() throws {
        let rows = try Self.rows("h\n\"a\nb\nc\"\n\nz\n")
        #expect(rows.map(\.line) == [1, 2, 6])
    }

    @Test func otherDelimitersAndTSVWithoutQuoting() throws {
        #expect(try Self.rows("a;b\n\"1;2\";3\n", delimiter: ";").map(Self.cells) == [["a", "b"], ["1;2", "3"]])
        #expect(try Self.rows("a\tb\n\"q\"\t\"x\n", delimiter: "\t", quoting: false).map(Self.cells)
                == [["a", "b"], ["\"q\"", "\"x"]])
    }

    @Test func aQuoteThatNeverClosesIsAProblemForItsRow() throws {
        let rows = try Self.rows("a,b\n1,\"open\n2,3\n4,5\n")
        #expect(rows.count == 2)
        #expect(rows[1].problem == "the quote opened on line 2 never closes")
        #expect(rows[1].line == 2)
    }

    @Test func aStrayQuoteIsAProblemAndTheNextRowIsRead() throws {
        let rows = try Self.rows("\"a\"b,c\nd,e\n")
        #expect(rows[0].problem == "a quote inside a quoted field on line 1 is not doubled")
        #expect(Self.cells(rows[1]) == ["d", "e"])
        #expect(rows[1].problem == nil)
    }

    @Test func aRowOverTheLimitKeepsItsFirstBytesAndSize() throws {
        let long = String(repeating: "x", count: 10_000)
        let rows = try Self.rows("a,b\n1,\(long)\n2,3\n", maxRowSize: 1000)
        #expect(rows.map(\.oversize) == [nil, 10_003, nil])
        #expect(rows[1].fields.isEmpty)
        #expect(rows[1].raw.count == RawRecord.oversizePrefix)
        #expect(Self.cells(rows[2]) == ["2", "3"])
    }
}
