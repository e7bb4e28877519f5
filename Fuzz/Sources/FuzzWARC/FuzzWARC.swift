import FuzzSupport

/// Any bytes as a WARC file: records cut (resuming past damage), HTTP bodies de-chunked and
/// decompressed, charsets converted, pages parsed.
@main
struct FuzzWARC {
    static func main() {
        fuzzInput(.warc, file: "fuzz.warc")
    }
}
