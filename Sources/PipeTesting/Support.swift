import Foundation
import PipeKit
import Synchronization

/// The inputs of a test run, handed out in order.
struct InputSequence<Element: Sendable>: AsyncSequence, Sendable {
    let elements: [Element]

    init(_ elements: [Element]) {
        self.elements = elements
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        var rest: ArraySlice<Element>

        mutating func next() async -> Element? {
            rest.popFirst()
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(rest: elements[...])
    }
}

/// The outputs of a test run, collected from the sink's task.
final class Outputs<Item: Sendable>: Sendable {
    private let items = Mutex<[Item]>([])

    func append(_ item: Item) {
        items.withLock { $0.append(item) }
    }

    var all: [Item] { items.withLock { $0 } }
}

extension TestRun {
    /// Runs `body` in a folder of its own, removed after it, with the path its dead letters are to
    /// go to and a collection for its outputs; the outputs, the summary `body` returns, and the
    /// failures read back from the dead-letter file.
    static func collect(
        _ body: (_ deadLetters: String, _ outputs: Outputs<Output>) async throws -> RunSummary
    ) async throws -> TestRun {
        let folder = NSTemporaryDirectory() + "pipe-testing-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let deadLetters = folder + "/dead-letters.jsonl"
        let outputs = Outputs<Output>()
        let summary = try await body(deadLetters, outputs)
        return TestRun(outputs: outputs.all, summary: summary, failures: try DeadLetters.read(deadLetters))
    }
}

/// Reads a dead-letter file back as failures.
enum DeadLetters {
    static func read(_ path: String) throws -> [TestFailure] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return try data.split(separator: UInt8(ascii: "\n")).map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] ?? [:]
            return TestFailure(id: object["id"] as? String ?? "", stage: object["stage"] as? String ?? "",
                         error: object["error"] as? String ?? "")
        }
    }
}
