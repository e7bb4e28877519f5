@testable import PipeKit
import Testing

@Suite("Redaction")
struct RedactionTests {
    @Test func longValuesAreHiddenEverywhereShortOnesWhereTheyStandAlone() {
        var redaction = Redaction()
        redaction.hide("s3cr3t-token", behind: "${TOKEN}")
        redaction.hide("s", behind: "${OUT}")
        #expect(redaction.apply(to: "https://x/?key=s3cr3t-token&id=s3cr3t-token2")
            == "https://x/?key=${TOKEN}&id=${TOKEN}2")
        #expect(redaction.apply(to: "s/a.dead-letter.jsonl") == "${OUT}/a.dead-letter.jsonl")
        #expect(redaction.apply(to: "run with `--resume`: s") == "run with `--resume`: ${OUT}")
        #expect(redaction.apply(toQuoted: "cannot write `s/x.jsonl`; see `--resume`") == "cannot write `${OUT}/x.jsonl`; see `--resume`")
    }
}
