import Foundation

/// The records of one JSON document (`format: json`): the objects of the array at the dotted path
/// `input.records` (`articles` for NewsAPI's `{"articles": [...]}`), or of the document itself when
/// it is an array, or the document alone when it is one object.
///
/// The document is read whole, bounded by `max_record_size`; each element becomes a record with
/// the id `FILE:N`, N counting elements from 1. An element that is not an object is an error for
/// that record alone; a document that is not JSON, or has no array at the path, is one.
enum JSONDocumentRecords {
    /// The records of a document read whole.
    static func records(of bytes: [UInt8], file: String, id: String, path: [String]) -> [RawRecord] {
        let base = RawRecord(id: "\(id):1", source: file, format: .json, bytes: Array(bytes.prefix(RawRecord.oversizePrefix)))
        let document: JSONValue
        do {
            document = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            return [base.malformed("the file is not a JSON document: \(describe(error))", hint: "check the file with `python3 -m json.tool FILE`")]
        }
        var current = document
        for (depth, part) in path.enumerated() {
            guard case .object(let members) = current, let next = members[part] else {
                let reached = path[..<depth].joined(separator: ".")
                let keys = (current.objectKeys ?? []).sorted().prefix(12).map { "`\($0)`" }.joined(separator: ", ")
                let holder = reached.isEmpty ? "the document" : "`\(reached)`"
                return [base.malformed("the document has no `\(path[...depth].joined(separator: "."))`",
                                       hint: "set `input.records` to the path of the articles' array; \(holder) has "
                                           + (keys.isEmpty ? "no keys" : keys))]
            }
            current = next
        }
        let elements: [JSONValue]
        switch current {
        case .array(let array): elements = array
        case .object where path.isEmpty: elements = [current]
        default:
            return [base.malformed("`\(path.joined(separator: "."))` is not an array of articles", hint: "set `input.records` to the path of the array")]
        }
        return elements.enumerated().map { index, element in
            var writer = JSONWriter()
            writer.value(element)
            let record = RawRecord(id: "\(id):\(index + 1)", source: file, format: .json, bytes: writer.bytes)
            guard case .object = element else {
                return record.malformed("element \(index + 1) is not an object", hint: "each article is a JSON object")
            }
            return record
        }
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String ?? context.debugDescription
        }
        return "\(error)"
    }
}

extension JSONValue {
    /// The keys of an object; nil for other values.
    var objectKeys: [String]? {
        if case .object(let members) = self { return Array(members.keys) }
        return nil
    }
}
