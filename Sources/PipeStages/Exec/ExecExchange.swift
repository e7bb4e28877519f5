/// The articles of one batch on their way through a child process: which are answered, and which
/// must be sent again after the child failed.
///
/// A pure state machine (no process, no task), driven by ``ExecStage``: ``pending`` are sent, each
/// line the child prints answers the oldest of them, and a failure of the child (it exited, hung
/// past the timeout, or broke the protocol) costs only the oldest unanswered article; the rest
/// are sent again to the next child.
struct ExecExchange<Value> {
    /// One result per article of the batch, nil until known.
    private(set) var results: [Result<Value, ExecFailure>?]
    /// The indices of the articles not answered yet, oldest first.
    private(set) var pending: [Int]

    /// A batch of `count` articles, none sent yet.
    init(count: Int) {
        results = Array(repeating: nil, count: count)
        pending = Array(0..<count)
    }

    /// Whether every article has its result.
    var isComplete: Bool { pending.isEmpty }

    /// The oldest article waiting for an answer.
    var oldest: Int? { pending.first }

    /// Records the child's answer for the oldest pending article.
    mutating func answer(_ result: Result<Value, ExecFailure>) {
        guard let oldest = pending.first else { return }
        results[oldest] = result
        pending.removeFirst()
    }

    /// The child failed: the oldest pending article gets `failure`; the others stay pending, to
    /// be sent again.
    mutating func childFailed(_ failure: ExecFailure) {
        answer(.failure(failure))
    }
}

/// Why an article got no usable answer from an `exec` child.
struct ExecFailure: Error, Equatable, CustomStringConvertible {
    /// The message for the error policy and the dead-letter file.
    let description: String
    /// Whether the child must be restarted (it failed), or only the article is lost (the child said `error`).
    let restartsChild: Bool
}
