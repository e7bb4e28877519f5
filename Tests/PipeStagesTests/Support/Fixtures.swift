import Foundation
import PipeKit

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
