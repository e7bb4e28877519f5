import Foundation
import PipeKit
import Testing

/// 10 to the power `exponent`.
private func power(of exponent: Int) -> Int { (0..<exponent).reduce(1) { value, _ in value * 10 } }

@Suite("JSONWriter")
struct JSONWriterTests {
    @Test func writesKeysInTheGivenOrderAndEscapes() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("z"); writer.string("quote \" slash \\ / tab \t nl \n bell \u{07} é")
        writer.key("a"); writer.beginArray(); writer.int(1); writer.double(2.5); writer.bool(true); writer.null(); writer.endArray()
        writer.key("m"); writer.value(.object(["b": 1, "a": .array([.double(.infinity)])]))
        writer.endObject()
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(text == #"{"z":"quote \" slash \\ / tab \t nl \n bell \u0007 é","a":[1,2.5,true,null],"m":{"a":[null],"b":1}}"#)
        let parsed = try? JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: Any]
        #expect(parsed?["z"] as? String == "quote \" slash \\ / tab \t nl \n bell \u{07} é")
    }

    /// Every byte that needs an escape, at every place in and around an eight-byte word, among
    /// bytes the word-at-a-time scan must pass over (letters, `é`, DEL, `!` and `#` beside `"`,
    /// `[` and `]` beside `\\`, space just above the control characters).
    @Test(arguments: ["\"", "\\", "\n", "\t", "\u{01}", "\u{1F}", "\r\n"])
    func escapesWhereverTheByteFalls(special: String) {
        let filler = "ab é\u{7F}!#[] cd xyz é"
        for length in 0...20 {
            let prefix = String(String(repeating: filler, count: 2).unicodeScalars.prefix(length))
            for text in [prefix + special, prefix + special + filler, special + prefix + special] {
                var writer = JSONWriter()
                writer.string(text)
                let decoded = try? JSONSerialization.jsonObject(with: Data(writer.bytes), options: .fragmentsAllowed) as? String
                #expect(decoded == text, "\(String(decoding: writer.bytes, as: UTF8.self))")
                #expect(!writer.bytes.dropFirst().dropLast().contains { $0 < 0x20 })
            }
        }
    }

    /// Every number of digits, at both ends of its range and in between, odd and even lengths.
    @Test(arguments: [0, 7, 9, 10, 99, 100, 101, 1000, 1234567, 999_999_999_999_999_999, 1_000_000_000_000_000_000,
                      Int.max, -1, -250, Int.min] + (1...18).flatMap { [power(of: $0) - 1, power(of: $0), power(of: $0) + 37] })
    func writesWholeNumbersAsSwiftPrintsThem(value: Int) {
        var writer = JSONWriter()
        writer.beginArray()
        writer.int(value)
        writer.int(value)
        writer.endArray()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "[\(value),\(value)]")
    }

    @Test func aLiteralKeyIsWrittenAsTheSameStringKeyIs() {
        var literal = JSONWriter(), string = JSONWriter()
        literal.beginObject(); literal.key("language_confidence"); literal.int(1); literal.key("é"); literal.null(); literal.endObject()
        string.beginObject(); string.key(String("language_confidence")); string.int(1); string.key(String("é")); string.null()
        string.endObject()
        #expect(literal.bytes == string.bytes)
        #expect(String(decoding: literal.bytes, as: UTF8.self) == #"{"language_confidence":1,"é":null}"#)
        var escaped = JSONWriter()
        escaped.beginObject(); escaped.key(String("say \"hi\"\n")); escaped.int(1); escaped.endObject()
        #expect(String(decoding: escaped.bytes, as: UTF8.self) == #"{"say \"hi\"\n":1}"#)
    }

    /// A writer that starts small grows as values of every kind and size arrive, keeping what it
    /// wrote; `withBytes` lends the same bytes as `bytes` copies.
    @Test(arguments: [0, 1, 16, 100])
    func growsPastItsCapacityKeepingWhatItWrote(capacity: Int) {
        var writer = JSONWriter(capacity: capacity)
        var expected = "["
        writer.beginArray()
        for index in 0..<300 {
            let text = String(repeating: "ab\"c\n", count: index % 40)
            writer.string(text)
            writer.int(index * 7919)
            writer.bool(index % 2 == 0)
            if index > 0 { expected += "," }
            expected += "\"" + text.replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\","
            expected += "\(index * 7919),\(index % 2 == 0)"
        }
        writer.endArray()
        expected += "]"
        #expect(String(decoding: writer.bytes, as: UTF8.self) == expected)
        #expect(writer.withBytes { Array($0) } == writer.bytes)
    }

    /// A long string written again (the same storage, as a stub translation's body is the body)
    /// is copied from where it was escaped; another one in between, a copy with the same bytes in
    /// other storage and a writer that must grow during the copy give the same bytes as escaping
    /// each value anew.
    @Test(arguments: [16, 4096])
    func aLongStringWrittenAgainGivesTheSameBytes(capacity: Int) {
        let long = String(repeating: "He said \"no\".\n\nTab\there, é. ", count: 40)
        let other = String(repeating: "Another \"text\" ", count: 30)
        let copy = String(decoding: Array(long.utf8), as: UTF8.self)
        let short = "short \"one\""
        var writer = JSONWriter(capacity: capacity)
        writer.beginArray()
        for value in [long, long, other, long, short, copy, long] { writer.string(value) }
        writer.endArray()
        let parsed = try? JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String]
        #expect(parsed == [long, long, other, long, short, long, long])
        var fresh = JSONWriter()
        fresh.beginArray()
        // Each value in storage of its own, so that none is copied from an earlier one.
        for value in [long, long, other, long, short, copy, long] { fresh.string(String(decoding: Array(value.utf8), as: UTF8.self)) }
        fresh.endArray()
        #expect(writer.bytes == fresh.bytes)
    }

    @Test(arguments: [1, 63, 64, 65, 130])
    func nestsDeeperThanItsBitsWithCommasInPlace(depth: Int) {
        // [[…[1,2]…,3],3] at every level: the commas after the inner arrays need the outer levels' bits.
        var value = JSONValue.array([.int(1), .int(2)])
        for _ in 1..<depth { value = .array([value, .int(3)]) }
        var writer = JSONWriter()
        writer.value(value)
        let expected = String(repeating: "[", count: depth) + "1,2]" + String(repeating: ",3]", count: depth - 1)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == expected)
    }

    @Test func writesAnArrayOfObjectsUnderAKey() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.objects("none", [Int]()) { _, _ in }
        writer.objects("pairs", [(1, "a"), (2, "b")]) { writer, pair in
            writer.key("n"); writer.int(pair.0)
            writer.key("s"); writer.string(pair.1)
        }
        writer.endObject()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"none":[],"pairs":[{"n":1,"s":"a"},{"n":2,"s":"b"}]}"#)
    }

    @Test func articleRecordHasAFixedKeyOrder() {
        let article = Article(id: "a", source: "s.txt", date: CalendarDate("2024-12-08"), url: nil, title: "T", body: "B",
                              fields: ["zeta": 1, "alpha": .string("x"), "id": "ignored"])
        #expect(article.jsonLine == #"{"id":"a","source":"s.txt","date":"2024-12-08","url":null,"title":"T","body":"B","alpha":"x","zeta":1}"#)
    }
}

