import Synchronization

/// The acknowledgements of one run, from the sink to the source: owns the lock around
/// ``AcknowledgementStateMachine`` and resumes the continuation it hands back.
final class Acknowledgements: Sendable {
    private typealias Machine = AcknowledgementStateMachine<UnsafeContinuation<Bool, Never>>
    private let state = Mutex(Machine())

    /// Asks for a durable point once the batch `sequence` has left the pipeline.
    func request(after sequence: Int, digest: String) {
        state.withLock { $0.request(after: sequence, digest: digest) }
    }

    /// Waits until the batch `sequence` is acknowledged; `false` when the run is ending instead.
    func wait(for sequence: Int) async -> Bool {
        await withUnsafeContinuation { continuation in
            switch state.withLock({ $0.wait(for: sequence, source: continuation) }) {
            case .resume(let goOn): continuation.resume(returning: goOn)
            case .suspend: break
            }
        }
    }

    /// The digest of the durable point asked for after batch `sequence`, taking the request.
    func delivered(_ sequence: Int) -> String? {
        state.withLock { $0.delivered(sequence) }
    }

    /// Every batch up to `sequence` is durable; resumes a source waiting for one of them.
    func acknowledge(through sequence: Int) {
        state.withLock { $0.acknowledge(through: sequence) }?.resume(returning: true)
    }

    /// Wakes a waiting source when the run ends on an error.
    func terminate() {
        state.withLock { $0.terminate() }?.resume(returning: false)
    }

    /// Whether the source is waiting, for tests that need it to be.
    var isSourceWaiting: Bool { state.withLock { $0.isSourceWaiting } }
}
