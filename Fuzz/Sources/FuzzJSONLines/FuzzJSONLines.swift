import FuzzSupport
import PipeKit
import PipeStages

/// Any bytes as a JSON Lines record, through the flat reader and its JSONDecoder fallback.
@main
struct FuzzJSONLines {
    static func main() {
        runFuzzer { bytes in
            _ = try? ParseStage.parse(RawRecord(id: "fuzz:1", source: "fuzz.jsonl", format: .jsonl, bytes: bytes))
        }
    }
}
