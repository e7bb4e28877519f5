import PipeKit
@testable import PipeStages
import Testing

@Suite("CSVRow")
struct CSVRowTests {
    private func escaped(_ field: String) -> String {
        var bytes: [UInt8] = []
        CSVRow.append(field, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: [
        ("plain", "plain"), ("", ""), ("Zürich – Genève", "Zürich – Genève"),
        ("a, b", "\"a, b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("\"", "\"\"\"\""),
        ("one\ntwo", "\"one\ntwo\""), ("one\r\ntwo", "\"one\r\ntwo\""),
        // A comma or a quote followed by a combining mark is one `Character`, but still a comma
        // or a quote to a CSV reader: quoted, and the quote doubled.
        ("a,\u{301}b", "\"a,\u{301}b\""), ("\"\u{301}", "\"\"\"\u{301}\""),
    ])
    func quotesWhatACSVReaderWouldSplit(field: String, expected: String) {
        #expect(escaped(field) == expected)
    }

    @Test func aRowEndsWithCRLFAndHasEveryColumn() {
        let article = Article(id: "a,1", source: "s", date: nil, title: "T", body: "B")
        var bytes: [UInt8] = []
        CSVRow(article: article).append(to: &bytes)
        let line = String(decoding: bytes, as: UTF8.self)
        #expect(line.hasSuffix("\r\n"))
        #expect(line.hasPrefix("\"a,1\",s,,,,T,B,"))
        // "\r\n" is one `Character`; the id holds one comma more than the columns have.
        #expect(line.dropLast().split(separator: ",", omittingEmptySubsequences: false).count == CSVRow.columns.count + 1)
    }
}
