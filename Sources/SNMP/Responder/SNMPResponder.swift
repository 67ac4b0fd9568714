public import NIOCore
public import NIOPosix
import Synchronization

/// An SNMP agent on one or many UDP endpoints, answering through an ``SNMPAgentEngine``.
///
/// Each endpoint is its own socket, spread over the event loops; a datagram is answered on
/// the loop that read it, and answers are flushed once per read batch (sendmmsg).
public final class SNMPResponder: Sendable {
    private let channels: [any Channel]
    private let counters: Counters

    /// Traffic counters, for logs and benchmarks.
    public struct Statistics: Sendable, Hashable {
        public var answered: Int
        public var dropped: Int
    }

    final class Counters: Sendable {
        let answered = Atomic<Int>(0)
        let dropped = Atomic<Int>(0)
    }

    private init(channels: [any Channel], counters: Counters) {
        self.channels = channels
        self.counters = counters
    }

    /// Binds every endpoint; fails if any cannot be bound (and closes those that were).
    public static func start(
        endpoints: [(host: String, port: Int)],
        engine: SNMPAgentEngine,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        receiveBufferSize: Int = 4 << 20
    ) async throws -> SNMPResponder {
        let counters = Counters()
        var channels: [any Channel] = []
        do {
            for endpoint in endpoints {
                // No SO_REUSEADDR: on Linux it lets a UDP bind share a port another socket holds
                // (even hand out such a port for port 0), so datagrams go astray instead of the
                // bind failing with "address in use".
                let channel = try await DatagramBootstrap(group: group)
                    .channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(receiveBufferSize))
                    .channelOption(.datagramVectorReadMessageCount, value: 4)
                    // recvmmsg splits one buffer evenly between the datagrams it reads. Requests are
                    // small, and a simulator may run ten thousand sockets: 16 KiB a slot keeps the
                    // first read of each cheap; a larger request arrives truncated and is dropped.
                    .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 4 * 16_384))
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(RequestHandler(engine: engine, counters: counters))
                        }
                    }
                    .bind(to: SNMPClient.resolveLiteralOrName(endpoint.host, port: endpoint.port))
                    .get()
                channels.append(channel)
            }
        } catch {
            for channel in channels { try? await channel.close() }
            throw error
        }
        return SNMPResponder(channels: channels, counters: counters)
    }

    /// The bound addresses (with the ports the kernel chose for port 0).
    public var localAddresses: [SocketAddress] { channels.compactMap(\.localAddress) }

    public var statistics: Statistics {
        Statistics(answered: counters.answered.load(ordering: .relaxed), dropped: counters.dropped.load(ordering: .relaxed))
    }

    public func close() async {
        for channel in channels { try? await channel.close() }
    }
}

private final class RequestHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private let engine: SNMPAgentEngine
    private let counters: SNMPResponder.Counters
    private var pendingFlush = false

    init(engine: SNMPAgentEngine, counters: SNMPResponder.Counters) {
        self.engine = engine
        self.counters = counters
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        switch engine.respond(to: Array(envelope.data.readableBytesView), from: envelope.remoteAddress) {
        case .success(let answer):
            let buffer = context.channel.allocator.buffer(bytes: answer)
            context.write(wrapOutboundOut(AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: buffer)), promise: nil)
            pendingFlush = true
            counters.answered.wrappingAdd(1, ordering: .relaxed)
        case .failure:
            counters.dropped.wrappingAdd(1, ordering: .relaxed)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if pendingFlush {
            pendingFlush = false
            context.flush()
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Keep serving: one bad peer must not stop the agent.
    }
}

@available(*, unavailable)
extension RequestHandler: Sendable {}
