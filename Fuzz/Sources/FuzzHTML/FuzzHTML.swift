import FuzzSupport

/// Any bytes as a web page: its charset found and converted, libxml2's tree read, its main text found.
@main
struct FuzzHTML {
    static func main() {
        fuzzInput(.html, file: "fuzz.html")
    }
}
