import Foundation
import PipeKit

/// Reads one JSON Lines record: `id`, `date`, `url`, `title` and `body`; other keys become custom fields.
enum JSONLineParser {
    static func parse(_ record: RawRecord) throws -> Article {
        var text = try RecordText.decode(record.bytes)
        let object = try text.withUTF8(FlatJSONObject.parse) ?? decode(Array(text.utf8))
        func string(_ key: String, required: Bool) throws -> String? {
            switch object[key] {
            case .string(let value): return value
            case .none, .null?:
                if required { throw PipeError(.malformedRecord, "the object has no `\(key)`") }
                return nil
            case .some(let other):
                throw PipeError(.malformedRecord, "`\(key)` must be a string, not \(other)")
            }
        }
        guard let id = try string("id", required: true), !id.isEmpty else {
            throw PipeError(.malformedRecord, "the object's `id` is empty")
        }
        var date: CalendarDate?
        if let text = try string("date", required: false) {
            guard let parsed = CalendarDate(text) else {
                throw PipeError(.malformedRecord, "malformed `date` `\(text)`", hint: "write the date as YYYY-MM-DD")
            }
            date = parsed
        }
        let body = try string("body", required: true) ?? ""
        guard body.contains(where: { !$0.isWhitespace }) else {
            throw PipeError(.malformedRecord, "the article `\(id)` has an empty body")
        }
        // The members Article has no field of its own for, picked in one pass: removing the record
        // fields from a copy hashed all thirteen names and copied the table.
        var fields: [String: JSONValue] = [:]
        for (key, value) in object where !Article.recordFields.contains(key) { fields[key] = value }
        return Article(id: id, source: record.source, date: date, url: try string("url", required: false),
                       title: try string("title", required: false) ?? "", body: body, fields: fields)
    }

    /// Any JSON line, through `JSONDecoder`, whose errors name what is wrong.
    private static func decode(_ bytes: [UInt8]) throws -> [String: JSONValue] {
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
