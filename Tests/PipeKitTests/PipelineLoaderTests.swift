import Foundation
@testable import PipeKit
import Testing

@Suite("PipelineLoader")
struct PipelineLoaderTests {
    let loader = PipelineLoader(registry: TestRegistry.registry, environment: ["OUT": "/tmp/out", "EMPTY": ""])

    /// Loads text that must fail and returns its diagnostics.
    func diagnostics(_ yaml: String) throws -> [PipeError] {
        do {
            _ = try loader.load(yaml: yaml, file: "p.yaml")
        } catch let error as PipelineFileError {
            return error.diagnostics
        }
        Issue.record("the pipeline loaded but should not have")
        return []
    }

    @Test func loadsAValidPipeline() throws {
        let definition = try loader.load(yaml: """
            pipeline: demo
            input:
              path: ${OUT}/in
              format: jsonl
            stages:
              - type: parse
              - type: tag
                id: shout
                concurrency: auto
                on_error: skip
                options: {mode: lower, limit: 3}
              - type: sink
                on_error: dead-letter
                options:
                  path: ${OUT}/result.txt
            """, file: "p.yaml")
        #expect(definition.name == "demo")
        #expect(definition.input.path == "/tmp/out/in")
        #expect(definition.input.format == .jsonl)
        #expect(definition.stages.map(\.id) == ["parse", "shout", "sink"])
        #expect(definition.stages[1].concurrency == .auto)
        #expect(definition.stages[1].policy == .skip)
        #expect(definition.stages[2].outputFiles == ["/tmp/out/result.txt"])
        #expect(definition.deadLetterPath == "/tmp/out/result.dead-letter.jsonl")
    }

    @Test func nameDefaultsToTheFileStem() throws {
        let definition = try loader.load(yaml: "input: {path: x}\nstages:\n  - type: parse\n", file: "dir/news.yaml")
        #expect(definition.name == "news")
        #expect(definition.input.format == .datedText)
    }

    @Test func yamlSyntaxError() throws {
        let errors = try diagnostics("input:\n  path: [a, b\nstages: []\n")
        #expect(errors.count == 1)
        #expect(errors[0].code == .yamlSyntax)
        #expect(errors[0].message == "invalid YAML: did not find expected ',' or ']' while parsing a flow sequence")
        #expect(errors[0].hint == "it started at line 2, column 9: check the brackets, quotes and indentation from there")
        #expect(errors[0].location == SourceLocation(file: "p.yaml", line: 3, column: 7))
    }

    @Test func badIndentationIsASyntaxErrorAtItsLine() throws {
        let errors = try diagnostics("input:\n  path: x\n format: jsonl\nstages:\n  - type: parse\n")
        #expect(errors.map(\.code) == [.yamlSyntax])
        #expect(errors[0].location == SourceLocation(file: "p.yaml", line: 3, column: 2))
    }

    @Test func unknownStageTypeSuggestsTheNearestName() throws {
        let errors = try diagnostics("input: {path: x}\nstages:\n  - type: parse\n  - type: tagg\n")
        #expect(errors.count == 1)
        #expect(errors[0].code == .unknownStage)
        #expect(errors[0].message == "unknown stage type `tagg`")
        #expect(errors[0].hint == "did you mean `tag`?")
        #expect(errors[0].location == SourceLocation(file: "p.yaml", line: 4, column: 11))
    }

    @Test func unknownStageTypeWithNothingCloseListsTheTypes() throws {
        let errors = try diagnostics("input: {path: x}\nstages:\n  - type: translate\n")
        #expect(errors[0].hint == "valid types: `parse`, `tag`, `sink`")
    }

    @Test func unknownOptionKeyListsTheValidKeys() throws {
        let errors = try diagnostics("""
            input: {path: x}
            stages:
              - type: parse
              - type: tag
                options:
                  mode: upper
                  colour: red
            """)
        #expect(errors.count == 1)
        #expect(errors[0].code == .unknownKey)
        #expect(errors[0].message == "unknown key `colour` in the options of `tag`")
        #expect(errors[0].hint == "valid keys: `mode`, `label`, `limit`")
        #expect(errors[0].location == SourceLocation(file: "p.yaml", line: 7, column: 7))
    }

