import Synchronization

/// A channel with a fixed capacity between two tasks: a sender waits while it is full.
///
/// Unlike `AsyncStream`, whose buffering policy either grows without limit or drops, a full
/// channel suspends its sender, so a fast stage can never run ahead of a slow one by more than
/// `capacity` elements. It has one consumer. Cancelling a task waiting on it terminates it.
public struct BoundedChannel<Element: Sendable>: Sendable, AsyncSequence {
    private let storage: Storage

    /// Creates a channel holding at most `capacity` elements (at least 1).
    public init(capacity: Int) {
        storage = Storage(capacity: capacity)
    }

    /// Sends an element, waiting while the channel is full.
    ///
    /// - Returns: `false` when the channel was finished or terminated and the element was dropped.
    @discardableResult
    public func send(_ element: consuming Element) async -> Bool {
        await storage.send(consume element)
    }

    /// Marks the end: the consumer receives what was sent, then `nil`.
    public func finish() { storage.finish() }

    /// Stops the channel at once and wakes every waiting task; buffered elements are dropped.
    public func terminate() { storage.terminate() }

    /// How many elements wait in the channel.
    package var bufferedCount: Int { storage.bufferedCount }

    /// Receives the next element, or `nil` after the end.
    public func next() async -> Element? { await storage.receive() }

    /// How many senders and receivers are suspended, for tests that wait until one is.
    package var suspended: Int { storage.suspended }

    /// Iterates the elements until the end.
    public func makeAsyncIterator() -> Iterator { Iterator(channel: self) }

    /// Iterates a channel's elements.
    public struct Iterator: AsyncIteratorProtocol {
        let channel: BoundedChannel
        /// The next element, or `nil` after the end.
        public mutating func next() async -> Element? { await channel.next() }
    }
}

extension BoundedChannel {
    /// Owns the lock around the state machine and resumes the continuations it hands back.
    final class Storage: Sendable {
        typealias Machine = BoundedChannelStateMachine<
            Element, UnsafeContinuation<Bool, Never>, UnsafeContinuation<Element?, Never>
        >
        private let state: Mutex<Machine>

        init(capacity: Int) {
            state = Mutex(Machine(capacity: capacity))
        }

        /// How many senders and receivers are suspended.
        var suspended: Int { state.withLock { $0.suspended } }

        /// How many elements are buffered.
        var bufferedCount: Int { state.withLock { $0.bufferedCount } }

        func send(_ element: consuming Element) async -> Bool {
            // Handed to the state machine rather than copied, so that a sender waiting for room
            // keeps no reference to it: a batch's items then have one owner, who may take them.
            var pending = Optional(consume element)
            return await withTaskCancellationHandler {
                await withUnsafeContinuation { (continuation: UnsafeContinuation<Bool, Never>) in
                    guard let element = pending.take() else { return continuation.resume(returning: false) }
                    let action = state.withLock { $0.send(element, sender: continuation) }
                    switch consume action {
                    case .resumeSender(let sender, let accepted):
                        sender.resume(returning: accepted)
                    case .deliver(let element, let receiver, let sender):
                        receiver.resume(returning: element)
                        sender.resume(returning: true)
                    case .suspend:
                        break
                    }
                }
            } onCancel: {
                terminate()
            }
        }

        func receive() async -> Element? {
            await withTaskCancellationHandler {
                await withUnsafeContinuation { (continuation: UnsafeContinuation<Element?, Never>) in
                    let action = state.withLock { $0.receive(receiver: continuation) }
                    switch consume action {
                    case .resumeReceiver(let receiver, let element):
                        receiver.resume(returning: element)
                    case .resumeBoth(let receiver, let element, let sender):
                        receiver.resume(returning: element)
                        sender.resume(returning: true)
                    case .suspend:
                        break
                    }
                }
            } onCancel: {
                terminate()
            }
        }

        func finish() {
            state.withLock { $0.finish() }?.resume(returning: nil)
        }

        func terminate() {
            let (senders, receiver) = state.withLock { $0.terminate() }
            for sender in senders { sender.resume(returning: false) }
            receiver?.resume(returning: nil)
        }
    }
}
