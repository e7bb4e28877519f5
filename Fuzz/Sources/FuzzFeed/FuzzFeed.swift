import FuzzSupport

/// Any bytes as an RSS or Atom feed: libxml2's SAX parser, the items collected, their HTML
/// converted to text.
@main
struct FuzzFeed {
    static func main() {
        fuzzInput(.feed, file: "fuzz.rss")
    }
}
