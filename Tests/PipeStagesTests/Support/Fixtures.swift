import Foundation
import PipeKit
import PipeStages
import Testing

/// Paths of the package and of the shared corpus beside it.
enum Fixtures {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `../shared/corpus`, when it is there.
    static let corpus: String? = {
        let path = (packageRoot as NSString).deletingLastPathComponent + "/shared/corpus"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    /// Whether the tests that read `../shared/corpus` run: when it is there, and when
    /// `PIPE_REQUIRE_SHARED=1` (as in CI) demands it, so that its absence fails them instead of
    /// showing them as skipped.
    static let runsCorpusTests = corpus != nil || ProcessInfo.processInfo.environment["PIPE_REQUIRE_SHARED"] == "1"

    /// The trait of a test that reads `../shared/corpus`: skipped, and shown as skipped, without it.
    static let needsCorpus = Testing.ConditionTrait.enabled(if: runsCorpusTests, "../shared/corpus is absent")

    /// `../shared/corpus`, or a failure when a test that needs it runs without it.
    static func requiredCorpus() throws -> String {
        try #require(corpus, "../shared/corpus is absent, and PIPE_REQUIRE_SHARED=1 requires it")
    }

    /// The seed article of `../shared/corpus/seed`, parsed.
    static func seedArticle() throws -> Article {
        let folder = try requiredCorpus() + "/seed"
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".txt") })
        let bytes = try #require(FileManager.default.contents(atPath: folder + "/" + name))
        return try ParseStage.parse(RawRecord(id: "seed", source: name, format: .datedText, bytes: [UInt8](bytes)))
    }

    static func record(_ text: String, format: InputFormat = .datedText, id: String = "a") -> RawRecord {
        RawRecord(id: id, source: "\(id).txt", format: format, bytes: Array(text.utf8))
    }

    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "pipe-stage-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static let context = StageContext(stageID: "test", pipeline: "test")
}
