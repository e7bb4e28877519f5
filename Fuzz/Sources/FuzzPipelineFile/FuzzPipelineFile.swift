import FuzzSupport
import PipeKit
import PipeStages

/// Any text as a pipeline file: the loader must load it or throw diagnostics, never crash or hang.
@main
struct FuzzPipelineFile {
    static func main() {
        runFuzzer { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            let loader = PipelineLoader(registry: BuiltinStages.registry, environment: ["PIPE_OUT": "/tmp/pipe-fuzz-out"])
            _ = try? loader.load(yaml: text, file: "fuzz.yaml")
        }
    }
}
