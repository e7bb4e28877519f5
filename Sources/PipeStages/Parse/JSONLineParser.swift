import Foundation
import PipeKit

/// Reads one JSON object record (a JSON Lines line, or a CSV row the reader wrote as one) into an
/// article, through the input's field map: `id`, `date`, `url`, `title` and `body` from their
/// mapped keys (dotted paths into nested objects); the keys no field reads become custom fields.
enum JSONLineParser {
    static func parse(_ record: RawRecord, fields map: FieldMap = .unmapped, timeZone: InputTimeZone = .utc) throws -> Article {
        var text = try RecordText.decode(record.bytes)
        let object = try text.withUTF8(FlatJSONObject.parse) ?? decode(Array(text.utf8))
        func string(_ field: FieldMap.Field, required: Bool = false) throws -> String? {
            switch value(at: map.path(of: field), in: object) {
            case .string(let value): return value
            case .int(let value) where field == .id: return String(value)
            case .none, .null?:
                guard required else { return nil }
                throw PipeError(.malformedRecord, "the object has no `\(map.source(of: field))`", hint: hint(for: field, object))
            case .some(let other):
                throw PipeError(.malformedRecord, "`\(map.source(of: field))` must be a string, not \(other)")
            }
        }
        // Without an id (or with an empty one, as a CSV cell has), the record's place in its file names it.
        let id = try string(.id).flatMap { $0.isEmpty ? nil : $0 } ?? record.id
        do {
            return try article(id: id, object: object, record: record, map: map, timeZone: timeZone, string: string)
        } catch {
            throw RecordFailure(id: id, error: error)
        }
    }

    /// The article from the object whose id is read.
    private static func article(
        id: String, object: [String: JSONValue], record: RawRecord, map: FieldMap, timeZone: InputTimeZone,
        string: (FieldMap.Field, Bool) throws -> String?
    ) throws -> Article {
        let published = try publishedDate(value(at: map.path(of: .date), in: object), map: map, timeZone: timeZone)
        let body = try string(.body, true) ?? ""
        guard body.contains(where: { !$0.isWhitespace }) else {
            throw PipeError(.malformedRecord, "the article `\(id)` has an empty body")
        }
        // The members no field reads, picked in one pass: removing the record fields from a copy
        // hashed all their names and copied the table.
        var custom: [String: JSONValue] = [:]
        let renamed = map.renamedKeys
        for (key, value) in object where !Article.recordFields.contains(key) && (renamed.isEmpty || !renamed.contains(key)) {
            custom[key] = value
        }
        return Article(id: id, source: record.source, date: published?.date, publishedAt: published?.instant,
                       url: try string(.url, false).flatMap { $0.isEmpty ? nil : $0 }, title: try string(.title, false) ?? "",
                       body: body, fields: custom)
    }

    /// The value at a dotted path, through nested objects.
    static func value(at path: [String], in object: [String: JSONValue]) -> JSONValue? {
        guard let first = path.first else { return nil }
        var current = object[first]
        for part in path.dropFirst() {
            guard case .object(let inner)? = current else { return nil }
            current = inner[part]
        }
        return current
    }

    /// The date at the date field's key: text in any format ``PublishedDate`` reads, or Unix seconds.
    private static func publishedDate(_ value: JSONValue?, map: FieldMap, timeZone: InputTimeZone) throws -> PublishedDate? {
        let text: String
        switch value {
        case nil, .null?: return nil
        case .string(let string)?:
            // An empty CSV cell is no date (checked without copying: most dates start with a digit).
            if string.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
            text = string
        case .int(let seconds)?: text = String(seconds)
        case .double(let seconds)?: text = String(seconds)
        case let other?: throw PipeError(.malformedRecord, "`\(map.source(of: .date))` must be a date, not \(other)")
        }
        guard let date = PublishedDate.parse(text, in: timeZone) else {
            throw PipeError(.malformedRecord, "`\(map.source(of: .date))` `\(text)` is not a date Pipe reads",
                            hint: "write it as 2024-12-08, 2024-12-08T14:03:00+03:00, Sun, 08 Dec 2024 14:03:00 +0300, "
                                + "December 8, 2024 or Unix seconds (Docs/Inputs.md)")
        }
        return date
    }

    /// For a required field that is missing: the field map to set, with the keys the record has.
    private static func hint(for field: FieldMap.Field, _ object: [String: JSONValue]) -> String {
        let keys = object.keys.sorted().prefix(12).map { "`\($0)`" }.joined(separator: ", ")
        return "the record's keys are \(keys.isEmpty ? "none" : keys); map one with `input.fields: {\(field.name): KEY}`"
    }

    /// Any JSON line, through `JSONDecoder`, whose errors name what is wrong.
    static func decode(_ bytes: [UInt8]) throws -> [String: JSONValue] {
        do {
            return try JSONDecoder().decode([String: JSONValue].self, from: Data(bytes))
        } catch DecodingError.typeMismatch {
            throw PipeError(.malformedRecord, "the line is JSON but not an object", hint: "write one object per line")
        } catch {
            throw PipeError(.malformedRecord, "the line is not valid JSON: \(describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return (context.underlyingError as? NSError)?.localizedDescription ?? context.debugDescription
        }
        return error.localizedDescription
    }
}
