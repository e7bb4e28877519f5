/// A stage that writes every item to an output, in input order, and passes it on: `export`.
///
/// The runtime splits a writer's work in two. ``encode(_:context:)`` turns a batch into what is
/// written (bytes for a text format, rows for a database) in the workers of the stages before it,
/// several batches at once; ``write(_:context:)`` then takes the batches' encodings one at a time,
/// in input order, in the same workers. Only the writing itself is serial: the items are encoded
/// where they were made and never travel to another task to be written.
///
/// ```swift
/// struct TitleLines: WriterStage {
///     typealias Input = Article
///     let file: AtomicFile
///     func encode(_ articles: [Article], context: StageContext) throws -> String {
///         articles.map { $0.title + "\n" }.joined()
///     }
///     func write(_ lines: String, context: StageContext) throws -> [Int: any Error] {
///         try file.write(lines)
///         return [:]
///     }
/// }
/// ```
/// A writer names its `Input` (`Output` is the same; Swift does not infer it from `encode`). It
/// joins the segment of the stage before it, whatever that stage's `concurrency`, and its
/// `timeout:` does not apply.
public protocol WriterStage<Input>: Stage where Output == Input {
    /// What a batch becomes for writing.
    associatedtype Encoded: Sendable

    /// Encodes a batch's items; called from several workers at once, for batches in any order.
    ///
    /// Throwing stops the run: keep it for failures no item can get past.
    func encode(_ items: [Input], context: StageContext) throws -> Encoded

    /// Writes one batch's encoding; called for one batch at a time, in input order.
    ///
    /// Returns the error of each item that could not be written, by its index in the batch: the
    /// stage's `on_error` policy handles it, and the item is not passed on. Throwing stops the run
    /// (an output that cannot be written at all).
    func write(_ encoded: Encoded, context: StageContext) throws -> [Int: any Error]
}

extension WriterStage {
    /// Writers see items in input order.
    public static var runsInOrder: Bool { true }

    /// Encodes and writes one item and passes it on; the runtime calls ``encode(_:context:)`` and
    /// ``write(_:context:)`` itself, a batch at a time.
    public func process(_ item: consuming Input, context: StageContext) async throws -> Input? {
        let items = [item]
        if let failure = try write(encode(items, context: context), context: context)[0] { throw failure }
        return items[0]
    }
}
