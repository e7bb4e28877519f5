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

    /// The seed article of `../shared/corpus/seed`, parsed; nil (and a message) when the corpus is absent.
    static func seedArticle() throws -> Article? {
        guard let corpus else {
            print("skipped: ../shared/corpus/seed is absent")
            return nil
        }
        let folder = corpus + "/seed"
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
