/// A batch of items with its place in the input, the unit the runtime moves between stages.
@usableFromInline
protocol AnyBatch: Sendable {
    /// The batch's position in the input, counting from 0.
    var sequence: Int { get }
    /// The records read for the batch, numbered in the order the source gave them: they stay
    /// the batch's when stages drop items, for a ``ClaimedSource`` to commit.
    var reads: Range<Int> { get }
    /// The failures dead-lettered so far, in stage order then item order.
    var deadLetters: [DeadLetter] { get }
    /// The items' values, type-erased.
    var erasedValues: [any Sendable] { get }
    /// The batch without its items: its place and dead letters only.
    func droppingValues() -> any AnyBatch
}

/// A typed batch: the items, and beside them the raw record each came from, for dead letters.
///
/// Values and raw records are kept in two arrays rather than as pairs, so that a stage can take
/// a value out of the batch as its own (`popLast`) instead of copying it out of a pair: a copy of
/// an article retains each of its strings and arrays.
@usableFromInline
struct Batch<Value: Sendable>: AnyBatch {
    @usableFromInline let sequence: Int
    @usableFromInline var reads: Range<Int>
    /// The items, in input order.
    @usableFromInline var values: [Value]
    /// The raw record of each item, by the same index.
    @usableFromInline var raws: [RawRecord?]
    @usableFromInline var deadLetters: [DeadLetter]

    /// An empty batch with room for `capacity` items.
    @inlinable
    init(sequence: Int, reads: Range<Int> = 0..<0, deadLetters: [DeadLetter] = [], reservingCapacity capacity: Int = 0) {
        self.sequence = sequence
        self.reads = reads
        values = []
        raws = []
        self.deadLetters = deadLetters
        values.reserveCapacity(capacity)
        raws.reserveCapacity(capacity)
    }

    /// The number of items.
    @inlinable
    var count: Int { values.count }

    /// Adds an item after the others.
    @inlinable
    mutating func append(_ value: consuming Value, raw: consuming RawRecord?) {
        values.append(value)
        raws.append(raw)
    }

    @usableFromInline var erasedValues: [any Sendable] { values }

    @usableFromInline func droppingValues() -> any AnyBatch {
        Batch(sequence: sequence, reads: reads, deadLetters: deadLetters)
    }
}

/// An article a stage failed on, as the dead-letter file records it.
public struct DeadLetter: Sendable, Hashable {
    /// The article's id, or the record's when it was never parsed.
    public var id: String
    /// The input file.
    public var source: String
    /// The id of the stage that failed.
    public var stage: String
    /// What went wrong.
    public var error: String
    /// The raw record, as text, when there is one.
    public var raw: String?
    /// How the raw record is read (`dated-text`, `jsonl`, `text`), so that it can be replayed.
    public var format: InputFormat?

    /// Creates a dead letter.
    public init(id: String, source: String, stage: String, error: String, raw: String?, format: InputFormat? = nil) {
        self.id = id
        self.source = source
        self.stage = stage
        self.error = error
        self.raw = raw
        self.format = format
    }

    /// One JSON Lines record: `{id, source, stage, error, raw, format}`.
    public var jsonLine: String {
        var writer = JSONWriter()
        writeJSON(into: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Writes the record's JSON object, without the line's end.
    public func writeJSON(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id"); writer.string(id)
        writer.key("source"); writer.string(source)
        writer.key("stage"); writer.string(stage)
        writer.key("error"); writer.string(error)
        writer.key("raw"); writer.string(raw)
        writer.key("format"); writer.string(format?.rawValue)
        writer.endObject()
    }
}
