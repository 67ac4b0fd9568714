import NIOCore
import NIOSSL
import Syslog
import Synchronization

/// One TCP or TLS connection: RFC 6587 framing detected per frame by a ``SyslogFramer`` (bounded:
/// at most one frame plus one read is held), each frame parsed and classified on this connection's
/// event loop, yielded to the sink once per read batch.
///
/// Reading stops — the sender's window fills and it blocks, nothing is lost — while the sink is
/// full or the source is over its rate limit. Connections are independent: one that stalls mid-frame
/// holds its own few bytes and nothing else, until the idle timeout closes it.
final class StreamHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let transport: SyslogTransport
    private let parser: SyslogParser
    private let gate: SinkGate
    private let limiter: SharedRateLimiter?
    private let counters: SyslogServer.Counters
    private var framer: SyslogFramer
    private var batch: [ReceivedSyslogMessage] = []
    private var context: ChannelHandlerContext?
    private var source: SocketAddress?
    private var sourceText: String?
    private var sourceKey: SourceKey?
    private var sinkPaused = false
    private var throttled = false
    private var pendingRead = false
    private var counted = false

    init(transport: SyslogTransport, parser: SyslogParser, maximumFrameSize: Int, gate: SinkGate,
         limiter: SharedRateLimiter?, counters: SyslogServer.Counters) {
        self.transport = transport
        self.parser = parser
        self.framer = SyslogFramer(maximumFrameSize: maximumFrameSize)
        self.gate = gate
        self.limiter = limiter
        self.counters = counters
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        source = context.channel.remoteAddress
        sourceText = source?.ipAddress
        sourceKey = source.flatMap(SourceKey.init)
        counters.openConnections.wrappingAdd(1, ordering: .relaxed)
        counters.acceptedConnections.wrappingAdd(1, ordering: .relaxed)
        counted = true
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        gate.forget(ObjectIdentifier(self))
        if counted {
            counted = false
            counters.openConnections.wrappingSubtract(1, ordering: .relaxed)
        }
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        buffer.withUnsafeReadableBytes { framer.append($0) }
        let now = SyslogInstant.now
        while let frame = framer.nextFrame() { add(frame, at: now) }
    }

    private func add(_ frame: SyslogFrame, at now: SyslogInstant) {
        if frame.isTruncated { counters.truncatedFrames.wrappingAdd(1, ordering: .relaxed) }
        let message = parser.parse(frame, receivedAt: now, sourceAddress: sourceText)
        batch.append(ReceivedSyslogMessage(message: message, transport: transport, source: source ?? Self.unknown,
                                           framing: frame.framing))
    }

    private static let unknown = try! SocketAddress(ipAddress: "0.0.0.0", port: 0)

    func channelReadComplete(context: ChannelHandlerContext) {
        deliver(context: context)
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        // The peer closed (or idled out) mid-frame: what it sent is kept, flagged truncated.
        if let last = framer.finish() { add(last, at: .now) }
        deliver(context: context)
        context.fireChannelInactive()
    }

    private func deliver(context: ChannelHandlerContext) {
        guard !batch.isEmpty else { return }
        let messages = batch
        batch.removeAll(keepingCapacity: batch.capacity <= 1_024)
        if let limiter, let sourceKey {
            let wait = limiter.charge(sourceKey, count: messages.count, now: NIODeadline.now().uptimeNanoseconds)
            if wait > 0, !throttled, context.channel.isActive {
                throttled = true
                counters.rateLimitedStreamPauses.wrappingAdd(1, ordering: .relaxed)
                let loop = NIOLoopBound(self, eventLoop: context.eventLoop)
                context.eventLoop.scheduleTask(in: .nanoseconds(Int64(min(wait, UInt64(Int64.max))))) {
                    loop.value.throttled = false
                    loop.value.resumeIfReady()
                }
            }
        }
        let loop = NIOLoopBound(self, eventLoop: context.eventLoop)
        // Counted before the consumer can see them.
        counters.received(transport, messages.count)
        switch gate.yield(messages, id: ObjectIdentifier(self), resume: { loop.execute { $0.sinkResumed() } }) {
        case .more:
            break
        case .pause:
            counters.backPressurePauses.wrappingAdd(1, ordering: .relaxed)
            sinkPaused = true
        case .dropped:
            counters.received(transport, -messages.count)
            counters.droppedAfterSinkClosed.wrappingAdd(messages.count, ordering: .relaxed)
        }
    }

    func read(context: ChannelHandlerContext) {
        if sinkPaused || throttled {
            pendingRead = true
        } else {
            context.read()
        }
    }

    private func sinkResumed() {
        sinkPaused = false
        resumeIfReady()
    }

    private func resumeIfReady() {
        guard !sinkPaused, !throttled, pendingRead, let context else { return }
        pendingRead = false
        context.read()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            // Our own pause is not the peer's idleness.
            guard !sinkPaused, !throttled else { return }
            counters.idleClosedConnections.wrappingAdd(1, ordering: .relaxed)
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A failed TLS handshake, a reset: this connection ends, the listener goes on. A sender that
        // closes TCP without TLS close_notify has still delivered everything it sent.
        if let tls = error as? NIOSSLError, case .uncleanShutdown = tls {
            context.close(promise: nil)
            return
        }
        counters.failedConnections.wrappingAdd(1, ordering: .relaxed)
        context.close(promise: nil)
    }
}

@available(*, unavailable)
extension StreamHandler: Sendable {}
