import Foundation
import Synchronization

/// Runs the built `pipe` executable as a user would, in a folder of the test's choosing.
struct PipeProcess {
    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The `pipe` binary built beside the test bundle, or `PIPE_TEST_EXECUTABLE` (a release
    /// build, for the heavy runs of `Scripts/`).
    static let executable: String? = {
        let candidates = [ProcessInfo.processInfo.environment["PIPE_TEST_EXECUTABLE"]].compactMap { $0 } + [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pipe").path,
            packageRoot + "/.build/debug/pipe",
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    let process = Process()
    private let stdout = Pipe(), stderr = Pipe()
    /// The writing end of the child's standard input. The reading end is closed here once the
    /// child has it, so that writing to a child that has exited fails instead of waiting forever.
    private let stdinWrite: FileHandle

    init(_ arguments: [String], in folder: String, environment: [String: String] = [:], measuringInto report: String? = nil) throws {
        guard let executable = Self.executable else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "build `pipe` first: swift build"])
        }
        if let report {
            // GNU time writes the child's peak resident size in kilobytes to `report`.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
            process.arguments = ["-f", "%M", "-o", report, executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = stdout
        process.standardError = stderr
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw POSIXError(.EMFILE) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        stdinWrite = FileHandle(fileDescriptor: ends[1], closeOnDealloc: true)
        process.standardInput = FileHandle(fileDescriptor: ends[0], closeOnDealloc: false)
        // A write to a child that has gone must fail with EPIPE, not kill the tests.
        signal(SIGPIPE, SIG_IGN)
        defer { close(ends[0]) }
        try process.run()
    }

    /// Writes to the child's standard input, on a thread of its own (as ``wait(feeding:)`` does),
    /// and returns once the child has taken it all or has gone.
    func write(_ text: String) async {
        let stdinWrite = stdinWrite
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                try? stdinWrite.write(contentsOf: Data(text.utf8))
                continuation.resume()
            }
        }
    }

    /// Writes `input` (if any) to the child's standard input and closes it, then waits for the
    /// exit and collects what was printed. With `closingInput: false` the input stays open until
    /// the child has exited: a child stopped by a signal then cannot see the input end first.
    ///
    /// All of it happens on threads of its own, one for each pipe: a test blocking one of the
    /// few threads that Swift's concurrency runs every test on holds back every other test (and
    /// a task of the tests' own that the child waits on), and a child that fills its standard
    /// error while its input is still being written must find someone reading it.
    func wait(feeding input: String? = nil, closingInput: Bool = true) async -> Result {
        let (stdinWrite, output, error, process) = (stdinWrite, stdout.fileHandleForReading, stderr.fileHandleForReading, process)
        let (status, out, err) = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let fed = Handoff<Bool>(), errors = Handoff<Data>()
                Thread.detachNewThread {
                    if let input { try? stdinWrite.write(contentsOf: Data(input.utf8)) }
                    if closingInput { try? stdinWrite.close() }
                    fed.set(true)
                }
                Thread.detachNewThread { errors.set(error.readDataToEndOfFile()) }
                let out = output.readDataToEndOfFile()
                let err = errors.wait() ?? Data()
                _ = fed.wait()
                process.waitUntilExit()
                if !closingInput { try? stdinWrite.close() }
                continuation.resume(returning: (process.terminationStatus, out, err))
            }
        }
        return Result(status: status, output: String(decoding: out, as: UTF8.self), error: String(decoding: err, as: UTF8.self))
    }

    /// Runs a shell command to its end and returns its exit status, waiting without blocking a
    /// thread: a blocking wait holds one of the few threads the tests beside it run on.
    static func shell(_ command: String) async throws -> Int32 {
        let process = try Process.run(URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", command])
        return await exited(process)
    }

    /// Waits for `process` to end, polling, and returns its exit status.
    static func exited(_ process: Process) async -> Int32 {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        return process.terminationStatus
    }

    /// Runs `pipe` to the end, with `input` on its standard input.
    static func run(_ arguments: [String], in folder: String = packageRoot, input: String? = nil,
                    environment: [String: String] = [:]) async throws -> Result {
        try await PipeProcess(arguments, in: folder, environment: environment).wait(feeding: input)
    }

    /// Runs `pipe` to the end under `/usr/bin/time`, with its peak resident size in megabytes;
    /// nil for the size where GNU time is not installed.
    static func runMeasured(_ arguments: [String], in folder: String) async throws -> (Result, peakMB: Int?) {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { return (try await run(arguments, in: folder), nil) }
        let report = folder + "/.peak-\(UUID().uuidString)"
        let result = await (try PipeProcess(arguments, in: folder, measuringInto: report)).wait()
        let kilobytes = (try? String(contentsOfFile: report, encoding: .utf8))?
            .split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        return (result, kilobytes.map { $0 / 1024 })
    }

    /// Bytes written to standard input and not yet read by `pipe`.
    var unreadInput: Int32 {
        var count: Int32 = 0
        // Either end of a pipe tells how many bytes wait in it.
        _ = ioctl(stdinWrite.fileDescriptor, UInt(FIONREAD), &count)
        return count
    }
}

func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "pipe-cli-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Writes `in.jsonl`, one `{"id", "title", "body"}` record a line, and `p.yaml`: a pipeline over
/// it that runs `parse`, then `stages` (YAML list items at the left margin), then a jsonl export
/// to `out.jsonl`, without checkpoints.
func writeJSONLinesRun(in folder: String, articles: [(id: String, title: String, body: String)], stages: String) throws {
    let records = try articles.map { article in
        let object = ["id": article.id, "title": article.title, "body": article.body]
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
    try (records.joined(separator: "\n") + "\n").write(toFile: folder + "/in.jsonl", atomically: true, encoding: .utf8)
    let indented = stages.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
    try """
        input: {path: in.jsonl, format: jsonl}
        checkpoint: false
        stages:
          - type: parse
        \(indented)
          - type: export
            options: {path: out.jsonl}

        """.write(toFile: folder + "/p.yaml", atomically: true, encoding: .utf8)
}

/// A value that one thread hands to another, which waits for it.
private final class Handoff<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)
    private let ready = DispatchSemaphore(value: 0)

    func set(_ newValue: Value) {
        value.withLock { $0 = newValue }
        ready.signal()
    }

    func wait() -> Value? {
        ready.wait()
        return value.withLock { $0 }
    }
}
