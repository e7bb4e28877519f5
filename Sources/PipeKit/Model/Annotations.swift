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
    /// The text as written: `December 8, 2024`, `on Sunday`, `last month`, or the header date.
    public var text: String
    /// The first day of the period it names, relative dates resolved against the article's date:
    /// the day itself, the Monday of a week, the first of a month or of a year.
    public var value: CalendarDate
    /// How long a period it names: a day, a week, a month or a year.
    public var precision: DatePrecision
    /// Where it is in the body; `nil` for the header date.
    public var span: TextSpan?

    /// Creates a date mention.
    public init(text: String, value: CalendarDate, precision: DatePrecision = .day, span: TextSpan?) {
        self.text = text
        self.value = value
        self.precision = precision
        self.span = span
    }

    /// The value in ISO 8601 at its precision: `2024-12-08`, `2024-W48`, `2024-12`, `2024`.
    public var valueText: String {
        let day = value.description
        switch precision {
        case .day: return day
        case .month: return String(day.prefix(7))
        case .year: return String(day.prefix(4))
        case .week:
            // The ISO week is the one of the week's Thursday, counted in that Thursday's year.
            guard let thursday = value.adding(days: 4 - value.weekday), let january1 = CalendarDate(year: thursday.year, month: 1, day: 1) else {
                return day
            }
            let week = (thursday.dayNumber - january1.dayNumber) / 7 + 1
            return "\(thursday.year)-W" + (week < 10 ? "0" : "") + String(week)
        }
    }
}

/// How long a period a date names.
public enum DatePrecision: String, Sendable, Hashable, CaseIterable {
    /// One day: `December 8, 2024`, `yesterday`.
    case day
    /// A week, Monday to Sunday: `last week`.
    case week
    /// A calendar month: `March 2011`, `earlier this month`.
    case month
    /// A calendar year: `in 2004`, `last year`.
    case year
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
