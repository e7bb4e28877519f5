import FuzzSupport
import PipeKit
import PipeStages

/// Any bytes as an RSS or Atom feed: libxml2's SAX parser, the items collected, their HTML
/// converted to text.
@main
struct FuzzFeed {
    static func main() {
        runFuzzer { bytes in
            let spec = InputSpec(path: "fuzz.rss", format: .feed, maxRecordSize: ByteSize(bytes: 1 << 16))
            for record in InputReader.records(in: bytes, file: "fuzz.rss", spec: spec) {
                _ = try? ParseStage.article(from: record, input: spec)
            }
        }
    }
}
