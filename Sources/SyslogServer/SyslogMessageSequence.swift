import NIOCore
import Synchronization

/// The messages every listener of a ``SyslogServer`` receives, in one back-pressured sequence
/// (single consumer).
///
/// When the consumer falls ``SyslogServer/Configuration/sinkCapacity`` messages behind, TCP and TLS
/// connections stop reading (their senders block: RFC 6587 back-pressure, nothing lost) and UDP
/// sockets stop reading too, so the kernel queue absorbs the burst and counts what it must drop
/// (``SyslogServer/Statistics/udpKernelDrops``). Reading resumes when the consumer is back to half.
public struct SyslogMessageSequence: AsyncSequence, Sendable {
    public typealias Element = ReceivedSyslogMessage
    typealias Producer = NIOAsyncSequenceProducer<
        ReceivedSyslogMessage, NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark, SinkGate
    >

    let producer: Producer

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: Producer.AsyncIterator
        public mutating func next() async -> ReceivedSyslogMessage? { await base.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: producer.makeAsyncIterator()) }
}

/// Where the listeners meet the sequence: it yields their batches and remembers which of them
/// paused, to resume them when the consumer asks for more.
final class SinkGate: NIOAsyncSequenceProducerDelegate, Sendable {
    private struct State {
        /// Bumped on every produceMore, so a producer that was told to stop while a produceMore
        /// raced past it does not pause with nobody left to wake it.
        var epoch: UInt64 = 0
        var paused: [ObjectIdentifier: @Sendable () -> Void] = [:]
        var terminated = false
    }

    private let state = Mutex(State())
    private let source = Mutex<SyslogMessageSequence.Producer.Source?>(nil)

    /// Makes the gate and its sequence.
    static func make(capacity: Int) -> (SinkGate, SyslogMessageSequence) {
        let gate = SinkGate()
        let high = max(capacity, 2)
        let new = SyslogMessageSequence.Producer.makeSequence(
            backPressureStrategy: .init(lowWatermark: high / 2, highWatermark: high), finishOnDeinit: false, delegate: gate)
        gate.source.withLock { $0 = new.source }
        return (gate, SyslogMessageSequence(producer: new.sequence))
    }

    enum Outcome {
        /// Keep reading.
        case more
        /// Stop reading until the resume closure runs.
        case pause
        /// The consumer is gone; the batch was dropped.
        case dropped
    }

    var epoch: UInt64 { state.withLock { $0.epoch } }

    /// Yields a batch. On `.pause` the producer is registered under `id` and `resume` runs (on any
    /// thread) once the consumer wants more; the producer must not read until then.
    func yield(_ batch: [ReceivedSyslogMessage], id: ObjectIdentifier, resume: @escaping @Sendable () -> Void) -> Outcome {
        let before = epoch
        guard let source = source.withLock({ $0 }) else { return .dropped }
        switch source.yield(contentsOf: batch) {
        case .produceMore: return .more
        case .dropped: return .dropped
        case .stopProducing:
            return state.withLock { s in
                if s.terminated || s.epoch != before { return .more }
                s.paused[id] = resume
                return .pause
            }
        }
    }

    /// A producer that closes while paused.
    func forget(_ id: ObjectIdentifier) {
        _ = state.withLock { $0.paused.removeValue(forKey: id) }
    }

    func produceMore() {
        let waiting = state.withLock { s in
            s.epoch &+= 1
            let list = Array(s.paused.values)
            s.paused.removeAll()
            return list
        }
        for resume in waiting { resume() }
    }

    func didTerminate() {
        let waiting = state.withLock { s in
            s.terminated = true
            let list = Array(s.paused.values)
            s.paused.removeAll()
            return list
        }
        for resume in waiting { resume() }
    }

    /// Ends the sequence after what is buffered.
    func finish() {
        source.withLock { s in
            s?.finish()
            s = nil
        }
    }

    var pausedProducerCount: Int { state.withLock { $0.paused.count } }
}
