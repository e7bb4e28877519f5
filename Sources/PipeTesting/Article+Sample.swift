import PipeKit

extension Article {
    /// An article for a test, with every field but the body made up unless given.
    ///
    /// `date` is `YYYY-MM-DD`; a text that is not one leaves the date out.
    public static func sample(
        id: String = "a", title: String = "A title", body: String, date: String? = nil, url: String? = nil,
        fields: [String: JSONValue] = [:]
    ) -> Article {
        Article(id: id, source: "\(id).txt", date: date.flatMap(CalendarDate.init), url: url, title: title, body: body,
                fields: fields)
    }
}

extension RawRecord {
    /// A record for a test: the text of one input file or line, in `format`.
    public static func sample(_ text: String, format: InputFormat = .datedText, id: String = "a") -> RawRecord {
        RawRecord(id: id, source: format == .jsonl ? "input.jsonl" : "\(id).txt", format: format, bytes: Array(text.utf8))
    }
}
