import ArgumentParser
import Foundation
import PipeKit

/// The shard a command runs: `--shard I/N`, `--shard none`, or what a batch system's environment says.
enum ShardChoice {
    /// The shard `option` names, else the environment's; nil for the whole input.
    ///
    /// - Throws: `ExitCode(2)` after reporting an option or environment that names no shard.
    static func resolve(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Shard? {
        do {
            if let option {
                return option == "none" ? nil : try Shard(parsing: option)
            }
            return try Shard.fromEnvironment(environment)
        } catch let error as PipeError {
            Terminal.report(error)
            throw ExitCode(2)
        }
    }
}
