/// A news article as it travels through a pipeline.
///
/// `parse` creates it from a ``RawRecord``; later stages fill in what they find. Offsets into
/// ``title`` and ``body`` are counted in Unicode scalars (see ``TextSpan``).
public struct Article: Sendable, Hashable {
    /// The article's id: the file's path below the input root without extension, or the JSON `id` field.
    public var id: String
    /// The input file the article came from (`-` for standard input).
    public var source: String
    /// The publication day, when the input gives one.
    public var date: CalendarDate?
    /// The article's address, when the input gives one.
    public var url: String?
    /// The headline.
    public var title: String
    /// The text, paragraphs separated by one empty line.
    public var body: String
    /// The paragraphs of ``body``; empty until `normalize` has run.
    public var paragraphs: [TextSpan]
    /// The sentences of ``body``; empty until `normalize` has run.
    public var sentences: [TextSpan]
    /// Fields set by custom stages, written by export as they are, after the built-in fields.
    public var fields: [String: JSONValue]

    /// Creates an article.
    public init(
        id: String,
        source: String,
        date: CalendarDate? = nil,
        url: String? = nil,
        title: String,
        body: String,
        paragraphs: [TextSpan] = [],
        sentences: [TextSpan] = [],
        fields: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.source = source
        self.date = date
        self.url = url
        self.title = title
        self.body = body
        self.paragraphs = paragraphs
        self.sentences = sentences
        self.fields = fields
    }

    /// The text of each sentence, in order.
    public var sentenceTexts: [String] { sentences.compactMap { $0.text(in: body) } }
    /// The text of each paragraph, in order.
    public var paragraphTexts: [String] { paragraphs.compactMap { $0.text(in: body) } }
}