@Suite("CalendarDate")
struct CalendarDateTests {
    @Test(arguments: ["2024-12-08", "2000-02-29", "0999-01-01", "0001-01-01", "9999-12-31", "0007-10-09"])
    func parsesAndPrintsValidDates(text: String) {
        #expect(CalendarDate(text)?.description == text)
    }

    /// A date whose parts were set out of range prints them as they are, padded.
    @Test func printsPartsSetOutOfRange() throws {
        var date = try #require(CalendarDate("2024-01-05"))
        date.year = 12_345
        #expect(date.description == "12345-01-05")
        date.year = 0
        date.month = 123
        #expect(date.description == "0000-123-05")
    }

    @Test(arguments: ["2023-02-29", "2024-13-01", "2024-1-01", "24-12-08", "2024/12/08", "2024-12-0x", ""])
    func rejectsInvalidDates(text: String) {
        #expect(CalendarDate(text) == nil)
    }
}

@Suite("TextSpan")
struct TextSpanTests {
    @Test func countsUnicodeScalars() {
        let text = "é👍🏽 ok"
        #expect(TextSpan(start: 4, end: 6).text(in: text) == "ok")
        #expect(TextSpan(start: 4, end: 9).text(in: text) == nil)
    }

    /// Spans at the ends of the text, empty ones, and ones past it (the text has 6 scalars).
    @Test(arguments: [(0, 0, ""), (0, 1, "é"), (1, 3, "👍🏽"), (6, 6, ""), (5, 6, "k"), (6, 7, nil), (7, 7, nil), (-1, 2, nil)] as [(Int, Int, String?)])
    func cutsWithinTheTextAndNothingPastIt(start: Int, end: Int, expected: String?) {
        #expect(TextSpan(start: start, end: end).text(in: "é👍🏽 ok") == expected)
    }
}

@Suite("CalendarDate arithmetic")
struct CalendarDateArithmeticTests {
    @Test func roundTripsDayNumbers() {
        #expect(CalendarDate("1970-01-01")?.dayNumber == 0)
        #expect(CalendarDate("2024-12-08")?.dayNumber == 20065)
        for number in stride(from: -100_000, to: 100_000, by: 997) {
            #expect(CalendarDate(dayNumber: number)?.dayNumber == number)
        }
    }

    @Test func addsDaysMonthsAndKnowsTheWeekday() {
        let date = CalendarDate("2024-12-08")
        #expect(date?.weekday == 7, "8 December 2024 was a Sunday")
        #expect(date?.adding(days: -8)?.description == "2024-11-30")
        #expect(date?.adding(days: 24)?.description == "2025-01-01")
        #expect(CalendarDate("2024-03-31")?.adding(months: -1)?.description == "2024-02-29")
        #expect(CalendarDate("2024-01-15")?.adding(months: -1)?.description == "2023-12-15")
    }
}
