import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("pipe command")
struct PipeCommandTests {
    @Test func versionAndHelp() async throws {
        let version = try await PipeProcess.run(["--version"])
        #expect(version.status == 0)
        #expect(version.output == "0.1.0\n")
        let help = try await PipeProcess.run(["run", "--help"])
        #expect(help.status == 0)
        #expect(help.output.contains("--input"))
    }

    @Test func stagesListsAndDescribes() async throws {
        let list = try await PipeProcess.run(["stages"])
        #expect(list.status == 0)
        #expect(list.output.split(separator: "\n").map { $0.split(separator: " ").first ?? "" } == ["parse", "normalize", "filter", "dedupe", "translate-stub", "extract", "exec", "export", "reading-time", "sentiment"])
        let normalize = try await PipeProcess.run(["stages", "normalize"])
        #expect(normalize.output.contains("input:  Article\noutput: Article"))
        #expect(normalize.output.contains("  unicode (nfc | nfkc, default nfc)"))
        #expect(normalize.output.contains("  repair_sentences (bool, default true)"))
        let export = try await PipeProcess.run(["stages", "export"])
        #expect(export.output.contains("  path (path, default none)\n      the file, required for every format but `postgres`"))
        let unknown = try await PipeProcess.run(["stages", "normalise"])
        #expect(unknown.status == 2)
        #expect(unknown.error.contains("did you mean `normalize`?"))
    }

