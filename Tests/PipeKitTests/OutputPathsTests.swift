import Foundation
@testable import PipeKit
import Testing

@Suite("OutputPaths")
struct OutputPathsTests {
    let loader = PipelineLoader(registry: TestRegistry.registry, environment: ["NAME": "..", "SECRET": "s3cr3t-name"])

    /// The messages and positions of a pipeline file's problems; `F/` in it stands for `folder`.
    func problems(_ yaml: String, in folder: String) throws -> [(message: String, line: Int, column: Int)] {
        let yaml = yaml.replacingOccurrences(of: "F/", with: folder + "/")
        do {
            _ = try loader.load(yaml: yaml, file: "p.yaml")
        } catch let error as PipelineFileError {
            return error.diagnostics.map { ($0.message, $0.location?.line ?? 0, $0.location?.column ?? 0) }
        }
        return []
    }

    @Test func twoOutputsOnOnePathOrOneInsideTheCheckpointFolderAreReportedAtTheLaterOne() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let found = try problems("""
            pipeline: p
            input: {path: F/in.jsonl, format: jsonl}
            dead_letter: F/out/./a.jsonl
            checkpoint: {folder: F/out/state}
            stages:
              - type: parse
              - type: sink
                options: {path: F/out/a.jsonl}
              - type: sink
                id: second
                options: {path: F/out/state/b.jsonl}
              - type: sink
                id: third
                options: {path: F/in.jsonl}
            """, in: folder)
        #expect(found.map(\.message) == [
            "the dead-letter file and stage `sink` both write `\(folder)/out/./a.jsonl`",
            "the checkpoint folder `\(folder)/out/state` holds stage `second`'s `\(folder)/out/state/b.jsonl`, and holds only Pipe's own files",
            "stage `third` would write `\(folder)/in.jsonl` over the input `\(folder)/in.jsonl`",
        ])
        #expect(found.map(\.line) == [3, 4, 14])
        #expect(found.map(\.column) == [14, 22, 21])
    }

    @Test func anOutputInsideTheInputFolderIsReported() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/articles", withIntermediateDirectories: true)
        let found = try problems("""
            pipeline: p
            input: {path: F/articles, format: jsonl}
            stages:
              - type: parse
              - type: sink
                options: {path: F/articles/../articles/out.jsonl}
            """, in: folder)
        #expect(found.map(\.message) == ["stage `sink` would write `\(folder)/articles/../articles/out.jsonl` inside the input `\(folder)/articles`"])
        #expect(found.map(\.line) == [6])
    }

    @Test(arguments: [
        ("pipeline: ..", "the pipeline name `..` (used for `.pipe/NAME`) starts with a dot", 1, 11),
        ("pipeline: ${NAME}", "the pipeline name `${NAME}` (used for `.pipe/NAME`) starts with a dot", 1, 11),
        ("pipeline: a/b", "the pipeline name `a/b` (used for `.pipe/NAME`) holds a `/`", 1, 11),
        ("pipeline: \"a\\u001Bb\"", "the pipeline name `a\u{1B}b` (used for `.pipe/NAME`) holds a control character", 1, 11),
    ])
    func aPipelineNameThatCannotNameAFolderIsRefused(line: String, message: String, row: Int, column: Int) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let found = try problems(line + "\ninput: {path: in, format: jsonl}\nstages:\n  - type: parse\n", in: folder)
        #expect(found.map(\.message) == [message])
        #expect(found.map(\.line) == [row])
        #expect(found.map(\.column) == [column])
    }

    @Test func aStageIDThatCannotNameAFileIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let found = try problems("pipeline: p\ninput: {path: in, format: jsonl}\nstages:\n  - type: parse\n    id: ../../x\n", in: folder)
        #expect(found.map(\.message) == ["the stage id `../../x` holds a `/`"])
        #expect(found.map(\.line) == [5])
    }

    @Test func aCheckpointFolderHoldingOtherFilesIsReportedAtItsOption() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/data/reports", withIntermediateDirectories: true)
        try "old\n".write(toFile: folder + "/data/old.jsonl", atomically: false, encoding: .utf8)
        let found = try problems("""
            pipeline: p
            input: {path: in, format: jsonl}
            checkpoint: {folder: F/data}
            stages:
              - type: parse
            """, in: folder)
        #expect(found.map(\.message) == [
            "cannot keep checkpoints in `\(folder)/data`: it holds files Pipe did not write (`old.jsonl`, `reports`), which Pipe would never remove",
        ])
        #expect(found.map(\.line) == [3])
        #expect(found.map(\.column) == [22])
    }

    @Test func namesAndPathsPastTheSystemsLimitsOnceStagedAreReported() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let long = String(repeating: "n", count: 250)
        let deep = (0..<20).map { _ in String(repeating: "d", count: 200) }.joined(separator: "/")
        let found = try problems("""
            pipeline: p
            input: {path: in, format: jsonl}
            stages:
              - type: parse
              - type: sink
                options: {path: F/\(long)}
              - type: sink
                id: deep
                options: {path: F/\(deep)/x.jsonl}
            """, in: folder)
        #expect(found.count == 2)
        #expect(found.first?.message.hasPrefix("the name `\(long)` has 250 bytes, and Pipe's temporary name for it would pass the system's limit of 255") == true)
        #expect(found.last?.message.contains("past the system's limit of 4096") == true)
        #expect(found.map(\.line) == [6, 9])
    }

    @Test func aDanglingLinkOnTheWayToAnOutputIsReported() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder + "/out", withDestinationPath: folder + "/gone")
        #expect(OutputPathCheck.problem(writing: folder + "/out/a.jsonl") == "`\(folder)/out` is a symbolic link to something that does not exist")
    }

    @Test func canonicalPathsResolveDotsAndLinkedFolders() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/real", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: folder + "/real")
        let real = OutputPaths.canonical(folder + "/real/new/a.jsonl")
        #expect(OutputPaths.canonical(folder + "/link/./x/../new/a.jsonl") == real)
        #expect(real.hasSuffix("/real/new/a.jsonl"))
    }
}
