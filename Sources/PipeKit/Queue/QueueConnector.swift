/// Opens an input that is a database table shared by workers as a work queue: how `pipe` reads
/// `input: {format: postgres}`.
///
/// The engine knows no database: the executable registers a connector for each format it can
/// claim from (``StageRegistry/connect(_:)``), and the loader refuses a pipeline whose input
/// format has none.
public protocol QueueConnector: Sendable {
    /// The input format the connector claims from.
    var format: InputFormat { get }

    /// The name this process claims under, which the queue records and every message names.
    var worker: String { get }

    /// Opens the queue for one run: connects, creates the bookkeeping tables when they are
    /// missing, and returns the source the run claims from.
    ///
    /// - Throws: ``PipeError`` with code `io` when the database cannot be reached or the table is not there.
    func open(_ queue: QueueInput, configuration: RunConfiguration) async throws -> any ClaimedSource
}
