@testable import PipeKit

/// Bytes given out a few at a time, so that readers meet every boundary.
final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private let chunk: Int
    private var position = 0
    let stopped = false

    init(_ bytes: [UInt8], chunk: Int = .max) {
        self.bytes = bytes
        self.chunk = chunk
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, chunk, bytes.count - position)
        bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[position..<(position + count)])) }
        position += count
        return count
    }

    /// Everything `source` gives out, read in blocks of `block` bytes.
    static func drain(_ source: any ByteSource, block: Int = 4096) throws -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: block)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return result }
            result += buffer[..<count]
        }
    }
}
