@testable import PipeKit
import Testing
import Yams

@Suite("OptionsDecoder")
struct OptionsDecoderTests {
    enum Shade: String, CaseIterable, OptionValue { case light, dark }

    struct Example: StageOptions {
        @Option("name", help: "a name") var name = "plain"
        @Option("count", help: "how many") var count: Int?
        @Option("shade", help: "which") var shade: Shade = .light
        @Option("path", type: "path", help: "where") var path: String
        @Option("every", help: "how often") var every = Duration.seconds(10)
        @Option("limit", help: "how much") var limit = ByteSize(bytes: 1 << 20)
        @Option("tags", help: "labels") var tags: [String] = []
        @Option("code", allowed: ["en", "fr"], help: "a language") var code = "en"
        init() {}
    }

    /// Not every stored property is an `@Option`.
    struct Undeclared: StageOptions {
        @Option("name", help: "a name") var name = "plain"
        var hidden = 3
        init() {}
    }

    static func decode<O: StageOptions>(_ type: O.Type, _ yaml: String) throws -> (options: O, problems: [OptionProblem]) {
        OptionsDecoder.decode(type, from: try Yams.compose(yaml: yaml))
    }

    @Test func keysLeftOutKeepTheirDefaults() throws {
        let (options, problems) = try Self.decode(Example.self, "path: out.txt")
        #expect(problems.isEmpty)
        #expect(options.name == "plain" && options.count == nil && options.shade == .light && options.tags.isEmpty)
        #expect(options.path == "out.txt" && options.every == .seconds(10) && options.limit.bytes == 1 << 20)
    }

    @Test func valuesAreReadAsAPipelineFileWritesThem() throws {
        let (options, problems) = try Self.decode(
            Example.self, "{name: n, count: 3, shade: dark, path: p, every: 500ms, limit: 2KiB, tags: [a, b]}")
        #expect(problems.isEmpty)
        #expect(options.name == "n" && options.count == 3 && options.shade == .dark && options.path == "p")
        #expect(options.every == .milliseconds(500) && options.limit.bytes == 2048 && options.tags == ["a", "b"])
    }

    @Test func everyProblemIsFoundWithItsPosition() throws {
        let (_, problems) = try Self.decode(Example.self, "nmae: x\ncount: many\nshade: grey\nevery: never\ncode: de\n")
        let found = problems.map { problem -> String in
            switch problem.kind {
            case .unknownKey(let key, _): "unknown \(key) \(problem.line ?? 0):\(problem.column ?? 0)"
            case .missing(let field): "missing \(field.name)"
            case .invalid(let field, _, let got, _): "invalid \(field.name) \(got) \(problem.line ?? 0):\(problem.column ?? 0)"
            case .notDeclared(let type): "undeclared \(type)"
            }
        }
        #expect(found == ["unknown nmae 1:1", "invalid count `many` 2:8", "invalid shade `grey` 3:8", "missing path",
                          "invalid every `never` 4:8", "invalid code `de` 5:7"])
    }

    @Test func aKeySuppliedElsewhereIsNotMissing() throws {
        let decoded = OptionsDecoder.decode(Example.self, from: try Yams.compose(yaml: "name: x"), supplied: ["path"])
        #expect(decoded.problems.isEmpty)
    }

    @Test func aStoredPropertyWithoutOptionIsAProblemNotACrash() throws {
        let (_, problems) = try Self.decode(Undeclared.self, "name: x")
        guard case .notDeclared? = problems.last?.kind else {
            Issue.record("expected notDeclared, got \(problems)")
            return
        }
    }

    @Test func theDeclarationsDescribeEachKey() {
        let fields = Example.fields
        #expect(fields.map(\.name) == ["name", "count", "shade", "path", "every", "limit", "tags", "code"])
        #expect(fields.map(\.type) == ["string", "integer", "string", "path", "duration", "size", "list of string", "string"])
        #expect(fields.map(\.defaultValue) == ["plain", nil, "light", nil, "10s", "1MiB", "[]", "en"])
        #expect(fields.map(\.isRequired) == [false, false, false, true, false, false, false, false])
        #expect(fields[2].allowedValues == ["light", "dark"])
        #expect(fields[7].allowedValues == ["en", "fr"])
        #expect(fields[2].expectation == "one of light, dark")
    }

    @Test func everyDeclaredKeyIsRead() {
        #expect(StageDescriptor.keysRead(by: Example.self) == Example.fields.map(\.name))
        #expect(StageDescriptor.keysRead(by: Undeclared.self) == nil)
        #expect(Undeclared.fields.map(\.name) == ["name"])
    }

    @Test(arguments: [("auto", Concurrency.auto), ("3", .workers(3))])
    func concurrencyReadsAutoOrAWorkerCount(text: String, expected: Concurrency) throws {
        struct Workers: StageOptions {
            @Option("workers", help: "") var workers = Concurrency.workers(1)
            init() {}
        }
        let (options, problems) = try Self.decode(Workers.self, "workers: \(text)")
        #expect(problems.isEmpty && options.workers == expected)
        #expect(try Self.decode(Workers.self, "workers: 0").problems.count == 1)
    }
}
