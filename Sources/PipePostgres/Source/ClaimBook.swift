import PipeKit

/// The claims a worker holds, by the ordinals of their records: a pure state kept under the
/// ``PostgresSource``'s lock.
struct ClaimBook: Sendable {
    /// A claim not yet wholly committed, the ordinal of its first record, and whether a commit
    /// of its records is under way.
    struct Open: Sendable {
        var claim: PostgresQueue.Claim
        var first: Int
        var isCommitting = false
        var records: Range<Int> { first..<first + claim.ids.count }
    }

    /// The part of a claim a commit covers.
    struct Part: Sendable {
        var claim: PostgresQueue.Claim
        var ids: [String]
    }

    private(set) var open: [Open] = []
    private var next = 0
    private(set) var report: ClaimReport

    init(worker: String) {
        report = ClaimReport(worker: worker)
    }

    /// Records a new claim, its records numbered after the last claim's.
    mutating func add(_ claim: PostgresQueue.Claim) {
        open.append(Open(claim: claim, first: next))
        next += claim.ids.count
        report.claims += 1
    }

    /// Whether `ordinal` is the last record of a claim.
    func endsClaim(at ordinal: Int) -> Bool {
        open.contains { $0.records.upperBound - 1 == ordinal }
    }

    /// The claims to renew: those held and not being committed (a commit checks the lease itself,
    /// and a renewal that came after it would find the claim gone).
    var claimsToRenew: [PostgresQueue.Claim] { open.filter { !$0.isCommitting }.map(\.claim) }

    /// The ids each claim holds among `records`, which a commit is about to take: a claim whose
    /// last records they are is no longer renewed.
    mutating func committing(_ records: Range<Int>) -> [Part] {
        open.indices.compactMap { index in
            let entry = open[index]
            let overlap = entry.records.clamped(to: records)
            guard !overlap.isEmpty else { return nil }
            // Its records before this commit's stay leased, and renewed, until a later one.
            open[index].isCommitting = overlap.upperBound == entry.records.upperBound
            let ids = entry.claim.ids[(overlap.lowerBound - entry.first)..<(overlap.upperBound - entry.first)]
            return Part(claim: entry.claim, ids: Array(ids))
        }
    }

    /// `records` were committed done; `copies` of them were left out of the results, as copies
    /// of articles another worker committed first.
    mutating func committed(_ records: Range<Int>, copies: Int = 0) {
        report.committed += records.count
        report.copies += copies
        forget(through: records.upperBound)
    }

    /// `records` were dropped: their claim had lost its lease.
    mutating func lost(_ records: Range<Int>) {
        report.lost += records.count
        forget(through: records.upperBound)
    }

    /// Drops the claims whose every record is below `end`: batches commit in order.
    private mutating func forget(through end: Int) {
        open.removeAll { $0.records.upperBound <= end }
    }
}
