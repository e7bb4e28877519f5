import Foundation
import PipeKit
import Synchronization

/// Watches the first records of an input of objects for the keys `input.fields` reads, and words
/// one warning when a mapped key is in none of them, with the keys that were seen, so that a
/// misspelt map is noticed before a whole archive runs through it.
final class FieldMapCheck: Sendable {
    /// How many records are watched: the runtime's first batch.
    static let sample = 64

    private struct State {
        var seen = 0
        var keys: Set<String> = []
        var found: Set<String> = []
        var reported = false
    }

    private let fields: FieldMap
    private let state = Mutex(State())

    init(fields: FieldMap) {
        self.fields = fields
    }

    /// Notes a record's keys; the warning when this record ends the sample and a mapped key was in no record.
    func observe(_ record: RawRecord) -> String? {
        guard record.problem == nil, !fields.sources.isEmpty else { return nil }
        let object = (try? JSONDecoder().decode([String: JSONValue].self, from: Data(record.bytes))) ?? [:]
        return state.withLock { state -> String? in
            guard state.seen < Self.sample else { return nil }
            state.seen += 1
            state.keys.formUnion(object.keys)
            for field in FieldMap.Field.allCases where fields.sources[field.name] != nil && !state.found.contains(field.name)
                && JSONLineParser.value(at: fields.path(of: field), in: object) != nil {
                state.found.insert(field.name)
            }
            return state.seen == Self.sample ? report(&state) : nil
        }
    }

    /// The warning, if not yet given, when the input ended before the sample did.
    func finish() -> String? {
        state.withLock { $0.seen > 0 ? report(&$0) : nil }
    }

    private func report(_ state: inout State) -> String? {
        guard !state.reported else { return nil }
        state.reported = true
        return Self.warning(missing: fields.sources.filter { !state.found.contains($0.key) }, keys: state.keys, seen: state.seen)
    }

    private static func warning(missing: [String: String], keys: Set<String>, seen: Int) -> String? {
        guard !missing.isEmpty else { return nil }
        let mapped = missing.sorted { $0.key < $1.key }.map { "`\($0.key): \($0.value)`" }.joined(separator: ", ")
        let present = keys.sorted().map { "`\($0)`" }.joined(separator: ", ")
        return "input.fields maps \(mapped), but none of the first \(seen) records has that key; they have \(present)"
    }
}
