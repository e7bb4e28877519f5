import Foundation
import Testing

/// `pipe run --resume` after a `kill -9`, as a user would meet it.
@Suite("pipe run --resume")
struct ResumeCommandTests {
    static let pipeline = """
        pipeline: killed
        input: {path: "-", format: jsonl}
        checkpoint: {records: 128}
        stages:
          - type: parse
            concurrency: auto
            on_error: dead-letter
          - type: dedupe
          - type: normalize
            concurrency: auto
          - type: extract
            concurrency: auto
          - type: export
            id: jsonl
            options: {format: jsonl, path: out/a.jsonl}
          - type: export
            id: csv
            options: {format: csv, path: out/a.csv}
          - type: export
            id: sqlite
            options: {format: sqlite, path: out/a.sqlite}
        """
    static let outputs = ["a.jsonl", "a.csv", "a.sqlite", "a.dead-letter.jsonl"]

    /// A folder with the pipeline file.
    func makeFolder(_ root: String, _ name: String) throws -> String {
        let folder = root + "/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.pipeline.write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
        return folder
    }

    /// The count of records in the checkpoint, 0 while there is none.
    func checkpointed(_ folder: String) -> Int {
        guard let data = FileManager.default.contents(atPath: folder + "/.pipe/killed/checkpoint.json"),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return 0 }
        return object["records"] as? Int ?? 0
    }

    @Test func aKilledRunResumesToTheSameFiles() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let lines = (0..<4000).map { index -> String in
            if index % 211 == 100 { return #"{"id": "broken-\#(index)""# }
            return #"{"id": "a\#(index)", "title": "T\#(index)", "body": "Geir Pedersen spoke in Geneva, item \#(index % 3000)."}"#
        }.map { $0 + "\n" }
        let input = lines.joined()

        let whole = try makeFolder(root, "whole")
        let reference = try await PipeProcess.run(["run", "p.yaml"], in: whole, input: input)
        #expect(reference.status == 0, "\(reference.error)")
        #expect(!FileManager.default.fileExists(atPath: whole + "/.pipe"), "a completed run leaves no checkpoint folder")

        // The killed run gets only the first half of the input, so it is still running, waiting
        // for more, when it is killed after a checkpoint.
        let killed = try makeFolder(root, "killed")
        let process = try PipeProcess(["run", "p.yaml"], in: killed)
        await process.write(lines.prefix(2000).joined())
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, checkpointed(killed) < 1024, process.process.isRunning {
            try await Task.sleep(for: .milliseconds(10))
        }
        let at = checkpointed(killed)
        kill(process.process.processIdentifier, SIGKILL)
        let first = await process.wait()
        try #require(first.status == SIGKILL && at >= 1024, "no checkpoint before the kill: \(first.error)")

        let resumed = try await PipeProcess.run(["run", "--resume", "p.yaml"], in: killed, input: input)
        #expect(resumed.status == 0, "\(resumed.error)")
        #expect(resumed.error.contains("resumed: the first \(at) records"))
        #expect(resumed.error.contains("read 4000 = written"))
        for name in Self.outputs {
            let expected = FileManager.default.contents(atPath: whole + "/out/" + name)
            let actual = FileManager.default.contents(atPath: killed + "/out/" + name)
            #expect(expected != nil && actual == expected, "\(name) differs from the whole run's")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: killed + "/out").sorted() == Self.outputs.sorted(),
                "no partial file is left")
    }

    @Test func resumeNeedsCheckpoints() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "input: {path: '-', format: jsonl}\ncheckpoint: false\nstages:\n  - type: parse\n"
            .write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
        let result = try await PipeProcess.run(["run", "--resume", "p.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(result.error.contains("error: `--resume` needs checkpoints, and `p.yaml` turns them off"))
    }

    @Test func withoutAWritableDefaultFolderTheRunGoesOnWithoutCheckpoints() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "in the way".write(toFile: folder + "/.pipe", atomically: false, encoding: .utf8)
        try "pipeline: blocked\ninput: {path: '-', format: jsonl}\nstages:\n  - type: parse\n  - type: export\n    options: {path: out/o.jsonl}\n"
            .write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
        let result = try await PipeProcess.run(["run", "p.yaml"], in: folder, input: #"{"id":"a","body":"b"}"# + "\n")
        #expect(result.status == 0, "\(result.error)")
        #expect(result.error.contains("warning: cannot keep checkpoints in .pipe/blocked (`.pipe` is a file"))
        #expect(try String(contentsOfFile: folder + "/out/o.jsonl", encoding: .utf8).contains(#""id":"a""#))
    }

    @Test func twoRunsOfOnePipelineDoNotShareItsFiles() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "pipeline: shared\ninput: {path: '-', format: jsonl}\nstages:\n  - type: parse\n  - type: export\n    options: {path: out/o.jsonl}\n"
            .write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
        let first = try PipeProcess(["run", "p.yaml"], in: folder)
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, !FileManager.default.fileExists(atPath: folder + "/.pipe/shared/run.json") {
            try await Task.sleep(for: .milliseconds(20))
        }
        let second = try await PipeProcess.run(["run", "p.yaml"], in: folder, input: "")
        #expect(second.status == 1)
        #expect(second.error.contains("another run is writing `out/o.jsonl` (pid \(first.process.processIdentifier), pipeline `shared`)"))
        // A different pipeline writing the same file stops the same way, before reading anything.
        try "pipeline: other\ninput: {path: '-', format: jsonl}\nstages:\n  - type: parse\n  - type: export\n    options: {path: out/o.jsonl}\n"
            .write(toFile: folder + "/other.yaml", atomically: false, encoding: .utf8)
        let other = try await PipeProcess.run(["run", "other.yaml"], in: folder, input: #"{"id":"z","body":"b"}"# + "\n")
        #expect(other.status == 1)
        #expect(other.error.contains("another run is writing `out/o.jsonl` (pid \(first.process.processIdentifier), pipeline `shared`)"))
        await first.write(#"{"id":"a","body":"b"}"# + "\n")
        #expect(await first.wait().status == 0)
        let written = try String(contentsOfFile: folder + "/out/o.jsonl", encoding: .utf8)
        #expect(written.hasPrefix(#"{"id":"a","#) && written.split(separator: "\n").count == 1, "\(written)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out") == ["o.jsonl"], "the lock file goes with the run")
    }
}
