import FuzzSupport
import PipeKit
import PipeStages

/// Any bytes as a JSON document whose articles are at `articles` (or are the document), each parsed.
@main
struct FuzzJSONDocument {
    static func main() {
        runFuzzer { bytes in
            var spec = InputSpec(path: "fuzz.json", format: .json, maxRecordSize: ByteSize(bytes: 1 << 16))
            if bytes.first.map({ $0 & 1 == 0 }) ?? false { spec.recordsPath = ["articles"] }
            for record in InputReader.records(in: bytes, file: "fuzz.json", spec: spec) {
                _ = try? ParseStage.parse(record, input: spec)
            }
        }
    }
}
