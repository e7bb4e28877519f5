/// What a stage does with an article it fails on (`on_error:`).
public enum ErrorPolicy: String, Sendable, Hashable, CaseIterable {
    /// Stop the run; `pipe run` exits 1. The default.
    case fail
    /// Drop the article and count it.
    case skip
    /// Write `{id, source, stage, error, raw, format}` to the run's dead-letter file and count it.
    case deadLetter = "dead-letter"
}

/// How many workers a stage runs (`concurrency:`).
public enum Concurrency: Sendable, Hashable, CustomStringConvertible {
    /// A fixed number of workers, at least 1.
    case workers(Int)
    /// One worker per processor core.
    case auto

    /// The number of workers on this machine.
    public var workerCount: Int {
        switch self {
        case .workers(let count): max(1, count)
        case .auto: max(1, ProcessorCount.current)
        }
    }

    /// `auto` or the number.
    public var description: String {
        switch self {
        case .workers(let count): String(count)
        case .auto: "auto"
        }
    }
}

extension ErrorPolicy: OptionValue {}

extension Concurrency: OptionValue {
    /// `whole number ≥ 1 or auto`.
    public static var typeName: String { "whole number ≥ 1 or auto" }

    /// Reads `auto` or a whole number of workers, 1 or more.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        if text == "auto" {
            self = .auto
        } else if let count = Int(text), count >= 1 {
            self = .workers(count)
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a worker count"))
        }
    }
}
