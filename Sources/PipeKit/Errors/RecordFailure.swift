/// An error on a raw record whose own id is known: the id its JSON object or CSV row gives,
/// which the dead-letter file and the failure message use instead of the record's `FILE:LINE`.
///
/// `parse` throws it once it has read the id; the runtime unwraps it.
public struct RecordFailure: Error, Sendable {
    /// The record's own id.
    public var id: String
    /// What went wrong.
    public var error: any Error

    /// Wraps `error`, naming the record `id`.
    public init(id: String, error: any Error) {
        self.id = id
        self.error = error
    }
}
