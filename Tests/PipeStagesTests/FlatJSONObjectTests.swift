import Foundation
import PipeKit
@testable import PipeStages
import Testing

@Suite("FlatJSONObject")
struct FlatJSONObjectTests {
    func fast(_ line: String) -> [String: JSONValue]? {
        var line = line
        return line.withUTF8(FlatJSONObject.parse)
    }

    func decoded(_ line: String) -> [String: JSONValue]? {
        try? JSONDecoder().decode([String: JSONValue].self, from: Data(line.utf8))
    }

    @Test(arguments: [
        #"{"id":"a","date":"2024-12-08","url":null,"title":"T","body":"B"}"#,
        #"  { "id" : "a" , "n" : -42 , "zero": 0, "ok" : true, "no": false , "body": "x" }  "#,
        #"{}"#,
        #"{"body":"quote \" slash \\ solidus \/ controls \b\f\n\r\t end"}"#,
        #"{"body":"caf\u00e9 \u2014 \uD83D\uDE00 \u0000 nul"}"#,
        #"{"body":"plain UTF-8 Genève — 😀"}"#,
        "{\"body\":\"a\",\n\"id\":\"b\"}",
    ])
    func readsFlatObjectsAsJSONDecoderDoes(line: String) throws {
        let expected = try #require(decoded(line))
        #expect(fast(line) == expected)
    }

    /// Escapes and raw control characters at every place in and around an eight-byte word, after
    /// letters, `é` and bytes next to the special ones (`!`, `#`, `[`, `]`, space).
    @Test(arguments: [#"\""#, #"\\"#, #"\n"#, #"\u00e9"#, "\u{01}", "\u{1F}", ""])
    func findsEscapesWhereverTheyFall(special: String) {
        let filler = #"ab é!#[] cd xyz"#
        for length in 0...20 {
            let prefix = String(String(repeating: filler, count: 2).unicodeScalars.prefix(length))
            let line = #"{"s":""# + prefix + special + filler + #""}"#
            #expect(fast(line) == decoded(line), "\(line)")
        }
    }

    @Test(arguments: [
        #"{"fields":{"a":1}}"#,
        #"{"tags":["a"]}"#,
        #"{"score":2.5}"#,
        #"{"big":1e3}"#,
        #"{"huge":123456789012345678901234567890}"#,
        #"{"id":"a","id":"b"}"#,
        #"{"s":"\uD83D alone"}"#,
        #"{"s":"\x"}"#,
        #"{"n":01}"#,
        #"{"id":"a",}"#,
        #"{"id":"a"} trailing"#,
        #"{"id":"a""#,
        "{\"s\":\"raw\ttab\"}",
        #"["a"]"#,
        #""#,
    ])
    func leavesEverythingElseToJSONDecoder(line: String) {
        #expect(fast(line) == nil)
    }
}
