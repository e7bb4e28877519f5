#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The input handler of the running fuzzer; set once, before libFuzzer starts calling it.
nonisolated(unsafe) private var handler: ([UInt8]) -> Void = { _ in }

/// Runs libFuzzer's driver with the process's arguments, calling `body` with every input.
///
/// SwiftPM names an executable's entry point after its target, so the fuzz targets have a Swift
/// `@main` that hands control to libFuzzer through `LLVMFuzzerRunDriver` instead of libFuzzer's own `main`.
public func runFuzzer(_ body: @escaping ([UInt8]) -> Void) -> Never {
    handler = body
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    let status = LLVMFuzzerRunDriver(&argc, &argv) { data, count in
        handler(data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [])
        return 0
    }
    exit(status)
}
