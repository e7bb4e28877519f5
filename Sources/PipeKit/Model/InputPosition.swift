/// Where a record stands in a pipeline's whole input: the file's place in the input's listing
/// and the record's place in the file, both counting from 0.
///
/// A sharded run reads only its share of the input but numbers the records as the whole input
/// does, so that `pipe merge` can put the shards' articles back in input order.
public struct InputPosition: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The file's place in the input's listing (``InputReader/files()``).
    public var file: Int
    /// The record's place in the file.
    public var record: Int

    /// Creates a position.
    public init(file: Int, record: Int) {
        self.file = file
        self.record = record
    }

    /// Input order: by file, then by record.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.file, lhs.record) < (rhs.file, rhs.record)
    }

    /// `FILE:RECORD`, as the shards' logs write it.
    public var description: String { "\(file):\(record)" }

    /// Reads ``description``.
    public init?(_ text: some StringProtocol) {
        guard let colon = text.firstIndex(of: ":"), let file = Int(text[..<colon]),
              let record = Int(text[text.index(after: colon)...]) else { return nil }
        self.init(file: file, record: record)
    }
}