    @Test func misspeltOptionKeyGetsADidYouMean() throws {
        let errors = try diagnostics("input: {path: x}\nstages:\n  - type: parse\n  - type: tag\n    options: {lable: x}\n")
        #expect(errors[0].hint == "did you mean `label`?")
        #expect(errors[0].location?.line == 5)
        #expect(errors[0].location?.column == 15)
    }

    @Test(arguments: [
        ("limit: many", "option `limit` of stage `tag` expects an integer, got `many`", 22),
        ("mode: shout", "option `mode` of stage `tag` expects one of upper, lower, got `shout`", 21),
        ("label: [a, b]", "option `label` of stage `tag` expects a string, got a list", 22),
    ])
    func wrongValueType(option: String, message: String, column: Int) throws {
        let errors = try diagnostics("input: {path: x}\nstages:\n  - type: parse\n  - type: tag\n    options: {\(option)}\n")
        #expect(errors.count == 1)
        #expect(errors[0].code == .invalidValue)
        #expect(errors[0].message == message)
        #expect(errors[0].location == SourceLocation(file: "p.yaml", line: 5, column: column))
    }

    @Test func everyBadOptionOfAStageIsReportedAtItsPosition() throws {
        let errors = try diagnostics("""
            input: {path: x}
            stages:
              - type: parse
              - type: tag
                options:
                  lable: x
                  mdoe: upper
                  limit: many
            """)
        #expect(errors.map(\.message) == [
            "unknown key `lable` in the options of `tag`",
            "unknown key `mdoe` in the options of `tag`",
            "option `limit` of stage `tag` expects an integer, got `many`",
        ])
        #expect(errors.map(\.hint) == ["did you mean `label`?", "did you mean `mode`?", "`limit`: a number"])
        #expect(errors.map { $0.location.map { [$0.line, $0.column] } } == [[6, 7], [7, 7], [8, 14]])
    }

    @Test func aMisspeltAllowedValueGetsADidYouMean() throws {
        let errors = try diagnostics("input: {path: x, format: jsnl}\nstages:\n  - type: parse\n    on_error: skp\n")
        #expect(errors.map(\.hint) == ["did you mean `jsonl`?", "did you mean `skip`?"])
    }

    @Test func valueRejectedByTheStageInitializerPointsAtItsKey() throws {
        let errors = try diagnostics("input: {path: x}\nstages:\n  - type: parse\n  - type: tag\n    options:\n      limit: -1\n")
        #expect(errors[0].message == "stage `tag`: `limit` must not be negative")
        #expect(errors[0].location == SourceLocation(file: "p.yaml", line: 6, column: 14))
    }

    @Test func missingRequiredOption() throws {
        let errors = try diagnostics("input: {path: x}\nstages:\n  - type: parse\n  - type: sink\n")
        #expect(errors[0].code == .missingKey)
        #expect(errors[0].message == "stage `sink` needs the option `path`")
        #expect(errors[0].location == SourceLocation(file: "p.yaml", line: 4, column: 11))
    }

    @Test func firstStageNeedingAnArticleSaysToInsertParse() throws {
        let errors = try diagnostics("input: {path: x}\nstages:\n  - type: tag\n")
        #expect(errors.count == 1)
        #expect(errors[0].code == .typeMismatch)
        #expect(errors[0].message == "stage `tag` expects Article but the input produces RawRecord")
        #expect(errors[0].hint == "insert `parse` before it")
        #expect(errors[0].location == SourceLocation(file: "p.yaml", line: 3, column: 11))
    }

    @Test func laterStageThatDoesNotConnectIsReportedAtItsType() throws {
        let errors = try diagnostics("input: {path: x}\nstages:\n  - type: parse\n  - type: tag\n  - type: parse\n    id: again\n")
        #expect(errors[0].message == "stage `again` expects RawRecord but stage `tag` produces Article")
        #expect(errors[0].hint == "no registered stage turns Article into RawRecord; reorder the stages")
        #expect(errors[0].location?.line == 5)
    }

    @Test func everyProblemIsReportedInFileOrder() throws {
        let errors = try diagnostics("""
            pipline: x
            input: {path: x, format: xml}
            stages:
              - type: parse
                on_error: ignore
                concurrency: zero
              - type: sink
                concurrency: 4
                options: {path: o}
            """)
        #expect(errors.map(\.location?.line) == [1, 2, 5, 6, 8])
        #expect(errors[0].message == "unknown key `pipline` in the pipeline file")
        #expect(errors[0].hint == "did you mean `pipeline`?")
        #expect(errors[1].message == "option `format` of `input` expects one of dated-text, jsonl, text, csv, tsv, json, html, warc, feed, postgres, got `xml`")
        #expect(errors[2].message == "option `on_error` of stage `parse` expects one of fail, skip, dead-letter, got `ignore`")
        #expect(errors[3].message == "option `concurrency` of stage `parse` expects a whole number ≥ 1 or auto, got `zero`")
        #expect(errors[4].message == "stage `sink` runs in input order with one worker")
    }

    @Test func unsetEnvironmentVariable() throws {
        let errors = try diagnostics("input: {path: '${NOPE}/x'}\nstages:\n  - type: parse\n")
        #expect(errors[0].message == "environment variable `NOPE` is not set")
        #expect(errors[0].hint == "set it, or give a default with `${NOPE:-value}`")
        #expect(errors[0].location == SourceLocation(file: "p.yaml", line: 1, column: 15))
    }

    @Test func environmentDefaults() throws {
        let definition = try loader.load(yaml: "input: {path: '${NOPE:-in}/${EMPTY:-e}/$${x}'}\nstages:\n  - type: parse\n", file: "p.yaml")
        #expect(definition.input.path == "in/e/${x}")
    }

    @Test func duplicateStageIDs() throws {
        let errors = try diagnostics("input: {path: x}\nstages:\n  - type: parse\n  - type: tag\n  - type: tag\n")
        #expect(errors[0].code == .duplicateID)
        #expect(errors[0].location?.line == 5)
    }

    @Test func deadLetterNeedsSomewhereToWrite() throws {
        let errors = try diagnostics("input: {path: x}\nstages:\n  - type: parse\n    on_error: dead-letter\n")
        #expect(errors[0].message.contains("no file to put dead letters beside"))
        let definition = try loader.load(yaml: "dead_letter: bad.jsonl\ninput: {path: x}\nstages:\n  - type: parse\n    on_error: dead-letter\n", file: "p.yaml")
        #expect(definition.deadLetterPath == "bad.jsonl")
    }

    @Test func missingSections() throws {
        let errors = try diagnostics("pipeline: x\n")
        #expect(errors.map(\.message) == ["missing `input`", "missing `stages`"])
    }

    /// A "billion laughs" file: ten levels of nine aliases each, 9¹⁰ values once expanded.
    static func aliasBomb(at place: String) -> String {
        var lines = [#"l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]"#]
        for level in 1...9 {
            lines.append("l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        let stages = place == "key"
            ? "stages:\n  - type: parse\n  - type: sink\n    options: {path: out.txt, *l9 : 1}"
            : "stages:\n  - type: parse\n  - type: sink\n    options: {path: out.txt, mode: *l9}"
        return "pipeline: bomb\ninput: {path: in, format: jsonl}\n" + lines.joined(separator: "\n") + "\n" + stages + "\n"
    }

    @Test(.timeLimit(.minutes(1)), arguments: ["value", "key"])
    func anAliasBombIsRefusedBeforeItIsExpanded(place: String) throws {
        let found = try diagnostics(Self.aliasBomb(at: place))
        #expect(found.count == 1)
        #expect(found.first?.code == .yamlAlias)
        // The definitions alone already expand past the limit, wherever the bomb is used.
        #expect(found.first?.message == "aliases expand the file to more than 100000 values (an alias bomb?)")
        #expect(found.first?.hint == "pipeline files need no anchors or aliases: write the values out")
        #expect(found.first?.location?.line == 8)
    }

    @Test func anAliasAsAKeyIsRefusedWhereItIsUsed() throws {
        let found = try diagnostics("""
            pipeline: p
            base: &k parse
            input: {path: in, format: jsonl}
            stages:
              - type: parse
            *k : 1
            """)
        #expect(found.map(\.message) == ["an alias cannot be a mapping key"])
        #expect(found.first?.location == SourceLocation(file: "p.yaml", line: 6, column: 1))
    }

    @Test(arguments: [
        ("pipeline: a\npipeline: b\ninput: {path: in, format: jsonl}\nstages: [{type: parse}]\n", "pipeline", 2, 1, 1),
        ("pipeline: a\ninput: {path: in, format: jsonl}\nstages:\n  - type: parse\n  - type: tag\n    options: {mode: lower, mode: upper}\n",
         "mode", 6, 28, 6),
    ])
    func aKeyGivenTwiceIsReportedAtItsSecondPlace(yaml: String, key: String, line: Int, column: Int, firstLine: Int) throws {
        let found = try diagnostics(yaml)
        #expect(found.map(\.message) == ["the key `\(key)` is given twice in this mapping (first on line \(firstLine))"])
        #expect(found.first?.location == SourceLocation(file: "p.yaml", line: line, column: column))
    }

    @Test func aTabIsNamedAsTheProblem() throws {
        let found = try diagnostics("pipeline: t\ninput:\n\tpath: in\nstages:\n  - type: parse\n")
        #expect(found.first?.code == .yamlSyntax)
        #expect(found.first?.location?.line == 3)
        #expect(found.first?.hint == "YAML indents with spaces, not tabs: replace the tab on this line with spaces")
    }

    @Test(arguments: ["", "\n\n", "# only a comment\n"])
    func anEmptyFileSaysWhatAPipelineFileIs(yaml: String) throws {
        let found = try diagnostics(yaml)
        #expect(found.map(\.message) == ["a pipeline file is a mapping with `pipeline`, `input` and `stages`"])
    }

    @Test func outputsThatCannotBeWrittenAreReportedBeforeAnythingRuns() throws {
        let folder = NSTemporaryDirectory() + "pipe-loader-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "x".write(toFile: folder + "/file", atomically: false, encoding: .utf8)
        let found = try diagnostics("""
            pipeline: p
            input: {path: in, format: jsonl}
            dead_letter: \(folder)/file/dead.jsonl
            stages:
              - type: parse
              - type: sink
                options: {path: \(folder)/file/out.txt}
              - type: sink
                id: second
                options: {path: \(folder)}
            """)
        #expect(found.map(\.message) == [
            "cannot write the dead-letter file `\(folder)/file/dead.jsonl`: `\(folder)/file` is a file, so the folders for `\(folder)/file/dead.jsonl` cannot be created",
            "`sink` cannot write `\(folder)/file/out.txt`: `\(folder)/file` is a file, so the folders for `\(folder)/file/out.txt` cannot be created",
            "`second` cannot write `\(folder)`: `\(folder)` is a folder",
        ])
        #expect(found.map { $0.location?.line } == [3, 7, 10])
        #expect(!FileManager.default.fileExists(atPath: folder + "/file/out.txt"))
    }

    @Test func valuesFromTheEnvironmentNeverAppearInMessages() throws {
        let loader = PipelineLoader(registry: TestRegistry.registry,
                                    environment: ["FORMAT": "s3cr3t-format", "LIMIT": "hunter2", "WORKERS": "7x"])
        do {
            _ = try loader.load(yaml: """
                pipeline: p
                input: {path: in, format: "${FORMAT}", max_record_size: "${LIMIT}"}
                stages:
                  - type: parse
                    concurrency: ${WORKERS}
                  - {type: tag, options: {mode: "${FORMAT:-lower}"}}
                """, file: "p.yaml")
            Issue.record("the pipeline loaded but should not have")
        } catch let error as PipelineFileError {
            let text = error.diagnostics.map { "\($0.message) \($0.hint ?? "")" }.joined(separator: "\n")
            for secret in ["s3cr3t-format", "hunter2", "7x"] { #expect(!text.contains(secret), "\(secret) leaked: \(text)") }
            #expect(text.contains("option `format` of `input` expects one of dated-text, jsonl, text, csv, tsv, json, html, warc, feed, postgres, got `${FORMAT}`"))
            #expect(text.contains("option `max_record_size` of `input` expects a size, got `${LIMIT}`"))
        }
    }

    @Test func aStageTimeoutIsADuration() throws {
        let definition = try loader.load(yaml: """
            pipeline: p
            input: {path: in, format: jsonl}
            stages:
              - {type: parse, timeout: 1.5s}
              - {type: tag, timeout: 250ms}
            """, file: "p.yaml")
        #expect(definition.stages.map(\.timeout) == [.milliseconds(1500), .milliseconds(250)])
        let found = try diagnostics("""
            pipeline: p
            input: {path: in, format: jsonl}
            stages:
              - {type: parse, timeout: soon}
            """)
        #expect(found.map(\.message) == ["option `timeout` of stage `parse` expects a duration, got `soon`"])
        #expect(found.first?.location == SourceLocation(file: "p.yaml", line: 4, column: 28))
    }

    @Test(arguments: [("30s", 30_000), ("500ms", 500), ("2m", 120_000), ("1h", 3_600_000), ("1.5 s", 1500), ("10", 10_000), ("2min", 120_000)])
    func durationsAreRead(text: String, milliseconds: Int64) {
        #expect(DurationText.parse(text) == .milliseconds(milliseconds))
    }

    @Test(arguments: ["", "0s", "-1s", "soon", "5 parsecs", "1e9h", "s"])
    func otherDurationsAreRefused(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func maxRecordSizeIsASize() throws {
        let definition = try loader.load(yaml: """
            pipeline: p
            input: {path: in, format: jsonl, max_record_size: 2MiB}
            stages: [{type: parse}]
            """, file: "p.yaml")
        #expect(definition.input.maxRecordSize == ByteSize(bytes: 2 << 20))
        let found = try diagnostics("""
            pipeline: p
            input: {path: in, format: jsonl, max_record_size: lots}
            stages: [{type: parse}]
            """)
        #expect(found.map(\.message) == ["option `max_record_size` of `input` expects a size, got `lots`"])
        #expect(found.first?.location == SourceLocation(file: "p.yaml", line: 2, column: 51))
    }

    @Test func tooManyAliasesAreRefused() throws {
        let uses = Array(repeating: "*m", count: YAMLPreflight.maximumAliases + 1).joined(separator: ", ")
        let found = try diagnostics("pipeline: &m p\ninput: {path: in, format: jsonl}\nstages: [{type: parse}]\nmany: [\(uses)]\n")
        #expect(found.map(\.code) == [.yamlAlias])
        #expect(found.first?.message == "the file uses more than 100 aliases")
    }

    @Test func aFewAliasesForSharedOptionsStillWork() throws {
        let definition = try loader.load(yaml: """
            pipeline: shared
            input: {path: in, format: jsonl}
            stages:
              - type: parse
              - type: tag
                id: first
                options: &common {mode: lower, limit: 3}
              - type: tag
                id: second
                options: *common
            """, file: "p.yaml")
        #expect(definition.stages.map(\.id) == ["parse", "first", "second"])
    }

    @Test func renderedDiagnosticShowsTheLineAndACaret() throws {
        let text = "input: {path: x}\nstages:\n  - type: tagg\n"
        do {
            _ = try loader.load(yaml: text, file: "p.yaml")
            Issue.record("expected an error")
        } catch let error as PipelineFileError {
            #expect(error.description == """
                p.yaml:3:11: error: unknown stage type `tagg`; did you mean `tag`?
                  - type: tagg
                          ^
                """)
        }
    }
}

@Suite("PipelineLoader checkpoint")
struct PipelineLoaderCheckpointTests {
    let loader = PipelineLoader(registry: TestRegistry.registry, environment: ["STATE": "/tmp/state"])

    func load(_ checkpoint: String) throws -> PipelineDefinition {
        try loader.load(yaml: "pipeline: demo\ninput: {path: in, format: jsonl}\n\(checkpoint)\nstages:\n  - type: parse\n", file: "p.yaml")
    }

    @Test func defaultsToEveryTenSecondsInDotPipe() throws {
        #expect(try load("").checkpoint == CheckpointSettings(folder: ".pipe/demo", interval: .seconds(10)))
        #expect(try load("checkpoint: true").checkpoint == CheckpointSettings(folder: ".pipe/demo"))
        #expect(try load("checkpoint: false").checkpoint == nil)
    }

    @Test func readsFolderIntervalAndRecords() throws {
        let settings = try load("checkpoint: {folder: \"${STATE}/demo\", interval: 500ms, records: 2000}").checkpoint
        #expect(settings == CheckpointSettings(folder: "/tmp/state/demo", interval: .milliseconds(500), records: 2000))
    }

    @Test(arguments: [
        ("checkpoint: {interval: soon}", 3, 24, "option `interval` of `checkpoint` expects a duration, got `soon`"),
        ("checkpoint: {records: -3}", 3, 23, "option `records` of `checkpoint` expects a whole number above zero"),
        ("checkpoint: {every: 3}", 3, 14, "unknown key `every` in `checkpoint`"),
        ("checkpoint: [1]", 3, 13, "`checkpoint` expects `false` or a mapping"),
    ])
    func badValuesAreReportedWhereTheyAre(yaml: String, line: Int, column: Int, message: String) throws {
        do {
            _ = try load(yaml)
            Issue.record("loaded")
        } catch let error as PipelineFileError {
            let first = try #require(error.diagnostics.first)
            #expect(first.message.contains(message), "\(first.message)")
            #expect(first.location?.line == line && first.location?.column == column, "\(String(describing: first.location))")
        }
    }

    @Test func aCheckpointFolderThatCannotBeWrittenIsReportedAtItsValue() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "not a folder".write(toFile: folder + "/file", atomically: false, encoding: .utf8)
        do {
            _ = try load("checkpoint: {folder: \"\(folder)/file/state\"}")
            Issue.record("loaded")
        } catch let error as PipelineFileError {
            let first = try #require(error.diagnostics.first)
            #expect(first.code == .io)
            #expect(first.message == "cannot keep checkpoints in `\(folder)/file/state`: `\(folder)/file` is a file, so the folders for `\(folder)/file/state/lock` cannot be created")
            #expect(first.hint == "choose a folder you can write to, or write `checkpoint: false`")
            #expect(first.location?.line == 3 && first.location?.column == 22)
        }
    }

    @Test func theFingerprintFollowsTheFileAndTheInput() throws {
        let plain = try load("")
        #expect(plain.fingerprint == (try load("")).fingerprint)
        #expect(plain.fingerprint != (try load("checkpoint: {records: 5}")).fingerprint)
        let other = try loader.load(yaml: "pipeline: demo\ninput: {path: in, format: jsonl}\n\nstages:\n  - type: parse\n",
                                    file: "p.yaml", input: "elsewhere.jsonl")
        #expect(plain.fingerprint != other.fingerprint)
    }
}
