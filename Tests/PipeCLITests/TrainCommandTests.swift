import Foundation
import Testing

@Suite("pipe train ner")
struct TrainCommandTests {
    @Test func trainsOnCoNLLFilesAndWritesAModelThatExtractUses() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var lines: [String] = []
        for (person, place) in [("Smith", "Paris"), ("Jones", "Rome"), ("Brown", "Oslo"), ("Evans", "Lima")] {
            lines += ["Mr NNP I-NP O", "\(person) NNP I-NP I-PER", "lives VBZ I-VP O", "in IN I-PP O", "\(place) NNP I-NP I-LOC", ". . O O", ""]
        }
        try lines.joined(separator: "\n").write(toFile: folder + "/train.conll", atomically: true, encoding: .utf8)
        let result = try await PipeProcess.run(["train", "ner", "--train", "train.conll", "--dev", "train.conll", "--out", "m.pipemodel",
                                                "--epochs", "3", "--seed", "5"], in: folder)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.error.contains("epoch 3: training mistakes"))
        #expect(result.error.contains("dev P="))
        #expect(FileManager.default.fileExists(atPath: folder + "/m.pipemodel"))
        try "2026-01-05\n\nA note\n\nMr Jones lives in Rome .\n".write(toFile: folder + "/a.txt", atomically: true, encoding: .utf8)
        try """
            input: {path: a.txt, format: text}
            checkpoint: false
            stages:
              - type: parse
              - type: extract
                options: {entities: {model: m.pipemodel}, dates: false, quotes: false, keywords: 0}
              - type: export
                options: {path: out.jsonl}
            """.write(toFile: folder + "/p.yaml", atomically: true, encoding: .utf8)
        let run = try await PipeProcess.run(["run", "p.yaml"], in: folder)
        #expect(run.status == 0, "\(run.error)")
        let out = try String(contentsOfFile: folder + "/out.jsonl", encoding: .utf8)
        #expect(out.contains(#"{"text":"Jones","type":"person""#))
    }

    @Test func aFileThatIsNotCoNLLIsAnError() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "just some text\n".write(toFile: folder + "/bad.conll", atomically: true, encoding: .utf8)
        let result = try await PipeProcess.run(["train", "ner", "--train", "bad.conll", "--out", "m.pipemodel"], in: folder)
        #expect(result.status == 2)
        #expect(result.error.contains("line 1: expected `word POS chunk TAG`"))
    }
}
