#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of an open file descriptor; when a ``StopSignal`` is given, a read waiting for data
/// (on standard input, say) ends as if at the end of input once it fires.
package final class DescriptorSource: ByteSource {
    private let descriptor: Int32
    private let closesDescriptor: Bool
    private let stop: StopSignal?
    package private(set) var stopped = false
    package var compression: Compression? { nil }

    /// Reads `descriptor`, closing it when done if `closesDescriptor`. A read that fails throws a
    /// ``PipeError`` with code `io` whose message is the system's reason.
    package init(descriptor: Int32, closesDescriptor: Bool, stop: StopSignal? = nil) {
        self.descriptor = descriptor
        self.closesDescriptor = closesDescriptor
        self.stop = stop
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !stopped else { return 0 }
        guard waitForData() else {
            stopped = true
            return 0
        }
        while true {
            let count = systemRead(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw PipeError(.io, String(cString: strerror(errno))) }
        }
    }

    /// Waits until the descriptor is readable; `false` when the stop signal fired first.
    private func waitForData() -> Bool {
        guard let stop else { return true }
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while stop.signal == nil {
            if poll(&entry, 1, 100) != 0 { return true }
        }
        return false
    }

    deinit {
        if closesDescriptor { _ = close(descriptor) }
    }
}

/// `read(2)`, under a name the source's own `read(into:)` does not hide.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
