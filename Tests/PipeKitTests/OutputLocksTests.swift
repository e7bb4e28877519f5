import Foundation
@testable import PipeKit
import Testing

@Suite("OutputLocks")
struct OutputLocksTests {
    @Test func oneRunAtATimeWritesAnOutputAndTheLockGoesWithIt() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/out/a.jsonl"
        var first: OutputLocks? = try OutputLocks(outputs: [output, folder + "/b.csv"], pipeline: "one")
        #expect(try String(contentsOfFile: OutputLocks.lockPath(of: output), encoding: .utf8) == "pid \(getpid()), pipeline `one`\n")
        #expect {
            _ = try OutputLocks(outputs: [folder + "/c.csv", output], pipeline: "two")
        } throws: { error in
            (error as? PipeError)?.message == "another run is writing `\(output)` (pid \(getpid()), pipeline `one`)"
        }
        // The failed attempt let go of the lock it had taken on `c.csv` and removed its file.
        #expect(!FileManager.default.fileExists(atPath: OutputLocks.lockPath(of: folder + "/c.csv")))
        _ = first
        first = nil
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out").isEmpty)
        _ = try OutputLocks(outputs: [output], pipeline: "two")
    }

    @Test func aLinkPlantedAsTheLockFileIsNotFollowed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "precious\n".write(toFile: folder + "/victim", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: OutputLocks.lockPath(of: folder + "/a.jsonl"), withDestinationPath: folder + "/victim")
        #expect(throws: PipeError.self) { _ = try OutputLocks(outputs: [folder + "/a.jsonl"], pipeline: "p") }
        #expect(try String(contentsOfFile: folder + "/victim", encoding: .utf8) == "precious\n")
    }
}
