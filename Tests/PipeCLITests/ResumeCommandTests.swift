import Foundation
import Testing

/// `pipe run --resume` after a `kill -9`, as a user would meet it.
@Suite("pipe run --resume")
struct ResumeCommandTests {
    static let pipeline = """
        pipeline: killed
        input: {path: "${IN}", format: jsonl}
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

    /// A folder with the pipeline file, reading the shared input.
    func makeFolder(_ root: String, _ name: String) throws -> String {
        let folder = root + "/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.pipeline.write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
        return folder
    }

    @Test func aKilledRunResumesToTheSameFiles() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let input = root + "/in.jsonl"
        let lines = (0..<4000).map { index -> String in
            if index % 211 == 100 { return #"{"id": "broken-\#(index)""# }
            return #"{"id": "a\#(index)", "title": "T\#(index)", "body": "Geir Pedersen spoke in Geneva, item \#(index % 3000)."}"#
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: input, atomically: false, encoding: .utf8)
        let environment = ["IN": input]

        let whole = try makeFolder(root, "whole")
        let reference = try PipeProcess.run(["run", "p.yaml"], in: whole, environment: environment)
        #expect(reference.status == 0, "\(reference.error)")
        #expect(!FileManager.default.fileExists(atPath: whole + "/.pipe"), "a completed run leaves no checkpoint folder")

        let killed = try makeFolder(root, "killed")
        let process = try PipeProcess(["run", "p.yaml"], in: killed, environment: environment)
        let checkpoint = killed + "/.pipe/killed/checkpoint.json"
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !FileManager.default.fileExists(atPath: checkpoint), process.process.isRunning {
            Thread.sleep(forTimeInterval: 0.005)
        }
        kill(process.process.processIdentifier, SIGKILL)
        let first = process.wait()
        try #require(first.status == SIGKILL, "the run ended before a checkpoint: \(first.error)")

        let resumed = try PipeProcess.run(["run", "--resume", "p.yaml"], in: killed, environment: environment)
        #expect(resumed.status == 0, "\(resumed.error)")
        #expect(resumed.error.contains("resumed: the first "))
        #expect(resumed.error.contains("read 4000 = written"))
        for name in Self.outputs {
            let expected = FileManager.default.contents(atPath: whole + "/out/" + name)
            let actual = FileManager.default.contents(atPath: killed + "/out/" + name)
            #expect(expected != nil && actual == expected, "\(name) differs from the whole run's")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: killed + "/out").sorted() == Self.outputs.sorted(),
                "no partial file is left")
    }

    @Test func resumeNeedsCheckpoints() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "input: {path: '-', format: jsonl}\ncheckpoint: false\nstages:\n  - type: parse\n"
            .write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
        let result = try PipeProcess.run(["run", "--resume", "p.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(result.error.contains("error: `--resume` needs checkpoints, and `p.yaml` turns them off"))
    }

    @Test func twoRunsOfOnePipelineDoNotShareItsFiles() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "pipeline: shared\ninput: {path: '-', format: jsonl}\nstages:\n  - type: parse\n  - type: export\n    options: {path: out/o.jsonl}\n"
            .write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
        let first = try PipeProcess(["run", "p.yaml"], in: folder)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !FileManager.default.fileExists(atPath: folder + "/out/.o.jsonl.partial") {
            Thread.sleep(forTimeInterval: 0.02)
        }
        let second = try PipeProcess.run(["run", "p.yaml"], in: folder, input: "")
        #expect(second.status == 1)
        #expect(second.error.contains("another run of this pipeline is running"))
        first.write(#"{"id":"a","body":"b"}"# + "\n")
        #expect(first.wait().status == 0)
    }
}
