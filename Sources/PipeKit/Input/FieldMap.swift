/// Where an input's records keep the article's fields (`input.fields`): `title: headline`,
/// `date: meta.published` (a dotted path into nested JSON objects). A field left out is read
/// from the key of its own name.
public struct FieldMap: Sendable, Hashable, CustomStringConvertible {
    /// An article field a record's key can be mapped to.
    public enum Field: Int, CaseIterable, Sendable {
        case id, title, body, date, url

        /// The field's name, as the map and the article's JSON write it.
        public var name: String { FieldMap.targets[rawValue] }
    }

    /// The names of the article fields a record's keys can be mapped to, in ``Field`` order.
    public static let targets = ["id", "title", "body", "date", "url"]

    /// The source key of each mapped field, by field name.
    public let sources: [String: String]
    /// The key each field is read from, in ``Field`` order, cut at its dots: worked out once, not per record.
    private let paths: [[String]]
    /// The keys mapped fields are read from that are not the name of a built-in field: the keys a
    /// parser keeps out of the custom fields besides those (empty without a map).
    public let renamedKeys: Set<String>

    /// No field mapped, worked out once: records read without an input's map use it.
    public static let unmapped = FieldMap()

    /// No field mapped: every field is read from the key of its own name.
    public init() {
        self.init(checked: [:])
    }

    /// Maps `sources` (field → key); nil when a field is not one of ``targets`` or a key is empty.
    public init?(_ sources: [String: String]) {
        guard sources.keys.allSatisfy(Self.targets.contains), sources.values.allSatisfy({ !$0.isEmpty }) else { return nil }
        self.init(checked: sources)
    }

    private init(checked sources: [String: String]) {
        self.sources = sources
        paths = Self.targets.map { (sources[$0] ?? $0).split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
        renamedKeys = Set(sources.values).subtracting(Article.recordFields)
    }

    /// The key `field` is read from: its mapped key, or its own name.
    public func source(of field: Field) -> String {
        sources[field.name] ?? field.name
    }

    /// The path of `field`'s key, cut at its dots.
    public func path(of field: Field) -> [String] {
        paths[field.rawValue]
    }

    /// `{title: headline, …}`, in the order of ``targets``.
    public var description: String {
        "{" + Self.targets.compactMap { field in sources[field].map { "\(field): \($0)" } }.joined(separator: ", ") + "}"
    }
}

extension FieldMap: OptionValue {
    /// `mapping of id, title, body, date or url to keys`.
    public static var typeName: String { "mapping of \(targets.dropLast().joined(separator: ", ")) or \(targets.last ?? "") to keys" }
    /// `{}` when empty.
    public var yamlText: String? { description }

    /// Reads a mapping of article fields to keys.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        var sources: [String: String] = [:]
        for key in container.allKeys {
            guard Self.targets.contains(key.stringValue) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container,
                    debugDescription: "`\(key.stringValue)` is not an article field; map \(Self.targets.joined(separator: ", "))")
            }
            sources[key.stringValue] = try container.decode(String.self, forKey: key)
        }
        guard let map = FieldMap(sources) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a key is empty"))
        }
        self = map
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
