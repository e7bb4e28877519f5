/// The records of one RSS or Atom feed, each item a ``RawRecord`` holding a JSON object of its
/// fields (`id`, `url`, `title`, `date`, `author`, `body`, `body_is_html`, `feed_title`), so that
/// a dead letter of an item replays alone; the id is `FILE:N` for the file's Nth item.
///
/// The file is parsed as it is read (``FeedParser``), in blocks: memory holds one item, bounded
/// by `max_record_size`, whatever the feed's length. An item larger than that is an error for
/// itself; a file that is not a feed, or declares XML entities, is one error record.
final class FeedRecords {
    private let source: any ByteSource
    private let file: String
    private let id: String
    private let parser: FeedParser
    private var pending: [RawRecord] = []
    private var count = 0
    private var ended = false
    /// Whether any byte was read.
    private var readAny = false
    /// The block the file is read into, made once.
    private var block = [UInt8](repeating: 0, count: FeedRecords.blockSize)

    private static let blockSize = 1 << 16

    init(source: any ByteSource, file: String, id: String, maxRecordSize: Int) {
        self.source = source
        self.file = file
        self.id = id
        parser = FeedParser(limit: maxRecordSize)
    }

    /// The next item, nil after the last.
    ///
    /// - Throws: ``PipeError`` when the file cannot be read on, or its compressed data is corrupt.
    func next() throws -> RawRecord? {
        while pending.isEmpty, !ended {
            let read = try block.withUnsafeMutableBytes { [source] in try source.read(into: $0) }
            ended = read == 0 || parser.refusal != nil
            readAny = readAny || read > 0
            block.withUnsafeBytes { [parser] in parser.parse(UnsafeRawBufferPointer(rebasing: $0[..<read]), last: read == 0) }
            pending += parser.takeItems().map(record).reversed()
            if ended { pending.insert(contentsOf: problems(), at: 0) }
        }
        return pending.popLast()
    }

    private func record(_ item: FeedItemCollector.Item) -> RawRecord {
        count += 1
        let record = RawRecord(id: "\(id):\(count)", source: file, format: .feed, bytes: [])
        if let size = item.oversize {
            return record.with(.tooLarge(size: size))
        }
        var writer = JSONWriter()
        writer.beginObject()
        let body = item.content ?? item.summary
        let fields: [(String, String?)] = [("id", item.id), ("url", item.url), ("title", item.title), ("date", item.date),
                                           ("author", item.author), ("body", body), ("feed_title", parser.collector.feedTitle)]
        for case (let key, let value?) in fields {
            writer.key(key)
            writer.string(value)
        }
        writer.key("body_is_html")
        writer.bool(item.content != nil ? item.contentIsHTML : item.summaryIsHTML)
        writer.endObject()
        var result = record
        result.bytes = writer.bytes
        return result
    }

    /// What is wrong with the file as a whole, as records (last first): a refusal, or a file that
    /// gave no item and is no feed.
    private func problems() -> [RawRecord] {
        let record = RawRecord(id: "\(id):\(count + 1)", source: file, format: .feed, bytes: [])
        if let refusal = parser.refusal {
            return [record.malformed(refusal, hint: "remove the DOCTYPE's entity declarations if the feed is genuine")]
        }
        guard count == 0 else { return [] }
        let root = parser.collector.root
        if let root, ["rss", "feed", "RDF", "channel"].contains(root) { return [] }
        let found = if let root { "its root element is `\(root)`" } else if !readAny { "it is empty" } else {
            "libxml2 found no element (\(parser.firstError ?? "no error"))"
        }
        return [record.malformed("the file is not an RSS or Atom feed: \(found)",
                                 hint: "`format: feed` reads RSS 2.0, RSS 1.0 and Atom; check the file's format")]
    }
}
