import Foundation

/// Turns a line of a dead-letter file back into the raw record that failed, for replay.
///
/// `pipe run FILE.yaml --input out/x.dead-letter.jsonl` reads every dead letter's `raw` text
/// with the `format` recorded beside it (the input's format when none is), under its original
/// `id` and `source`, so that after fixing the pipeline the failed articles can be run again.
enum DeadLetterReplay {
    /// The record a dead-letter line holds, or the line itself with a problem saying why it holds none.
    static func record(from line: RawRecord) -> RawRecord {
        guard line.problem == nil else { return line }
        func refuse(_ reason: String) -> RawRecord { line.with(.notADeadLetter(reason: reason)) }
        guard let object = try? JSONDecoder().decode([String: JSONValue].self, from: Data(line.bytes)) else {
            return refuse("the line is not a JSON object")
        }
        guard case .string(let raw)? = object["raw"] else {
            return refuse("it has no `raw` record (the stage failed after the article was made, not on a record)")
        }
        var format = line.format
        if case .string(let name)? = object["format"] {
            guard let recorded = InputFormat(rawValue: name) else { return refuse("unknown `format` `\(name)`") }
            format = recorded
        }
        var id = line.id, source = line.source
        if case .string(let text)? = object["id"] { id = text }
        if case .string(let text)? = object["source"] { source = text }
        return RawRecord(id: id, source: source, format: format, bytes: Array(raw.utf8))
    }
}
