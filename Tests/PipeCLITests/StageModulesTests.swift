import Foundation
import Testing

/// The stage modules in `Plugins/`, compiled into `pipe` by the manifest and the StageModules build tool.
@Suite("stage modules in Plugins/")
struct StageModulesTests {
    @Test func theirStagesAreListedAndDescribed() async throws {
        let list = try await PipeProcess.run(["stages"])
        #expect(list.output.contains("\nreading-time "))
        #expect(list.output.contains("\nsentiment "))
        let sentiment = try await PipeProcess.run(["stages", "sentiment"])
        #expect(sentiment.status == 0)
        #expect(sentiment.output.contains("  neutral (number, default 0.05)"))
    }

    @Test func customPipelineRunsWithBothModulesAndAnExecStage() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try await PipeProcess.run(["run", "Pipelines/custom.yaml"], environment: ["PIPE_OUT": folder])
        #expect(result.status == 0, "\(result.error)")
        let lines = try String(contentsOfFile: folder + "/custom.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 6)
        var labels: [String: String] = [:]
        for line in lines {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = try #require(record["id"] as? String)
            #expect(record["reading_minutes"] as? Int == 1)
            #expect(record["title_upper"] as? String == (record["title"] as? String)?.uppercased())
            #expect((record["body_words"] as? Int ?? 0) > 50)
            // The French sample keeps no sentiment: the lexicon is English.
            guard record["language"] as? String == "en" else {
                #expect(record["sentiment"] == nil)
                continue
            }
            let sentiment = try #require(record["sentiment"] as? [String: Any])
            let score = try #require(sentiment["score"] as? Double)
            #expect((-1...1).contains(score))
            labels[id] = sentiment["label"] as? String
        }
        #expect(labels.count == 5)
        #expect(labels.values.contains("negative"))
        #expect(labels.values.contains("positive"))
    }
}
