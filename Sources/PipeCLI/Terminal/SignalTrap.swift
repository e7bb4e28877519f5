import Dispatch
import PipeKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT and SIGTERM into a stop request; a second signal exits at once.
final class SignalTrap {
    let stop = StopSignal()
    private let sources: [any DispatchSourceSignal]

    init(signals: [Int32] = [SIGINT, SIGTERM]) {
        let stop = self.stop
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if stop.signal != nil {
                    Terminal.error("second signal: exiting without finishing")
                    exit(128 + number)
                }
                Terminal.error("stopping: finishing the articles in flight (press Ctrl-C again to exit now)")
                stop.request(signal: number)
            }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
