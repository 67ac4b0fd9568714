import Dispatch
import Foundation

/// Runs `body` (then exits 0) on Ctrl-C or SIGTERM, so that a foreground listener can print its
/// counters on the way out.
enum Interrupt {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    static func onInterrupt(_ body: @escaping @Sendable () -> Void) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                body()
                exit(0)
            }
            source.resume()
            sources.append(source)
        }
    }
}
