/// A table name as a pipeline file gives it, `articles` or `news.articles`, checked and quoted
/// for SQL: the input of a queue (``QueueInput``) and the table an export writes to.
public struct TableName: Sendable, Hashable, CustomStringConvertible {
    /// The schema, when the name gives one.
    public let schema: String?
    /// The table.
    public let table: String

    /// Reads `table` or `schema.table`, each part letters, digits and `_`, not starting with a digit.
    ///
    /// - Throws: ``PipeError`` with code `invalid-value` for another name.
    public init(_ text: String) throws {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy(Self.isPlain) else {
            throw PipeError(.invalidValue, "`\(text)` is not a table name Pipe takes",
                            hint: "write `articles` or `schema.articles`: letters, digits and `_`, not starting with a digit")
        }
        (schema, table) = parts.count == 2 ? (parts[0], parts[1]) : (nil, parts[0])
    }

    private static func isPlain(_ part: String) -> Bool {
        guard let first = part.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first), part.utf8.count <= 50 else { return false }
        return part.utf8.allSatisfy { $0 == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0 | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// `news.articles`.
    public var description: String { schema.map { $0 + "." + table } ?? table }

    /// `"news"."articles"`, for SQL.
    public var quoted: String { (schema.map { "\"\($0)\"." } ?? "") + "\"\(table)\"" }

    /// The table beside this one named `TABLE_suffix`: `news.articles_pipe_queue` for `_pipe_queue`
    /// (a table name is at most 50 bytes, so that the suffix fits PostgreSQL's 63).
    package func beside(_ suffix: String) -> TableName {
        TableName(schema: schema, table: table + suffix)
    }

    private init(schema: String?, table: String) {
        self.schema = schema
        self.table = table
    }
}
