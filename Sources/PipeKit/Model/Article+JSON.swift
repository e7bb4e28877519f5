extension Article {
    /// The names of the built-in fields, in the order export writes them.
    public static let recordFields = [
        "id", "source", "date", "published_at", "url", "title", "body",
        "language", "language_confidence", "translation", "entities", "dates", "quotes", "keywords",
    ]

    /// Writes the article as one JSON object with a fixed key order.
    ///
    /// `id`, `source`, `date`, `url`, `title` and `body` always come first (with `published_at`
    /// after `date` when the input gave a time); `language`,
    /// `language_confidence`, `translation`, `entities`, `dates`, `quotes` and `keywords` follow
    /// when the stage that makes them ran (an empty result is `[]`); custom fields come last in
    /// byte order of their names. A custom field never replaces a built-in one.
    public func writeJSON(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id"); writer.string(id)
        writer.key("source"); writer.string(source)
        writer.key("date"); writer.string(date?.description)
        if let publishedAt {
            writer.key("published_at"); writer.string(publishedAt.description)
        }
        writer.key("url"); writer.string(url)
        writer.key("title"); writer.string(title)
        writer.key("body"); writer.string(body)
        if let language {
            writer.key("language"); writer.string(language)
        }
        if let languageConfidence {
            writer.key("language_confidence"); writer.double(languageConfidence)
        }
        if let translation {
            writer.key("translation")
            writer.beginObject()
            writer.key("from"); writer.string(translation.from)
            writer.key("to"); writer.string(translation.to)
            writer.key("backend"); writer.string(translation.backend)
            writer.key("title"); writer.string(translation.title)
            writer.key("body"); writer.string(translation.body)
            writer.endObject()
        }
        if let entities {
            writer.objects("entities", entities) { writer, entity in
                writer.key("text"); writer.string(entity.text)
                writer.key("type"); writer.string(entity.type.rawValue)
                writer.key("count"); writer.int(entity.count)
                writer.key("spans"); writer.spans(entity.spans)
            }
        }
        if let dates {
            writer.objects("dates", dates) { writer, date in
                writer.key("text"); writer.string(date.text)
                writer.key("value"); writer.string(date.valueText)
                writer.key("precision"); writer.string(date.precision.rawValue)
                writer.key("span")
                if let span = date.span { writer.span(span) } else { writer.null() }
            }
        }
        if let quotes {
            writer.objects("quotes", quotes) { writer, quote in
                writer.key("text"); writer.string(quote.text)
                writer.key("speaker"); writer.string(quote.speaker)
                writer.key("span"); writer.span(quote.span)
            }
        }
        if let keywords {
            writer.objects("keywords", keywords) { writer, keyword in
                writer.key("text"); writer.string(keyword.text)
                writer.key("score"); writer.double((keyword.score * 10_000).rounded() / 10_000)
            }
        }
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

extension JSONWriter {
    /// Writes a span as `[start, end]`.
    public mutating func span(_ span: TextSpan) {
        beginArray()
        int(span.start)
        int(span.end)
        endArray()
    }

    /// Writes spans as `[[start, end], …]`.
    public mutating func spans(_ spans: [TextSpan]) {
        beginArray()
        for span in spans { self.span(span) }
        endArray()
    }
}
