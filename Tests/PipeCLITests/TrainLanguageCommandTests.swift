import Foundation
import Testing

@Suite("pipe train langid")
struct TrainLanguageCommandTests {
    @Test func trainsProfilesFromJSONLines() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            {"language": "en", "text": "the talks and the envoy said that the war is over"}
            {"language": "nl", "text": "de gesprekken en de gezant zei dat de oorlog voorbij is"}
            """.write(toFile: folder + "/texts.jsonl", atomically: true, encoding: .utf8)
        let result = try await PipeProcess.run(["train", "langid", "--texts", "texts.jsonl", "--out", "p.profiles"], in: folder)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.error.contains("wrote p.profiles: en nl"))
        let profiles = try String(contentsOfFile: folder + "/p.profiles", encoding: .utf8)
        #expect(profiles.hasPrefix("pipe-langid 1\nlanguages en nl\nfloors "))
    }

    @Test func aLineWithoutLanguageOrTextIsAnError() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "{\"language\": \"en\"}\n".write(toFile: folder + "/texts.jsonl", atomically: true, encoding: .utf8)
        let result = try await PipeProcess.run(["train", "langid", "--texts", "texts.jsonl", "--out", "p.profiles"], in: folder)
        #expect(result.status == 2)
        #expect(result.error.contains("texts.jsonl:1: expected {\"language\": …, \"text\": …}"))
    }
}
