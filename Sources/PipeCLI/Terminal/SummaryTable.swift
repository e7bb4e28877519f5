import Foundation
import PipeKit

/// The end-of-run report: one row per stage, then the totals and the throughput.
struct SummaryTable {
    let summary: RunSummary
    /// Whether to print the run's time and throughput (a merge's sums have none of their own).
    var showsThroughput = true

    var lines: [String] {
        let header = ["stage", "in", "out", "filtered", "skipped", "dead-letter", "time"]
        let rows = summary.stages.map { tally in
            [tally.stageID, "\(tally.received)", "\(tally.emitted)", "\(tally.filtered)", "\(tally.skipped)",
             "\(tally.deadLettered)", Self.format(seconds: tally.duration.seconds)]
        }
        let table = [header] + rows
        let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        var lines = table.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        let seconds = summary.elapsed.seconds
        if summary.resumedRecords > 0 {
            lines.append("resumed: the first \(summary.resumedRecords) records were done by the interrupted run; the counts cover both")
        }
        if let shard = summary.shard {
            lines.append("shard \(shard) (\(shard.label)): its share of the input; `pipe merge` combines the shards' outputs")
        }
        if let claims = summary.claims {
            var line = "worker \(claims.worker): \(claims.claims) claims, \(claims.committed) articles committed"
            if claims.lost > 0 { line += ", \(claims.lost) dropped because their lease ended first (other workers do them)" }
            if claims.copies > 0 { line += ", \(claims.copies) left out as copies another worker committed first" }
            lines.append(line)
        }
        let accounts = "written \(summary.written) + filtered \(summary.filtered) + skipped \(summary.skipped)"
            + " + dead-lettered \(summary.deadLettered)"
        lines.append(summary.isBalanced
            ? "read \(summary.read) = \(accounts): every article accounted for"
            : "read \(summary.read) ≠ \(accounts): \(summary.unaccounted) not accounted for (in flight when the run stopped)")
        if showsThroughput {
            lines.append(
                "\(Self.format(seconds: seconds)) · \(Self.decimal(summary.itemsPerSecond, 0)) articles/s · \(Self.decimal(summary.megabytesPerSecond, 1)) MB/s"
            )
        }
        for segment in summary.segments where summary.segments.count > 1 {
            lines.append(
                "segment \(segment.stageIDs.joined(separator: "+")) ×\(segment.workers): busy \(Self.format(seconds: segment.busy.seconds))"
                    + " · waited for input \(Self.format(seconds: segment.inputWait.seconds))"
                    + " · waited to send \(Self.format(seconds: segment.outputWait.seconds))"
            )
        }
        if let file = summary.deadLetterFile, summary.deadLettered > 0 {
            lines.append("dead letters: \(file)")
        }
        if case .interrupted(let signal) = summary.outcome {
            lines.append("interrupted by signal \(signal): stopped reading; every article read was processed and written")
            if let folder = summary.checkpointFolder {
                lines.append("checkpoint in \(folder): `pipe run --resume` continues where this run stopped")
            }
        }
        return lines
    }

    static func format(seconds: Double) -> String {
        seconds < 1 ? "\(decimal(seconds * 1000, 1)) ms" : "\(decimal(seconds, 2)) s"
    }

    static func decimal(_ value: Double, _ places: Int) -> String {
        String(format: "%.\(places)f", value)
    }
}
