import PipeKit
@testable import PipePostgres
import Testing

@Suite("ClaimBook")
struct ClaimBookTests {
    static func claim(_ token: String, _ ids: ClosedRange<Int>) -> PostgresQueue.Claim {
        PostgresQueue.Claim(token: token, rows: ids.map { "{\"id\":\($0)}" }, ids: ids.map(String.init))
    }

    @Test func numbersClaimsOneAfterAnotherAndKnowsWhereEachEnds() {
        var book = ClaimBook(worker: "w")
        book.add(Self.claim("t1", 1...3))
        book.add(Self.claim("t2", 10...11))
        #expect((0..<5).filter(book.endsClaim(at:)) == [2, 4])
        #expect(book.report.claims == 2)
    }

    @Test func aCommitTakesTheIdsOfEachClaimItCoversAndForgetsTheClaimsItEnds() {
        var book = ClaimBook(worker: "w")
        book.add(Self.claim("t1", 1...4))
        book.add(Self.claim("t2", 5...8))
        book.add(Self.claim("t3", 9...9))
        #expect(book.committing(0..<2).map(\.ids) == [["1", "2"]])
        book.committed(0..<2)
        #expect(book.claimsToRenew.map(\.token) == ["t1", "t2", "t3"], "t1's other records are still in flight")
        let parts = book.committing(2..<6)
        #expect(parts.map(\.claim.token) == ["t1", "t2"])
        #expect(parts.map(\.ids) == [["3", "4"], ["5", "6"]])
        book.committed(2..<6, copies: 1)
        #expect(book.claimsToRenew.map(\.token) == ["t2", "t3"], "t1 is gone, t2's last records are still in flight")
        _ = book.committing(6..<8)
        #expect(book.claimsToRenew.map(\.token) == ["t3"], "t2's last commit is under way")
        book.committed(6..<8)
        _ = book.committing(8..<9)
        book.lost(8..<9)
        #expect(book.claimsToRenew.isEmpty)
        #expect((book.report.committed, book.report.lost, book.report.copies) == (8, 1, 1))
    }
}
