import Foundation
import Testing

@Suite("pipe new")
struct NewCommandTests {
    @Test func pluginDependsOnTheCheckoutItWasBuiltFromByPath() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try await PipeProcess.run(["new", "plugin", "word-stats", "--output", folder + "/ws"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("swift run pipe-word-stats run pipeline.yaml"))
        let manifest = try String(contentsOfFile: folder + "/ws/Package.swift", encoding: .utf8)
        let root = URL(fileURLWithPath: PipeProcess.packageRoot).standardizedFileURL.path
        #expect(manifest.contains(".package(path: \"\(root)\")"))
        #expect(manifest.contains(".product(name: \"PipeCLI\", package: \"\(URL(fileURLWithPath: root).lastPathComponent)\")"))
        for file in ["Sources/WordStats/WordStatsStage.swift", "Sources/WordStats/Stages.swift",
                     "Sources/WordStatsPipe/WordStatsPipe.swift", "Tests/WordStatsTests/WordStatsStageTests.swift",
                     "pipeline.yaml", "samples/first-article.txt", "README.md"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/ws/" + file), "\(file)")
        }
    }

    @Test func pluginFromAURLNamesTheRepositoryAsThePackage() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try await PipeProcess.run(["new", "plugin", "geo", "--output", folder + "/geo",
                                                "--from", "https://github.com/example/pipe-fork.git"])
        #expect(result.status == 0, "\(result.error)")
        let manifest = try String(contentsOfFile: folder + "/geo/Package.swift", encoding: .utf8)
        #expect(manifest.contains(#".package(url: "https://github.com/example/pipe-fork.git", from: "0.1.0")"#))
        #expect(manifest.contains(#".product(name: "PipeKit", package: "pipe-fork")"#))
    }

    @Test func nothingIsOverwrittenAndBadNamesAreRefused() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try await PipeProcess.run(["new", "plugin", "geo", "--output", folder + "/geo"]).status == 0)
        let again = try await PipeProcess.run(["new", "plugin", "geo", "--output", folder + "/geo"])
        #expect(again.status == 2)
        #expect(again.error.contains("/geo/Package.swift exists already"))
        let bad = try await PipeProcess.run(["new", "plugin", "9lives", "--output", folder + "/x"])
        #expect(bad.status == 2)
        #expect(bad.error.contains("`9lives` is not a stage name"))
        let notACheckout = try await PipeProcess.run(["new", "plugin", "geo", "--output", folder + "/y", "--pipe-path", folder])
        #expect(notACheckout.status == 2)
        #expect(notACheckout.error.contains("is not a Pipe checkout"))
    }

    @Test func stageWritesAModuleIntoPlugins() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try await PipeProcess.run(["new", "stage", "word-count", "--plugins", folder + "/Plugins"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("swift package purge-cache && touch Package.swift"))
        let stage = try String(contentsOfFile: folder + "/Plugins/WordCount/Sources/WordCountStage.swift", encoding: .utf8)
        #expect(stage.contains("public struct WordCountStage: ConfigurableStage"))
        #expect(stage.contains("public static let name = \"word-count\""))
        #expect(FileManager.default.fileExists(atPath: folder + "/Plugins/WordCount/Sources/Stages.swift"))
        #expect(FileManager.default.fileExists(atPath: folder + "/Plugins/WordCount/Tests/WordCountStageTests.swift"))
        #expect(try await PipeProcess.run(["new", "stage", "WordCount", "--plugins", folder + "/Plugins"]).status == 2)
    }

    @Test(arguments: ["python", "sh"])
    func execStageScriptPassesItsTestAndRunsInAPipeline(language: String) async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try await PipeProcess.run(["new", "stage", "word-tally", "--exec", language, "--plugins", folder + "/Plugins"])
        #expect(result.status == 0, "\(result.error)")
        let test = Process()
        test.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        test.arguments = language == "python" ? ["python3", "test_word_tally.py"] : ["sh", "test_word_tally.sh"]
        test.currentDirectoryURL = URL(fileURLWithPath: folder + "/Plugins/word-tally")
        test.standardOutput = FileHandle.nullDevice
        test.standardError = FileHandle.nullDevice
        try test.run()
        #expect(await PipeProcess.exited(test) == 0)
        // The stage lines printed by `pipe new stage`, in a pipeline over the shipped samples.
        let stage = try #require(result.output.components(separatedBy: "add it to a pipeline's stages:\n").last)
        let yaml = """
            input: {path: \(PipeProcess.packageRoot)/Pipelines/samples, format: dated-text}
            checkpoint: false
            stages:
              - type: parse
            \(stage)
              - type: export
                options: {path: out.jsonl}
            """
        try yaml.write(toFile: folder + "/p.yaml", atomically: true, encoding: .utf8)
        let run = try await PipeProcess.run(["run", "p.yaml"], in: folder)
        #expect(run.status == 0, "\(run.error)")
        let out = try String(contentsOfFile: folder + "/out.jsonl", encoding: .utf8)
        #expect(out.split(separator: "\n").count == 6)
        #expect(out.split(separator: "\n").allSatisfy { $0.contains(#""word_tally":"#) })
    }
}
