import NIOCore
import Syslog
import Synchronization
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// One UDP socket: a datagram is one message (RFC 5426), parsed and classified here on the event
/// loop that read it, then yielded to the sink once per read batch.
final class DatagramHandler: ChannelDuplexHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private let parser: SyslogParser
    private let gate: SinkGate
    private let limiter: SharedRateLimiter?
    private let counters: SyslogServer.Counters
    private var batch: [ReceivedSyslogMessage] = []
    private var context: ChannelHandlerContext?
    private var paused = false
    private var pendingRead = false

    init(parser: SyslogParser, gate: SinkGate, limiter: SharedRateLimiter?, counters: SyslogServer.Counters) {
        self.parser = parser
        self.gate = gate
        self.limiter = limiter
        self.counters = counters
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        gate.forget(ObjectIdentifier(self))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let source = envelope.remoteAddress
        if let limiter, let key = SourceKey(source), !limiter.admit(key, now: NIODeadline.now().uptimeNanoseconds) {
            counters.rateLimitedDatagrams.wrappingAdd(1, ordering: .relaxed)
            return
        }
        let message = envelope.data.withUnsafeReadableBytes { bytes in
            parser.parse(bytes, receivedAt: .now, sourceAddress: source.ipAddress)
        }
        batch.append(ReceivedSyslogMessage(message: message, transport: .udp, source: source, framing: nil))
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        deliver()
        context.fireChannelReadComplete()
    }

    private func deliver() {
        guard !batch.isEmpty else { return }
        let messages = batch
        batch.removeAll(keepingCapacity: true)
        let loop = NIOLoopBound(self, eventLoop: context!.eventLoop)
        // Counted before the consumer can see them.
        counters.received(.udp, messages.count)
        switch gate.yield(messages, id: ObjectIdentifier(self), resume: { loop.execute { $0.resume() } }) {
        case .more:
            break
        case .pause:
            counters.backPressurePauses.wrappingAdd(1, ordering: .relaxed)
            paused = true
        case .dropped:
            counters.received(.udp, -messages.count)
            counters.droppedAfterSinkClosed.wrappingAdd(messages.count, ordering: .relaxed)
        }
    }

    func read(context: ChannelHandlerContext) {
        if paused {
            pendingRead = true
        } else {
            context.read()
        }
    }

    private func resume() {
        paused = false
        if pendingRead, let context {
            pendingRead = false
            context.read()
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A bad datagram or an ICMP error must not stop the listener.
    }
}

@available(*, unavailable)
extension DatagramHandler: Sendable {}

extension NIOLoopBound {
    /// Runs `body` with the value on its event loop.
    func execute(_ body: @escaping @Sendable (Value) -> Void) {
        let me = self
        eventLoop.execute { body(me.value) }
    }
}

extension SyslogInstant {
    /// The wall clock now.
    static var now: SyslogInstant {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return SyslogInstant(secondsSince1970: Int64(ts.tv_sec), nanoseconds: Int32(ts.tv_nsec))
    }
}
