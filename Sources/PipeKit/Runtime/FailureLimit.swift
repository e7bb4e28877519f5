/// How many of a run's read articles may fail (be skipped or dead-lettered) before the run
/// counts as failed for a scheduler (`max_failures`, `pipe run --max-failures`): a count (`100`)
/// or a share of the articles read (`5%`). Above it the run still finishes and writes its
/// outputs, then exits 3.
public enum FailureLimit: Sendable, Hashable, CustomStringConvertible {
    /// At most this many.
    case count(Int)
    /// At most this percentage of the articles read.
    case percent(Double)

    /// Reads `100` or `5%` (`0.5%` too); nil for anything else, or a share above 100%.
    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces
        if trimmed.hasSuffix("%") {
            guard let share = Double(trimmed.dropLast().trimmingSpaces), share.isFinite, (0...100).contains(share) else { return nil }
            self = .percent(share)
        } else {
            guard let count = Int(trimmed), count >= 0 else { return nil }
            self = .count(count)
        }
    }

    /// `100` or `5%`.
    public var description: String {
        switch self {
        case .count(let count): "\(count)"
        case .percent(let share): share == share.rounded() ? "\(Int(share))%" : "\(share)%"
        }
    }

    /// Whether `failures` of `read` articles are within the limit.
    public func allows(failures: Int, of read: Int) -> Bool {
        switch self {
        case .count(let count): failures <= count
        case .percent(let share): Double(failures) * 100 <= share * Double(read)
        }
    }
}

extension RunSummary {
    /// Why a run that finished failed for a scheduler (exit code 3), or nil when it did not:
    /// articles were read and none was written because they failed, or more failed than `limit` allows.
    public func failureVerdict(limit: FailureLimit?) -> String? {
        let failures = skipped + deadLettered
        guard outcome == .completed, read > 0, failures > 0 else { return nil }
        if written == 0 {
            return "none of the \(read) articles read was written: \(failures) failed (skipped or dead-lettered)"
        }
        if let limit, !limit.allows(failures: failures, of: read) {
            return "\(failures) of the \(read) articles read failed (skipped or dead-lettered), more than `max_failures: \(limit)` allows"
        }
        return nil
    }
}
