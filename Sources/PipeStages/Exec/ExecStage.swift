import Foundation
import Logging
import PipeKit
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs each article through a long-lived child process written in any language.
///
/// ```yaml
/// - type: exec
///   concurrency: 2
///   timeout: 10s
///   options:
///     command: [python3, Plugins/exec-examples/upper.py]
///     batch: 16
///     writes: [title_words]
/// ```
/// Each worker starts the command once and reuses it. Articles go to its standard input one JSON
/// object per line (as export writes them), up to `batch` at a time; it answers each with one
/// line: the article as it should be, or `{"error": "…"}`. Keys the model does not know become
/// custom fields. A child that exits, hangs past `timeout:` (30 s when not set), prints a line
/// that is not a JSON object or answers for the wrong article costs only the oldest unanswered
/// article (handled by `on_error`); it is restarted, with backoff, and sent the rest again.
/// After `restarts` failures in a row the run stops. Its standard error goes to the log; it
/// inherits the environment. The protocol is in Docs/Plugins.md.
public struct ExecStage: ConfigurableStage, BatchStage {
    /// The options of `exec`.
    public struct Options: StageOptions {
        /// The program and its arguments.
        @Option("command", help: "the program and its arguments, `[python3, script.py]`, or one program; a path must be "
                    + "executable, a name is looked up on `PATH`")
        public var command: Command
        /// How many articles are sent to the child at once.
        @Option("batch", help: "articles written to the program before their answers are read")
        public var batch = 16
        /// The fields the child needs an earlier stage to have set.
        @Option("reads", help: "the fields the program needs an earlier stage to have set")
        public var reads: [String] = []
        /// The fields the child sets.
        @Option("writes", help: "the fields it sets")
        public var writes: [String] = []
        /// How many failures of the child in a row stop the run.
        @Option("restarts", help: "failures of the program in a row (exit, hang, broken line) that stop the run")
        public var restarts = 5

        /// The defaults (no command: it is required).
        public init() {}
    }

    /// `exec`.
    public static let name = "exec"
    /// One line for `pipe stages`.
    public static let summary = "Run each article through a long-lived child process in any language (JSON Lines)"

    /// How long the child may take on an article when the stage sets no `timeout:`.
    public static let defaultTimeout = Duration.seconds(30)

    /// The options in force.
    public let options: Options
    private let configuration: Configuration
    private let pool = ExecChildPool()

    /// Creates the stage, checking that the program can be found.
    public init(options: Options, setup: StageSetup) throws {
        var problems: [OptionError] = []
        let program = options.command.words.first ?? ""
        if program.isEmpty {
            problems.append(OptionError(key: "command", "`command` must name a program", hint: "for example `command: [python3, script.py]`"))
        } else if !Self.canRun(program) {
            problems.append(OptionError(key: "command", "cannot find the program `\(program)`",
                                        hint: program.contains("/") ? "check the path (relative to the current folder) and that it is executable"
                                            : "install it or give its path; PATH is searched"))
        }
        if options.batch < 1 { problems.append(OptionError(key: "batch", "`batch` must be at least 1")) }
        if options.restarts < 1 { problems.append(OptionError(key: "restarts", "`restarts` must be at least 1")) }
        try OptionErrors.check(problems)
        self.options = options
        configuration = Configuration(
            executable: program.contains("/") ? .path(FilePath(program)) : .name(program),
            arguments: Arguments(Array(options.command.words.dropFirst())),
            environment: .inherit
        )
    }

    /// Whether `program` is an executable file (a path) or found on `PATH` (a name).
    static func canRun(_ program: String) -> Bool {
        let manager = FileManager.default
        if program.contains("/") { return manager.isExecutableFile(atPath: program) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { manager.isExecutableFile(atPath: "\($0)/\(program)") }
    }

    /// The fields the options name.
    public var fieldAccess: FieldAccess {
        FieldAccess(reads: options.reads.map { ArticleField($0) }, writes: options.writes.map { ArticleField($0) })
    }

    /// Processes one article through a child.
    public func process(_ article: Article, context: StageContext) async throws -> Article? {
        try await process(batch: [article], context: context)[0].get()
    }

    /// Processes a batch through a child, `batch` articles at a time.
    public func process(batch articles: [Article], context: StageContext) async throws -> [Result<Article?, any Error>] {
        let limit = context.timeout ?? Self.defaultTimeout
        let lines = articles.map { article in
            var writer = JSONWriter()
            article.writeJSON(into: &writer)
            return writer.bytes + [UInt8(ascii: "\n")]
        }
        var exchange = ExecExchange<Article>(count: articles.count)
        while !exchange.isComplete {
            let child = try await pool.checkout { try await start(context: context) }
            let chunk = Array(exchange.pending.prefix(options.batch))
            if let failure = await send(chunk, lines: lines, of: articles, to: child, within: limit, recording: &exchange) {
                exchange.childFailed(failure)
                let inARow = pool.discard(child)
                guard inARow < options.restarts else {
                    throw PipeError(.stageFailed, "stage `\(context.stageID)`: `\(commandText)` failed \(inARow) times in a row; the last time, \(failure)",
                                    hint: "try it by hand: `pipe run` with an export before this stage, then `head -1 OUT.jsonl | \(commandText)`")
                }
                context.logger.warning("stage `\(context.stageID)`: restarting `\(commandText)`: \(failure)")
                try await Task.sleep(for: .milliseconds(min(2000, 50 << min(inARow, 6))))
            } else {
                pool.checkin(child)
            }
        }
        return exchange.results.map { result in
            switch result {
            case .success(let article)?: .success(article)
            case .failure(let failure)?: .failure(PipeError(.stageFailed, failure.description))
            case nil: .failure(PipeError(.stageFailed, "no answer"))
            }
        }
    }

    /// Sends the articles `chunk` to `child` and records its answers; returns the failure that
    /// ended the exchange early, if one did.
    private func send(
        _ chunk: [Int], lines: [[UInt8]], of articles: [Article], to child: ExecChild, within limit: Duration,
        recording exchange: inout ExecExchange<Article>
    ) async -> ExecFailure? {
        guard await child.send(chunk.flatMap { lines[$0] }, within: limit) else {
            return ExecFailure(description: "the child did not take its input within \(limit)", restartsChild: true)
        }
        for index in chunk {
            switch await child.next(within: limit) {
            case .line(let line):
                switch ExecReply.interpret(line, for: articles[index]) {
                case .article(let article): exchange.answer(.success(article))
                case .error(let message): exchange.answer(.failure(ExecFailure(description: message, restartsChild: false)))
                case .violation(let message): return ExecFailure(description: message, restartsChild: true)
                }
                pool.answered()
            case .ended(let how):
                return ExecFailure(description: "the child stopped before answering: \(how)", restartsChild: true)
            case .timedOut:
                return ExecFailure(description: "the child did not answer within \(limit)", restartsChild: true)
            }
        }
        return nil
    }

    private func start(context: StageContext) async throws -> ExecChild {
        do {
            return try await ExecChild.start(configuration, capacity: options.batch, logger: context.logger)
        } catch {
            throw PipeError(.stageFailed, "stage `\(context.stageID)` cannot start `\(commandText)`: \(error)",
                            hint: "check `command`, and that the program runs in this folder")
        }
    }

    private var commandText: String { options.command.words.joined(separator: " ") }

    /// Closes the children: each sees the end of its input and exits.
    public func finish(_ outcome: RunOutcome, context: StageContext) async throws {
        await pool.closeAll()
    }
}
