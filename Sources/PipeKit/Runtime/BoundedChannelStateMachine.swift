/// The pure state of a bounded, single-consumer channel: a buffer of at most `capacity` elements,
/// the senders waiting for room, and the receiver waiting for an element.
///
/// It owns no lock and no task: every call returns what the caller must resume, so it can be
/// tested with plain tokens in place of continuations.
struct BoundedChannelStateMachine<Element, Sender, Receiver> {
    /// What a `send` asks the caller to do.
    enum SendAction {
        /// Resume the sender; `accepted` is `false` when the channel was finished or terminated.
        case resumeSender(Sender, accepted: Bool)
        /// Hand the element to the waiting receiver and resume the sender.
        case deliver(Element, to: Receiver, resume: Sender)
        /// Keep the sender suspended until there is room.
        case suspend
    }

    /// What a `receive` asks the caller to do.
    enum ReceiveAction {
        /// Resume the receiver with an element, or `nil` at the end.
        case resumeReceiver(Receiver, Element?)
        /// Resume the receiver with an element and a sender whose element moved into the buffer.
        case resumeBoth(Receiver, Element, sender: Sender)
        /// Keep the receiver suspended until an element or the end arrives.
        case suspend
    }

    private let capacity: Int
    /// The buffered elements: a ring of `capacity` slots, `bufferedCount` of them from `head` on.
    /// A slot is emptied as its element is received, so the channel keeps nothing it handed out
    /// (a batch of articles lives only as long as a stage needs it).
    private var ring: [Element?]
    private var head = 0
    /// The number of buffered elements.
    private(set) var bufferedCount = 0
    private var waitingSenders: [(sender: Sender, element: Element)] = []
    private var waitingReceiver: Receiver?

    /// How many senders and receivers are suspended, for tests that wait until one is.
    var suspended: Int { waitingSenders.count + (waitingReceiver == nil ? 0 : 1) }
    private var finished = false
    private var terminated = false

    /// Creates the state of a channel holding at most `capacity` elements (at least 1).
    init(capacity: Int) {
        self.capacity = max(1, capacity)
        ring = Array(repeating: nil, count: self.capacity)
    }

    /// Puts an element after the buffered ones; there must be room.
    private mutating func push(_ element: Element) {
        ring[(head + bufferedCount) % capacity] = element
        bufferedCount += 1
    }

    /// Takes the first buffered element out of its slot.
    private mutating func pop() -> Element? {
        guard bufferedCount > 0 else { return nil }
        let element = ring[head].take()
        head = (head + 1) % capacity
        bufferedCount -= 1
        return element
    }

    /// Offers an element.
    mutating func send(_ element: Element, sender: Sender) -> SendAction {
        if finished || terminated { return .resumeSender(sender, accepted: false) }
        if let receiver = waitingReceiver {
            waitingReceiver = nil
            return .deliver(element, to: receiver, resume: sender)
        }
        if bufferedCount < capacity {
            push(element)
            return .resumeSender(sender, accepted: true)
        }
        waitingSenders.append((sender, element))
        return .suspend
    }

    /// Asks for the next element.
    mutating func receive(receiver: Receiver) -> ReceiveAction {
        precondition(waitingReceiver == nil, "a bounded channel has one consumer")
        if let element = pop() {
            if !waitingSenders.isEmpty {
                let waiting = waitingSenders.removeFirst()
                push(waiting.element)
                return .resumeBoth(receiver, element, sender: waiting.sender)
            }
            return .resumeReceiver(receiver, element)
        }
        if terminated || finished { return .resumeReceiver(receiver, nil) }
        waitingReceiver = receiver
        return .suspend
    }

    /// Marks the end of input: elements already sent are still delivered, then `nil`.
    ///
    /// Returns the receiver to resume with `nil` when it is waiting on an empty channel.
    mutating func finish() -> Receiver? {
        finished = true
        if bufferedCount == 0, waitingSenders.isEmpty, let receiver = waitingReceiver {
            waitingReceiver = nil
            return receiver
        }
        return nil
    }

    /// Stops the channel at once: buffered elements are dropped, every waiter is to be resumed.
    mutating func terminate() -> (senders: [Sender], receiver: Receiver?) {
        terminated = true
        ring = Array(repeating: nil, count: capacity)
        (head, bufferedCount) = (0, 0)
        let senders = waitingSenders.map(\.sender)
        waitingSenders.removeAll()
        let receiver = waitingReceiver
        waitingReceiver = nil
        return (senders, receiver)
    }
}
