import Synchronization

/// A request to stop reading input, shared between a signal handler and a run.
///
/// The run stops reading at the next record, lets the items already read finish, publishes its
/// outputs and reports ``RunOutcome/interrupted(signal:)``.
public final class StopSignal: Sendable {
    private let requested = Mutex<Int32?>(nil)

    /// Creates a signal that has not fired.
    public init() {}

    /// Asks the run to stop; the first request's signal number is kept.
    public func request(signal: Int32) {
        requested.withLock { value in
            if value == nil { value = signal }
        }
    }

    /// The signal that asked the run to stop, if one did.
    public var signal: Int32? { requested.withLock { $0 } }
}

/// A source that watches the stop signal itself, at the points where it would read more input.
///
/// The runtime then does not cut it short between elements: whatever it has already read (a
/// block of standard input, say) is still processed, so nothing read is lost on Ctrl-C.
public protocol StopAwareSource {}
