import FuzzSupport
import PipeKit
import PipeStages

/// Any bytes as a CSV file (and, through its first byte, TSV): rows cut, objects written, each parsed.
@main
struct FuzzCSV {
    static func main() {
        runFuzzer { bytes in
            let format: InputFormat = bytes.first.map { $0 & 1 == 0 } ?? true ? .csv : .tsv
            var spec = InputSpec(path: "fuzz.csv", format: format, maxRecordSize: ByteSize(bytes: 4096))
            if format == .tsv { spec.delimiter = 0x09 }
            for record in InputReader.records(in: bytes, file: "fuzz.csv", spec: spec) {
                _ = try? ParseStage.parse(record, input: spec)
            }
        }
    }
}
