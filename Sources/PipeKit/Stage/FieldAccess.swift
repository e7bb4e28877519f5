/// The article fields a stage needs and the ones it sets: its contract, checked before a run.
///
/// `pipe validate` (and every `pipe run` before reading) reports a stage that reads a field no
/// earlier stage writes, at the stage's `type:` in the file. A stage states what it needs to
/// work, not what it merely uses when present.
public struct FieldAccess: Sendable, Hashable {
    /// Fields the stage needs an earlier stage to have set.
    public var reads: [ArticleField]
    /// Fields the stage sets.
    public var writes: [ArticleField]
    /// Whether the stage may set custom fields it cannot name in advance (`parse` keeps a JSON
    /// record's other keys).
    public var writesAnyCustomField: Bool

    /// A contract reading and writing the given fields.
    public init(reads: [ArticleField] = [], writes: [ArticleField] = [], writesAnyCustomField: Bool = false) {
        self.reads = reads
        self.writes = writes
        self.writesAnyCustomField = writesAnyCustomField
    }

    /// Whether the stage sets `field`.
    public func sets(_ field: ArticleField) -> Bool {
        writes.contains(field) || (writesAnyCustomField && field.isCustom)
    }
}

/// The name of an article field as export writes it: a built-in one or a custom field.
public struct ArticleField: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The field's name, for example `entities` or `sentiment`.
    public var name: String

    /// The field named `name`.
    public init(_ name: String) {
        self.name = name
    }

    /// The field named by a string literal.
    public init(stringLiteral name: String) {
        self.name = name
    }

    /// The fields parse sets on every article.
    public static let record: [ArticleField] = ["id", "source", "date", "published_at", "url", "title", "body"]
    /// Every field of the article model.
    public static let builtIn: [ArticleField] = record + [
        "paragraphs", "sentences", "language", "language_confidence", "translation", "entities", "dates", "quotes", "keywords",
    ]

    /// Whether this is a custom field (``Article/fields``) rather than one of the model's.
    public var isCustom: Bool { !Self.builtIn.contains(self) }

    /// The name.
    public var description: String { name }

    /// Orders by name.
    public static func < (lhs: ArticleField, rhs: ArticleField) -> Bool { lhs.name < rhs.name }
}
