@testable import PipeKit

extension ByteSource {
    /// Everything the source gives out, read in blocks of `block` bytes.
    func drain(block: Int = 4096) throws -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: block)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try read(into: $0) }
            if count == 0 { return result }
            result += buffer[..<count]
        }
    }
}
