extension Article {
    /// The names of the built-in fields, in the order export writes them.
    public static let recordFields = ["id", "source", "date", "url", "title", "body"]

    /// Writes the article as one JSON object with a fixed key order.
    ///
    /// Built-in fields come first (`id`, `source`, `date`, `url`, `title`, `body`); custom fields
    /// follow in byte order of their names. A custom field never replaces a built-in one.
    public func writeJSON(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id"); writer.string(id)
        writer.key("source"); writer.string(source)
        writer.key("date"); writer.string(date?.description)
        writer.key("url"); writer.string(url)
        writer.key("title"); writer.string(title)
        writer.key("body"); writer.string(body)
        for name in fields.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        where !Self.recordFields.contains(name) {
            writer.key(name)
            writer.value(fields[name] ?? .null)
        }
        writer.endObject()
    }

    /// The article as one line of JSON, without the newline.
    public var jsonLine: String {
        var writer = JSONWriter()
        writeJSON(into: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
