import Synchronization

/// Hands a batch to the task that processes it: the task takes it out, so that it holds the only
/// reference to the batch's items.
final class Handoff: Sendable {
    private let batch: Mutex<(any AnyBatch)?>

    init(_ batch: consuming any AnyBatch) {
        self.batch = Mutex(batch)
    }

    /// The batch, the first time; nil after.
    func take() -> (any AnyBatch)? {
        batch.withLock { $0.take() }
    }
}
