@testable import PipeKit
@testable import PipeStages
import Testing

@Suite("FieldMapCheck")
struct FieldMapCheckTests {
    func record(_ text: String) -> RawRecord {
        RawRecord(id: "f:1", source: "f.jsonl", format: .jsonl, bytes: Array(text.utf8))
    }

    @Test func aMappedKeyNoRecordHasIsReportedOnceWithTheKeysSeen() throws {
        let check = FieldMapCheck(fields: try #require(FieldMap(["title": "headline", "date": "meta.published"])))
        var warnings: [String] = []
        for index in 0..<(FieldMapCheck.sample + 10) {
            if let warning = check.observe(record(#"{"id":"\#(index)","title":"T","body":"B","meta":{"published":"2024-12-08"}}"#)) {
                warnings.append(warning)
            }
        }
        if let warning = check.finish() { warnings.append(warning) }
        #expect(warnings == ["input.fields maps `title: headline`, but none of the first 64 records has that key; "
                             + "they have `body`, `id`, `meta`, `title`"])
    }

    @Test func aShortInputIsReportedAtItsEndAndAMapThatMatchesNever() throws {
        let check = FieldMapCheck(fields: try #require(FieldMap(["body": "text"])))
        #expect(check.observe(record(#"{"id":"1","body":"B"}"#)) == nil)
        #expect(check.finish() == "input.fields maps `body: text`, but none of the first 1 records has that key; they have `body`, `id`")
        let good = FieldMapCheck(fields: try #require(FieldMap(["body": "text"])))
        #expect(good.observe(record(#"{"id":"1","text":"B"}"#)) == nil)
        #expect(good.finish() == nil)
    }
}
