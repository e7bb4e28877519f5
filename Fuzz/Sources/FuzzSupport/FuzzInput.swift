import PipeKit
import PipeStages

/// Runs the fuzzer with every input read as one file of `format` named `file`: its records cut
/// as the input reader cuts them (within `maxRecordSize`), then each parsed.
public func fuzzInput(_ format: InputFormat, file: String, maxRecordSize: Int = 1 << 16) -> Never {
    let spec = InputSpec(path: file, format: format, maxRecordSize: ByteSize(bytes: maxRecordSize))
    runFuzzer { bytes in
        for record in InputReader.records(in: bytes, file: file, spec: spec) {
            _ = try? ParseStage.article(from: record, input: spec)
        }
    }
}
