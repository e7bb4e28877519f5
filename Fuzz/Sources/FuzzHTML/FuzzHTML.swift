import FuzzSupport
import PipeKit
import PipeStages

/// Any bytes as a web page: its charset found and converted, libxml2's tree read, its main text found.
@main
struct FuzzHTML {
    static func main() {
        runFuzzer { bytes in
            let spec = InputSpec(path: "fuzz.html", format: .html, maxRecordSize: ByteSize(bytes: 1 << 16))
            for record in InputReader.records(in: bytes, file: "fuzz.html", spec: spec) {
                _ = try? ParseStage.article(from: record, input: spec)
            }
        }
    }
}
