import Foundation
import PipeKit

/// The connector `pipe` claims `input: {format: postgres}` from (``PostgresSource``); the
/// executable registers it with `StageRegistry.connect(_:)`.
public struct PostgresConnector: QueueConnector {
    /// `postgres`.
    public let format = InputFormat.postgres

    /// The connector.
    public init() {}

    /// The worker's name in the queue and in messages: `PIPE_WORKER` when set, else `HOST:PID`.
    public var worker: String {
        let environment = ProcessInfo.processInfo.environment
        if let name = environment["PIPE_WORKER"], !name.isEmpty { return name }
        return "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// Connects to the queue for one run.
    public func open(_ queue: QueueInput, configuration: RunConfiguration) async throws -> any ClaimedSource {
        try await PostgresSource(queue, worker: worker, stop: configuration.stop, logger: configuration.logger)
    }
}
