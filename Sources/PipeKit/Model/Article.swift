/// A news article as it travels through a pipeline.
///
/// `parse` creates it from a ``RawRecord``; later stages fill in what they find. Offsets into
/// ``title`` and ``body`` are counted in Unicode scalars (see ``TextSpan``).
public struct Article: Sendable, Hashable {
    /// The article's id: the file's path below the input root without extension, or the JSON `id` field.
    public var id: String
    /// The input file the article came from (`-` for standard input).
    public var source: String
    /// The publication day, when the input gives one: the day as published, in its own offset.
    public var date: CalendarDate?
    /// The publication instant, when the input gives a time with the date.
    public var publishedAt: Timestamp?
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
    /// The detected language (ISO 639-1), once `translate-stub` has run.
    public var language: String?
    /// How sure the detection is, from 0 to 1.
    public var languageConfidence: Double?
    /// The translation, once `translate-stub` has run.
    public var translation: Translation?
    /// Named entities, once `extract` has run with `entities`.
    public var entities: [Entity]?
    /// Dates, once `extract` has run with `dates`.
    public var dates: [DateMention]?
    /// Direct quotations, once `extract` has run with `quotes`.
    public var quotes: [Quote]?
    /// Keywords, best first, once `extract` has run with `keywords`.
    public var keywords: [Keyword]?
    /// Fields set by custom stages, written by export as they are, after the built-in fields.
    public var fields: [String: JSONValue]
    /// Where the article's record stands in the input, set by `parse`; never exported, but
    /// what a sharded run's logs record so that `pipe merge` can restore input order.
    public var position: InputPosition?

    /// Creates an article.
    public init(
        id: String,
        source: String,
        date: CalendarDate? = nil,
        publishedAt: Timestamp? = nil,
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
        self.publishedAt = publishedAt
        self.url = url
        self.title = title
        self.body = body
        self.paragraphs = paragraphs
        self.sentences = sentences
        self.fields = fields
    }

    /// The words of the body: runs of letters, digits, apostrophes and hyphens.
    ///
    /// ASCII is classified by its byte; other scalars by their Unicode properties. A body all in
    /// ASCII (most are) is read byte by byte from its UTF-8, without decoding scalars.
    public var wordCount: Int {
        var body = body
        if let count = body.withUTF8({ UTF8Text.isASCII($0) ? Self.asciiWordCount($0) : nil }) { return count }
        var count = 0
        var inWord = false
        for scalar in body.unicodeScalars {
            let isWordScalar: Bool
            if scalar.isASCII {
                let value = scalar.value
                isWordScalar = (0x30...0x39).contains(value) || (0x61...0x7A).contains(value | 0x20)
            } else {
                isWordScalar = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            }
            if isWordScalar, !inWord { count += 1 }
            inWord = isWordScalar || (inWord && (scalar == "'" || scalar == "-" || scalar == "\u{2019}"))
        }
        return count
    }

    /// ``wordCount`` of ASCII text.
    static func asciiWordCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var inWord = false
        for byte in bytes {
            let isWordByte = byte &- 0x30 < 10 || (byte | 0x20) &- 0x61 < 26
            if isWordByte, !inWord { count += 1 }
            inWord = isWordByte || (inWord && (byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-")))
        }
        return count
    }

    /// The text of each sentence, in order.
    public var sentenceTexts: [String] { sentences.compactMap { $0.text(in: body) } }
    /// The text of each paragraph, in order.
    public var paragraphTexts: [String] { paragraphs.compactMap { $0.text(in: body) } }
}
