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

/// A folder of its own for each test run, removed after it.
enum TemporaryFolder {
    static func with<Result>(_ body: (String) async throws -> Result) async throws -> Result {
        let folder = NSTemporaryDirectory() + "pipe-testing-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try await body(folder)
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
