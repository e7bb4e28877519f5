import FuzzSupport
import PipeKit
import PipeStages

/// Any bytes as a dated-text and a text record: parse must return an article or throw a `PipeError`, never crash.
@main
struct FuzzDatedText {
    static func main() {
        runFuzzer { bytes in
            for format in [InputFormat.datedText, .text] {
                _ = try? ParseStage.parse(RawRecord(id: "fuzz", source: "fuzz.txt", format: format, bytes: bytes))
            }
        }
    }
}
