@testable import PipeKit
import Testing

@Suite("FeedItemCollector")
struct FeedItemCollectorTests {
    /// Feeds the collector `<name>text</name>` children of one element named `item` in `namespace`.
    static func collect(_ item: String, namespace: String = "", children: [(String, String, [String: String], String)]) -> [FeedItemCollector.Item] {
        var collector = FeedItemCollector(limit: 1000)
        collector.start(namespace: "", name: "rss", attributes: [:])
        collector.start(namespace: "", name: "channel", attributes: [:])
        collector.start(namespace: namespace, name: item, attributes: [:])
        for (childNamespace, name, attributes, text) in children {
            collector.start(namespace: childNamespace, name: name, attributes: attributes)
            collector.characters(text)
            collector.end()
        }
        collector.end()
        return collector.completed
    }

    @Test func theFirstDateAuthorAndLinkWinAndContentOutranksTheSummary() {
        let items = Self.collect("item", children: [
            ("", "pubDate", [:], " Sun, 08 Dec 2024 09:30:00 +0200 "), (FeedItemCollector.dublinCore, "date", [:], "2024-01-01"),
            ("", "link", [:], "https://a"), ("", "link", [:], "https://b"), ("", "description", [:], "short"),
            (FeedItemCollector.content, "encoded", [:], "<p>long</p>"), ("", "category", [:], "ignored"),
        ])
        #expect(items.count == 1)
        #expect(items[0].date == "Sun, 08 Dec 2024 09:30:00 +0200" && items[0].url == "https://a")
        #expect(items[0].content == "<p>long</p>" && items[0].summary == "short" && items[0].contentIsHTML)
    }

    @Test func atomUpdatedStandsInForAMissingPublishedDate() {
        let atom = FeedItemCollector.atom
        let items = Self.collect("entry", namespace: atom, children: [
            (atom, "updated", [:], "2024-12-05T15:20:00Z"), (atom, "link", ["rel": "self", "href": "https://self"], ""),
            (atom, "link", ["href": "https://page"], ""), (atom, "content", ["type": "text"], "Plain."),
        ])
        #expect(items[0].date == "2024-12-05T15:20:00Z" && items[0].url == "https://page" && !items[0].contentIsHTML)
    }

    @Test func anElementOutsideAnItemGivesNothingAndTextPastTheLimitMarksTheItem() {
        #expect(Self.collect("entry", children: [("", "title", [:], "not Atom")]).isEmpty)
        let big = Self.collect("item", children: [("", "description", [:], String(repeating: "x", count: 1500))])
        #expect(big[0].oversize == 1500 && big[0].summary == nil)
    }
}
