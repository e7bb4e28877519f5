import PipeKit
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A writer that sends the batches' bytes straight into standard output, a FIFO or a character
/// device (``OutputTarget``): nothing is staged or renamed, and nothing is replaced.
///
/// What was written stays written: a failed run cannot take it back, and a resumed run goes on
/// after its last checkpoint, so the reader may see the articles since then twice.
final class StreamWriter: ArticleWriter {
    private let path: String
    private let descriptor: Int32
    private let written = Mutex(0)

    init(path: String, header: String? = nil, resuming position: StagePosition?) throws {
        self.path = path
        if path == "-" {
            descriptor = STDOUT_FILENO
        } else {
            // Appending: `/dev/stdout` opened anew, when it is a file, must not write over what is there.
            descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw PipeError(.io, "cannot open `\(path)` for writing: \(String(cString: strerror(errno)))")
            }
        }
        written.withLock { $0 = position?["bytes"] ?? 0 }
        if let header, position == nil { try send(Array(header.utf8)) }
    }

    func write(_ batch: ExportStage.Encoded) throws -> [Int: any Error] {
        try send(batch.text)
        return [:]
    }

    private func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress.map { $0 + offset }, bytes.count - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw PipeError(.io, "cannot write to `\(path)`: \(String(cString: strerror(errno)))",
                                hint: path == "-" ? "standard output was closed; the reader of the pipe ended first" : nil)
            }
            offset += count
        }
        written.withLock { $0 += bytes.count }
    }

    func checkpoint() throws -> StagePosition { ["bytes": written.withLock { $0 }] }
    func stage(in publication: Publication, resumable: Bool) throws { close() }
    func discard() { close() }

    private func close() {
        if descriptor != STDOUT_FILENO { systemClose(descriptor) }
    }
}

/// `write(2)` and `close(2)`, under names the writer's own methods do not hide.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int { write(descriptor, bytes, count) }
private func systemClose(_ descriptor: Int32) { _ = close(descriptor) }