    @Test func runTheMainJobAndPrintTheSummary() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Run from a folder of its own, so that its checkpoint folder and locks are not in the
        // package root, where another test or a run by hand may hold them.
        let root = PipeProcess.packageRoot
        let result = try await PipeProcess.run(["run", root + "/Pipelines/syria.yaml", "--input", root + "/Pipelines/samples",
                                                "--stats", folder + "/stats.json"],
                                               in: folder, environment: ["PIPE_OUT": folder])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.error.contains("normalize"))
        #expect(result.error.contains("articles/s"))
        #expect(result.error.contains("waited for input"))
        let stats = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/stats.json"))) as? [String: Any])
        #expect(stats["outcome"] as? String == "completed")
        #expect((stats["stages"] as? [[String: Any]])?.map { $0["id"] as? String } == ["parse", "dedupe", "normalize", "translate-stub", "extract", "jsonl", "sqlite"])
        let segments = try #require(stats["segments"] as? [[String: Any]])
        #expect(segments.flatMap { $0["stages"] as? [String] ?? [] }.count == 7)
        #expect(segments.allSatisfy { $0["input_wait_seconds"] is Double && $0["busy_seconds"] is Double })
        let lines = try String(contentsOfFile: folder + "/syria.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count >= 6)
    }

    @Test func failuresASchedulerCanSeeExitThree() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            input:
              path: in.jsonl
              format: jsonl
            max_failures: 10%
            stages:
              - type: parse
                on_error: dead-letter
              - type: export
                options:
                  path: out/x.jsonl
            """.write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
        func run(_ lines: [String], _ arguments: [String] = []) async throws -> PipeProcess.Result {
            try (lines.joined(separator: "\n") + "\n").write(toFile: folder + "/in.jsonl", atomically: false, encoding: .utf8)
            return try await PipeProcess.run(["run", "p.yaml", "--quiet"] + arguments, in: folder)
        }
        let good = #"{"id":"g","body":"fine"}"#, bad = #"{"id":"fakes-0001","body":" "}"#
        let allFailed = try await run([bad, bad])
        #expect(allFailed.status == 3)
        #expect(allFailed.error.contains("none of the 2 articles read was written: 2 failed"))
        let letters = try String(contentsOfFile: folder + "/out/x.dead-letter.jsonl", encoding: .utf8)
        #expect(letters.contains(#""id":"fakes-0001""#))
        // 1 of 10 is within 10%; 2 of 10 is not, and the outputs are still written.
        #expect(try await run(Array(repeating: good, count: 9) + [bad]).status == 0)
        let over = try await run(Array(repeating: good, count: 8) + [bad, bad])
        #expect(over.status == 3)
        #expect(over.error.contains("2 of the 10 articles read failed (skipped or dead-lettered), more than `max_failures: 10%` allows"))
        #expect(try String(contentsOfFile: folder + "/out/x.jsonl", encoding: .utf8).split(separator: "\n").count == 8)
        #expect(try await run(Array(repeating: good, count: 8) + [bad, bad], ["--max-failures", "2"]).status == 0)
        #expect(try await run([good], ["--max-failures", "lots"]).status == 2)
    }

    @Test func inputTakesSeveralPathsAndGlobsPlainAndCompressed() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/in/more", withIntermediateDirectories: true)
        func lines(_ ids: [String]) -> String { ids.map { #"{"id":"\#($0)","body":"text"}"# + "\n" }.joined() }
        try lines(["a1", "a2"]).write(toFile: folder + "/in/a.jsonl", atomically: false, encoding: .utf8)
        try lines(["b1"]).write(toFile: folder + "/in/more/b.jsonl", atomically: false, encoding: .utf8)
        try lines(["c1"]).write(toFile: folder + "/in/more/c.jsonl", atomically: false, encoding: .utf8)
        #expect(try await PipeProcess.shell("gzip \(folder)/in/more/c.jsonl") == 0)
        try """
            input: {path: nowhere, format: jsonl}
            stages:
              - type: parse
              - type: export
                options: {path: out/x.jsonl}
            """.write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
        let run = try await PipeProcess.run(["run", "p.yaml", "--quiet", "--input", "in/more/*", "in/a.jsonl"], in: folder)
        #expect(run.status == 0, "\(run.error)")
        let written = try String(contentsOfFile: folder + "/out/x.jsonl", encoding: .utf8)
        #expect(written.split(separator: "\n").map { $0.split(separator: "\"")[3] } == ["b1", "c1", "a1", "a2"])
        let missing = try await PipeProcess.run(["run", "p.yaml", "--input", "in/a.jsonl", "in/none.jsonl"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.error.contains("input `in/none.jsonl` does not exist; check the paths given to `--input`"))
    }

    func writeJSONLines(_ count: Int, in folder: String) throws {
        try (1...count).map { #"{"id":"n\#($0)","body":"text \#($0)"}"# + "\n" }.joined()
            .write(toFile: folder + "/in.jsonl", atomically: false, encoding: .utf8)
    }

    func exportPipeline(_ export: String, in folder: String) throws {
        try "input: {path: in.jsonl, format: jsonl}\nstages:\n  - type: parse\n  - type: export\n    options: \(export)\n"
            .write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
    }

    @Test func aDashWritesToStandardOutputAndTheSummaryStaysOnStandardError() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeJSONLines(3, in: folder)
        try exportPipeline("{format: csv, path: \"-\"}", in: folder)
        let run = try await PipeProcess.run(["run", "p.yaml"], in: folder)
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.hasPrefix("id,source,date,published_at,url,title,body,"))
        #expect(run.output.split(separator: "\r\n").count == 4)
        #expect(run.error.contains("read 3 = written 3"))
        #expect(!run.output.contains("read 3"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/-"))
    }

    @Test func aFIFOAndADeviceAreWrittenStraightIntoAndNeverReplaced() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeJSONLines(2, in: folder)
        #expect(mkfifo(folder + "/fifo", 0o600) == 0)
        // The FIFO's reader, as a consumer downstream would be.
        let reader = try Process.run(URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "cat \(folder)/fifo > \(folder)/read.jsonl"])
        try exportPipeline("{path: fifo}", in: folder)
        let run = try await PipeProcess.run(["run", "p.yaml", "--quiet"], in: folder)
        #expect(await PipeProcess.exited(reader) == 0)
        #expect(run.status == 0, "\(run.error)")
        #expect(try String(contentsOfFile: folder + "/read.jsonl", encoding: .utf8).split(separator: "\n").count == 2)
        var status = stat()
        #expect(lstat(folder + "/fifo", &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        // /dev/null, as root too, stays the device it is.
        try exportPipeline("{path: /dev/null}", in: folder)
        #expect(try await PipeProcess.run(["run", "p.yaml", "--quiet"], in: folder).status == 0)
        #expect(lstat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
        // /dev/stdout, a link to the process's descriptor, when standard output is a file: appended to, not replaced.
        try exportPipeline("{path: /dev/stdout}", in: folder)
        try "kept\n".write(toFile: folder + "/stdout.txt", atomically: false, encoding: .utf8)
        let executable = try #require(PipeProcess.executable)
        #expect(try await PipeProcess.shell("cd \(folder) && \(executable) run p.yaml -q >> stdout.txt") == 0)
        #expect(try String(contentsOfFile: folder + "/stdout.txt", encoding: .utf8).split(separator: "\n").count == 3)
        #expect(lstat("/dev/stdout", &status) == 0 && status.st_mode & S_IFMT == S_IFLNK)
    }

    @Test(arguments: [
        ("  - type: normalize", "{path: in}", "p.yaml:6:21: error: stage `export`: `in` is a folder; name a file in it"),
        ("  - type: normalize", "{format: sqlite, path: \"-\"}",
         "p.yaml:6:37: error: stage `export`: a SQLite database is a file, and `-` is a stream"),
        ("    on_error: dead-letter", "{path: \"-\"}",
         "p.yaml:3:11: error: stage `parse` uses `on_error: dead-letter` but there is no file to put dead letters beside"),
    ])
    func whatCannotBeWrittenIsAnErrorOfValidate(line: String, export: String, message: String) async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/in", withIntermediateDirectories: true)
        try writeJSONLines(1, in: folder)
        try "input: {path: in.jsonl, format: jsonl}\nstages:\n  - type: parse\n\(line)\n  - type: export\n    options: \(export)\n"
            .write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
        let validate = try await PipeProcess.run(["validate", "p.yaml"], in: folder)
        #expect(validate.status == 2)
        #expect(validate.error.contains(message), "\(validate.error)")
    }

    @Test func invalidPipelineExitsTwoWithCaretDiagnosticsAndWritesNothing() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            input:
              path: in
            stages:
              - type: normalise
              - type: export
                options: {path: out/x.jsonl, colour: red}
            """.write(toFile: folder + "/bad.yaml", atomically: false, encoding: .utf8)
        for command in ["run", "validate"] {
            let result = try await PipeProcess.run([command, "bad.yaml"], in: folder)
            #expect(result.status == 2)
            #expect(result.error.hasPrefix("""
                bad.yaml:4:11: error: unknown stage type `normalise`; did you mean `normalize`?
                  - type: normalise
                          ^
                bad.yaml:6:34: error: unknown key `colour` in the options of `export`; valid keys: `format`, `path`, `url`, `table`
                    options: {path: out/x.jsonl, colour: red}
                                                 ^
                """))
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
    }

    /// Every article read is accounted for, at every stage and overall, when faults are injected
    /// among good articles: parse failures are dead-lettered, a body that normalizes to nothing is
    /// skipped, duplicates are filtered, the rest is written.
    @Test func everyArticleIsAccountedForWithInjectedFaults() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = folder + "/in"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        let samples = PipeProcess.packageRoot + "/Pipelines/samples"
        let good = try FileManager.default.contentsOfDirectory(atPath: samples).sorted()
        for name in good {
            try FileManager.default.copyItem(atPath: samples + "/" + name, toPath: input + "/" + name)
        }
        try FileManager.default.copyItem(atPath: samples + "/" + good[0], toPath: input + "/zz-duplicate.txt")
        let faults: [String: [UInt8]] = [
            "f-empty.txt": [],
            "f-binary.txt": [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01],
            "f-bad-utf8.txt": Array(" date 2024-12-08 u\n\nT\n\nBody ".utf8) + [0xC3, 0x28] + Array(" more\n\n".utf8),
            "f-bad-date.txt": Array(" date 2024-13-45 u\n\nT\n\nBody.\n\n".utf8),
            "f-title-only.txt": Array(" date 2024-12-08 u\n\nOnly a title\n".utf8),
            "f-blank-body.txt": Array(" date 2024-12-08 u\n\nTitle\n\n\u{200B}\n\n".utf8),
        ]
        for (name, bytes) in faults { try Data(bytes).write(to: URL(fileURLWithPath: input + "/" + name)) }
        try """
            pipeline: faults
            input: {path: in, format: dated-text}
            stages:
              - {type: parse, on_error: dead-letter}
              - {type: dedupe}
              - {type: normalize, on_error: skip}
              - {type: export, options: {format: jsonl, path: out/faults.jsonl}}
            """.write(toFile: folder + "/faults.yaml", atomically: false, encoding: .utf8)
        let result = try await PipeProcess.run(["run", "faults.yaml", "--stats", "stats.json", "--log-level", "debug"], in: folder)
        #expect(result.status == 0)
        #expect(result.error.contains("read 13 = written 6 + filtered 1 + skipped 1 + dead-lettered 5: every article accounted for"))
        let stats = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/stats.json"))) as? [String: Any])
        #expect(stats["balanced"] as? Bool == true)
        #expect(stats["unaccounted"] as? Int == 0)
        let stages = try #require(stats["stages"] as? [[String: Any]])
        #expect(stages.allSatisfy { $0["balanced"] as? Bool == true })
        #expect(stages.map { $0["dead_lettered"] as? Int } == [5, 0, 0, 0])
        #expect(stages.map { $0["filtered"] as? Int } == [0, 1, 0, 0])
        #expect(stages.map { $0["skipped"] as? Int } == [0, 0, 1, 0])
        let written = try String(contentsOfFile: folder + "/out/faults.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(written.count == 6)
        let deadLetters = try String(contentsOfFile: folder + "/out/faults.dead-letter.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(deadLetters.count == 5)
        // Each fault ends with the error Docs/Reliability.md gives for it.
        var errors: [String: String] = [:]
        for line in deadLetters {
            let letter = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            errors[letter["id"] as? String ?? ""] = letter["error"] as? String
        }
        let expected = [
            "f-empty": "the record is empty",
            "f-binary": "binary, not text (NUL byte at offset 4)",
            "f-bad-utf8": "not valid UTF-8",
            "f-bad-date": "malformed date",
            "f-title-only": "body",
        ]
        #expect(Set(errors.keys) == Set(expected.keys))
        for (id, phrase) in expected {
            #expect(errors[id]?.contains(phrase) == true, "\(id): \(errors[id] ?? "no dead letter")")
        }
        #expect(errors["f-bad-utf8"]?.contains("offset") == true)
        #expect(result.error.contains("skipped f-blank-body: the body is empty once normalized"),
                "a skipped article's error is logged (at debug)")
    }

    /// Paths and values read from the environment are shown as their `${NAME}` in errors, in the
    /// summary and in dead letters.
    @Test func environmentValuesNeverAppearInErrorsOrDeadLetters() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let secret = folder + "/private-7f3a"
        try FileManager.default.createDirectory(atPath: secret + "/in", withIntermediateDirectories: true)
        try " date 2024-13-45 u\n\nT\n\nBody.\n\n".write(toFile: secret + "/in/bad.txt", atomically: false, encoding: .utf8)
        try """
            pipeline: secret
            input: {path: "${SECRET_DIR}/in", format: dated-text}
            stages:
              - {type: parse, on_error: dead-letter}
              - {type: export, options: {format: jsonl, path: "${SECRET_DIR}/out/x.jsonl"}}
            """.write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
        let run = try await PipeProcess.run(["run", "p.yaml"], in: folder, environment: ["SECRET_DIR": secret])
        // Its only article failed: exit code 3.
        #expect(run.status == 3)
        #expect(!run.error.contains("private-7f3a"), "\(run.error)")
        #expect(run.error.contains("dead letters: ${SECRET_DIR}/out/x.dead-letter.jsonl"))
        let letter = try String(contentsOfFile: secret + "/out/x.dead-letter.jsonl", encoding: .utf8)
        #expect(letter.contains(#""source":"${SECRET_DIR}/in/bad.txt""#))
        #expect(!letter.contains("private-7f3a"))
        let missing = try await PipeProcess.run(["run", "p.yaml"], in: folder, environment: ["SECRET_DIR": secret + "/nowhere"])
        #expect(missing.status == 2)
        #expect(missing.error.contains("p.yaml:2:15: error: input `${SECRET_DIR}/in` does not exist"))
        #expect(!missing.error.contains("private-7f3a"))
    }

    @Test func validateShowsAnEnvironmentPipelineNameAsItsReference() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "pipeline: ${NAME}\ninput: {path: in, format: jsonl}\nstages:\n  - type: parse\n"
            .write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
        try "".write(toFile: folder + "/in", atomically: false, encoding: .utf8)
        let validate = try await PipeProcess.run(["validate", "p.yaml"], in: folder, environment: ["NAME": "private-7f3a"])
        #expect(validate.status == 0)
        #expect(validate.output.contains("pipeline `${NAME}`"), "\(validate.output)")
        #expect(!(validate.output + validate.error).contains("private-7f3a"))
    }

    @Test(arguments: [
        ("in.jsonl", "`--stats` would write `in.jsonl` over the input `in.jsonl`"),
        ("out/a.jsonl", "`--stats` and stage `export` both write `out/a.jsonl`"),
    ])
    func statsOnTheInputOrAnOutputIsRefusedBeforeAnythingRuns(stats: String, message: String) async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = #"{"id": "a", "title": "T", "body": "Body."}"# + "\n"
        try input.write(toFile: folder + "/in.jsonl", atomically: false, encoding: .utf8)
        try """
            pipeline: p
            input: {path: in.jsonl, format: jsonl}
            stages:
              - type: parse
              - {type: export, options: {format: jsonl, path: out/a.jsonl}}
            """.write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
        let run = try await PipeProcess.run(["run", "p.yaml", "--stats", stats], in: folder)
        #expect(run.status == 2)
        #expect(run.error.contains(message), "\(run.error)")
        #expect(try String(contentsOfFile: folder + "/in.jsonl", encoding: .utf8) == input)
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
    }

    @Test func controlAndBidiCharactersInNamesAreShownEscaped() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/in", withIntermediateDirectories: true)
        let name = "bad\u{1B}[2J\u{202E}txt.evil"
        try "no header here".write(toFile: folder + "/in/" + name, atomically: false, encoding: .utf8)
        try "pipeline: p\ninput: {path: in, format: dated-text}\nstages:\n  - type: parse\n"
            .write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
        let run = try await PipeProcess.run(["run", "p.yaml"], in: folder)
        #expect(run.status == 1)
        #expect(run.error.contains("bad\\u{1B}[2J\\u{202E}txt.evil"), "\(run.error)")
        #expect(!run.error.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" })
    }

    /// A dead-letter file is input: `--input x.dead-letter.jsonl` reads each `raw` record again
    /// with its recorded format, so the articles can be replayed once the pipeline is fixed.
    @Test func deadLettersReplayThroughAnotherPipeline() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/in", withIntermediateDirectories: true)
        try " date 2024-12-08 u\n\nGood\n\nA body.\n\n".write(toFile: folder + "/in/good.txt", atomically: false, encoding: .utf8)
        try " date 2024-12-08 u\n\nInvisible\n\n\u{200B}\n\n".write(toFile: folder + "/in/blank.txt", atomically: false, encoding: .utf8)
        try """
            pipeline: strict
            input: {path: in, format: dated-text}
            stages:
              - {type: parse}
              - {type: normalize, on_error: dead-letter}
              - {type: export, options: {format: jsonl, path: out/strict.jsonl}}
            """.write(toFile: folder + "/strict.yaml", atomically: false, encoding: .utf8)
        try """
            pipeline: lenient
            input: {path: nowhere, format: jsonl}
            stages:
              - {type: parse, on_error: dead-letter}
              - {type: export, options: {format: jsonl, path: replay/lenient.jsonl}}
            """.write(toFile: folder + "/lenient.yaml", atomically: false, encoding: .utf8)
        #expect(try await PipeProcess.run(["run", "strict.yaml"], in: folder).status == 0)
        let letters = try String(contentsOfFile: folder + "/out/strict.dead-letter.jsonl", encoding: .utf8)
        #expect(letters.contains(#""id":"blank","source":"in/blank.txt","stage":"normalize""#))
        #expect(letters.contains(#""format":"dated-text""#))
        // One line that is no dead letter, to see it counted rather than lost.
        try (letters + "not json\n").write(toFile: folder + "/out/strict.dead-letter.jsonl", atomically: false, encoding: .utf8)

        let replay = try await PipeProcess.run(["run", "lenient.yaml", "--input", "out/strict.dead-letter.jsonl"], in: folder)
        #expect(replay.status == 0)
        #expect(replay.error.contains("read 2 = written 1 + filtered 0 + skipped 0 + dead-lettered 1"))
        let replayed = try String(contentsOfFile: folder + "/replay/lenient.jsonl", encoding: .utf8)
        #expect(replayed.contains(#""id":"blank","source":"in/blank.txt","date":"2024-12-08""#))
        let again = try String(contentsOfFile: folder + "/replay/lenient.dead-letter.jsonl", encoding: .utf8)
        #expect(again.contains("this line of the dead-letter file cannot be replayed: the line is not a JSON object"))
    }

    /// A billion-laughs file is refused at once: exit 2, within seconds, without the memory an
    /// expansion would take (libyaml's events are counted before anything is composed).
    @Test(.timeLimit(.minutes(1)), arguments: ["validate", "run"])
    func anAliasBombIsRefusedQuicklyAndSmall(command: String) async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var lines = ["pipeline: bomb", "input: {path: in, format: jsonl}", #"l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]"#]
        for level in 1...9 {
            lines.append("l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        lines += ["stages:", "  - type: parse", "  - type: export", "    options: {path: out.jsonl, format: *l9}"]
        try (lines.joined(separator: "\n") + "\n").write(toFile: folder + "/bomb.yaml", atomically: false, encoding: .utf8)
        let started = ContinuousClock.now
        let (result, peak) = try await PipeProcess.runMeasured([command, "bomb.yaml"], in: folder)
        // An expansion would take minutes; the bound leaves room for a machine busy with the
        // other suites (0.1 s alone, 5.8 s once beside them).
        #expect(ContinuousClock.now - started < .seconds(30))
        #expect(result.status == 2)
        #expect(result.error.hasPrefix("bomb.yaml:8:"))
        #expect(result.error.contains("error: aliases expand the file to more than 100000 values (an alias bomb?)"))
        #expect(!result.error.contains("lol"), "the expansion is never printed")
        // Against `pipe --version` measured the same way, so that a sanitizer's own memory does not count.
        let (_, baseline) = try await PipeProcess.runMeasured(["--version"], in: folder)
        if let peak, let baseline {
            #expect(peak - baseline < 200, "the bomb took \(peak) MB, `pipe --version` \(baseline) MB")
        }
    }

    @Test(arguments: [
        (["run", "q.yaml", "--resume"], "`--resume` continues from a checkpoint, and `q.yaml` reads a queue, whose claims are its checkpoint"),
        (["run", "f.yaml", "--follow"], "`--follow` waits for new rows of a queue, and `f.yaml` reads files"),
        (["run", "q.yaml", "--shard", "1/4"], "a pipeline reading `format: postgres` is shared by its queue, not by shards (1/4)"),
    ])
    func queueOptionsAreRefusedWhereTheyDoNotApply(arguments: [String], message: String) async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "input: {format: postgres, url: \"postgres://127.0.0.1:1/x\", table: articles}\nstages:\n  - type: parse\n"
            .write(toFile: folder + "/q.yaml", atomically: false, encoding: .utf8)
        try "input: {path: in, format: jsonl}\nstages:\n  - type: parse\n".write(toFile: folder + "/f.yaml", atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder + "/in", withIntermediateDirectories: true)
        let result = try await PipeProcess.run(arguments, in: folder)
        #expect(result.status == 2)
        #expect(result.error.contains(message), "\(result.error)")
    }

    @Test func validateAcceptsTheShippedPipeline() async throws {
        let result = try await PipeProcess.run(["validate", "Pipelines/syria.yaml"])
        #expect(result.status == 0)
        #expect(result.output.contains("parse → dedupe → normalize → translate-stub → extract → jsonl → sqlite"))
    }

    @Test func aFailPolicyStopsTheRunWithExitOneAndKeepsOldOutputs() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/in", withIntermediateDirectories: true)
        try " date 2024-01-01 u\n\nT\n\nB.\n".write(toFile: folder + "/in/a.txt", atomically: false, encoding: .utf8)
        try "garbage\n".write(toFile: folder + "/in/b.txt", atomically: false, encoding: .utf8)
        try "input: {path: in}\nstages:\n  - type: parse\n  - type: export\n    options: {path: out/x.jsonl}\n"
            .write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
        try "old\n".write(toFile: folder + "/out/x.jsonl", atomically: false, encoding: .utf8)
        let result = try await PipeProcess.run(["run", "p.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.error.contains("p.yaml:3:11: error: stage `parse` failed on article `b` (in/b.txt): malformed header `garbage`"))
        #expect(try String(contentsOfFile: folder + "/out/x.jsonl", encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out") == ["x.jsonl"])
    }

    @Test(arguments: ["run", "validate"])
    func aMissingInputIsAnErrorOfThePipelineFileAtItsPath(command: String) async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "input: {path: nowhere}\nstages:\n  - type: parse\n".write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
        let result = try await PipeProcess.run([command, "p.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(result.error.contains("p.yaml:1:15: error: input `nowhere` does not exist; check `input.path` or pass `--input PATH`"))
        #expect(result.error.contains("nothing was read or written"))
    }

    @Test func readsJSONLinesFromStandardInput() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "input: {path: x, format: jsonl}\nstages:\n  - type: parse\n  - type: normalize\n  - type: export\n    options: {path: o.jsonl}\n"
            .write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
        let input = (0..<300).map { #"{"id":"n\#($0)","title":"T","body":"one.Two"}"# }.joined(separator: "\n")
        let result = try await PipeProcess.run(["run", "p.yaml", "--input", "-"], in: folder, input: input)
        #expect(result.status == 0, "\(result.error)")
        let lines = try String(contentsOfFile: folder + "/o.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 300)
        #expect(lines[299] == #"{"id":"n299","source":"-","date":null,"url":null,"title":"T","body":"one. Two"}"#)
    }

    @Test func readsCompressedStandardInput() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeJSONLines(50, in: folder)
        try exportPipeline("{path: o.jsonl}", in: folder)
        let executable = try #require(PipeProcess.executable)
        let status = try await PipeProcess.shell("cd \(folder) && gzip -c in.jsonl | \(executable) run p.yaml --quiet --input - 2> err.txt")
        #expect(status == 0, "\((try? String(contentsOfFile: folder + "/err.txt", encoding: .utf8)) ?? "")")
        let lines = try String(contentsOfFile: folder + "/o.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 50)
        #expect(lines.first?.hasPrefix(#"{"id":"n1","source":"-""#) == true)
    }

    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func aSignalStopsReadingFinishesAndPublishes(signal: Int32, status: Int32) async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "input: {path: '-', format: jsonl}\nstages:\n  - type: parse\n  - type: export\n    options: {path: out/o.jsonl}\n"
            .write(toFile: folder + "/p.yaml", atomically: false, encoding: .utf8)
        let process = try PipeProcess(["run", "p.yaml"], in: folder)
        // The temporary output appears once the signal handlers are installed and the stages started.
        // Each wait has a deadline of its own, generous: under the load of the whole suite on two
        // cores, starting a debug `pipe` has taken over 30 s.
        let started = Date().addingTimeInterval(120)
        while Date() < started, (try? FileManager.default.contentsOfDirectory(atPath: folder + "/out"))?.isEmpty ?? true {
            try await Task.sleep(for: .milliseconds(20))
        }
        let lines = (0..<100).map { #"{"id":"n\#($0)","body":"b"}"# + "\n" }.joined()
        await process.write(lines)
        let read = Date().addingTimeInterval(120)
        while Date() < read, process.unreadInput > 0 { try await Task.sleep(for: .milliseconds(20)) }
        kill(process.process.processIdentifier, signal)
        // The input stays open: the run must end because of the signal, not because the input did.
        let result = await process.wait(closingInput: false)
        #expect(result.status == status, "\(result.error)")
        #expect(result.error.contains("interrupted by signal \(signal)"))
        let written = try String(contentsOfFile: folder + "/out/o.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(written.count == 100)
    }
}
