import ArgumentParser
import Dispatch
import NIOCore
import NIOPosix

/// Process entry: makes SwiftNIO's event loops Swift Concurrency's executor before any task
/// runs, then runs the command.
///
/// With one shared pool, an SNMP response resumes the waiting task on the thread that read
/// the datagram: no wake-up of a second thread per packet, which otherwise costs more CPU
/// than decoding the packet. One-shot commands need a single loop; long-running ones
/// (simulate, later the daemon) use one per core.
@main
enum Entry {
    static func main() {
        let longRunning = CommandLine.arguments.dropFirst().first.map { ["simulate", "daemon"].contains($0) } ?? false
        NIOSingletons.groupLoopCountSuggestion = longRunning ? System.coreCount : 1
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        Task {
            await Netwarden.main()
            exit(0)
        }
        dispatchMain()
    }
}
