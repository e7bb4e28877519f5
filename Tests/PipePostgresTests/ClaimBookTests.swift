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
        let parts = book.parts(of: 2..<6)
        #expect(parts.map(\.claim.token) == ["t1", "t2"])
        #expect(parts.map(\.ids) == [["3", "4"], ["5", "6"]])
        book.committed(0..<2)
        #expect(book.openClaims.map(\.token) == ["t1", "t2"], "t1 is not wholly committed yet")
        book.committed(2..<6)
        #expect(book.openClaims.map(\.token) == ["t2"])
        book.lost(6..<8)
        #expect(book.openClaims.isEmpty)
        #expect((book.report.committed, book.report.lost) == (6, 2))
    }
}
