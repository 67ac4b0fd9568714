import ArgumentParser
import Dispatch
import NIOCore
import NIOPosix

/// Process entry: runs one-shot commands on a single SwiftNIO event loop, used as the task
/// executor of every task they create.
///
/// An SNMP response then resumes the waiting task on the thread that read the datagram:
/// no wake-up of a second thread per packet, which otherwise costs more CPU than decoding
/// the packet. Long-running commands (simulate, later the daemon) keep Swift's global pool
/// and one event loop per core.
@main
enum Entry {
    static func main() {
        let longRunning = CommandLine.arguments.dropFirst().first.map { ["simulate", "daemon", "syslog", "traps"].contains($0) } ?? false
        if longRunning {
            NIOSingletons.groupLoopCountSuggestion = System.coreCount
            Task {
                await Netwarden.main()
                exit(0)
            }
        } else {
            NIOSingletons.groupLoopCountSuggestion = 1
            let executor = EventLoopTaskExecutor(MultiThreadedEventLoopGroup.singleton.next())
            Task(executorPreference: executor) {
                await Netwarden.main()
                exit(0)
            }
        }
        dispatchMain()
    }
}

/// Runs task jobs on one event loop.
final class EventLoopTaskExecutor: TaskExecutor {
    private let loop: any EventLoop

    init(_ loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        loop.execute { job.runSynchronously(on: executor) }
    }
}
