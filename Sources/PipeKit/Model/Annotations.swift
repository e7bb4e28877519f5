/// The kind of a named entity.
public enum EntityType: String, Sendable, Hashable, CaseIterable, Codable {
    /// A person: `Bashar al-Assad`.
    case person
    /// An organisation: `Russian Foreign Ministry`, `UN Security Council`.
    case organization
    /// A place: `Syria`, `Geneva`.
    case location
    /// Any other name: nationalities, events, works.
    case misc
}

/// A distinct named entity of an article with every place it occurs in the body.
public struct Entity: Sendable, Hashable {
    /// The bare name: `Russian Foreign Ministry`, not `the Russian Foreign Ministry`.
    public var text: String
    /// Its kind.
    public var type: EntityType
    /// Where it occurs in the body, in order.
    public var spans: [TextSpan]

    /// Creates an entity.
    public init(text: String, type: EntityType, spans: [TextSpan]) {
        self.text = text
        self.type = type
        self.spans = spans
    }

    /// How many times it occurs.
    public var count: Int { spans.count }
}

/// A date found in an article: its text, the day it names and where.
public struct DateMention: Sendable, Hashable {
    /// The text as written: `December 8, 2024`, `on Sunday`, or the header date.
    public var text: String
    /// The day it names, relative dates resolved against the article's date.
    public var value: CalendarDate
    /// Where it is in the body; `nil` for the header date.
    public var span: TextSpan?

    /// Creates a date mention.
    public init(text: String, value: CalendarDate, span: TextSpan?) {
        self.text = text
        self.value = value
        self.span = span
    }
}

/// A direct quotation and who said it.
public struct Quote: Sendable, Hashable {
    /// The quoted words, without the quotation marks; the parts of a quotation interrupted by its
    /// attribution (`"…," she said, "…"`) or running over paragraphs are joined with a space.
    public var text: String
    /// The speaker as named in the article, when the attribution names one.
    public var speaker: String?
    /// Where the quoted words are in the body (inside the marks), from the first quoted word to
    /// the last.
    public var span: TextSpan

    /// Creates a quote.
    public init(text: String, speaker: String?, span: TextSpan) {
        self.text = text
        self.speaker = speaker
        self.span = span
    }
}

/// A keyword of an article with its score; a higher score means more characteristic.
public struct Keyword: Sendable, Hashable {
    /// The keyword or key phrase, lower-cased.
    public var text: String
    /// Its score.
    public var score: Double

    /// Creates a keyword.
    public init(text: String, score: Double) {
        self.text = text
        self.score = score
    }
}

/// A translation of an article's title and body.
public struct Translation: Sendable, Hashable {
    /// The language translated from (ISO 639-1).
    public var from: String
    /// The language translated into (ISO 639-1).
    public var to: String
    /// The backend that produced it, for example `stub`.
    public var backend: String
    /// The translated title.
    public var title: String
    /// The translated body.
    public var body: String

    /// Creates a translation.
    public init(from: String, to: String, backend: String, title: String, body: String) {
        self.from = from
        self.to = to
        self.backend = backend
        self.title = title
        self.body = body
    }
}
