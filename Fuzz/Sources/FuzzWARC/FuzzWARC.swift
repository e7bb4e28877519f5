import FuzzSupport
import PipeKit
import PipeStages

/// Any bytes as a WARC file: records cut (resuming past damage), HTTP bodies de-chunked and
/// decompressed, charsets converted, pages parsed.
@main
struct FuzzWARC {
    static func main() {
        runFuzzer { bytes in
            let spec = InputSpec(path: "fuzz.warc", format: .warc, maxRecordSize: ByteSize(bytes: 1 << 16))
            for record in InputReader.records(in: bytes, file: "fuzz.warc", spec: spec) {
                _ = try? ParseStage.article(from: record, input: spec)
            }
        }
    }
}
