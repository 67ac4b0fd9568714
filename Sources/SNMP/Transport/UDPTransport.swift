import NIOCore
import NIOPosix
import Synchronization

/// One UDP socket that multiplexes many outstanding requests by id.
///
/// Datagrams are matched to requests on the event loop (``RequestTable``) and handed back as
/// bytes; decoding happens in the caller's task, so the loop thread only moves packets.
final class UDPTransport: Sendable {
    let channel: any Channel
    private let table: NIOLoopBound<RequestTable>
    private let nextID: Atomic<UInt32>

    private init(channel: any Channel, table: NIOLoopBound<RequestTable>) {
        self.channel = channel
        self.table = table
        self.nextID = Atomic(UInt32.random(in: 1...0x3FFF_FFFF))
    }

    static func bind(host: String, group: any EventLoopGroup, limitPerAgent: Int, limitTotal: Int, receiveBufferSize: Int) async throws -> UDPTransport {
        let loop = group.next()
        let table = try await loop.submit { NIOLoopBound(RequestTable(limitPerAgent: limitPerAgent, limitTotal: limitTotal), eventLoop: loop) }.get()
        let channel = try await DatagramBootstrap(group: loop)
            .channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(receiveBufferSize))
            .channelOption(.datagramVectorReadMessageCount, value: 16)
            // recvmmsg splits one buffer evenly between the datagrams it reads: give each slot
            // room for the largest UDP datagram, or bigger ones arrive truncated and are lost.
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 16 * 65_536))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ResponseHandler(table: table.value))
                }
            }
            // A literal address, not a name: getaddrinfo's AI_ADDRCONFIG would refuse "::" in a
            // namespace whose only IPv6 address is loopback.
            .bind(to: SocketAddress(ipAddress: host, port: 0))
            .get()
        return UDPTransport(channel: channel, table: table)
    }

    /// A request id unused by any live request on this socket: positive, never 0.
    func allocateID() -> Int32 {
        let raw = nextID.wrappingAdd(1, ordering: .relaxed).newValue & 0x7FFF_FFFF
        return raw == 0 ? 1 : Int32(raw)
    }

    /// Sends `datagram` and waits for the datagram that answers `id`, resending per `policy`.
    func exchange(_ datagram: [UInt8], id: Int32, to address: SocketAddress, agent: String, policy: RetryPolicy) async throws -> [UInt8] {
        let buffer = channel.allocator.buffer(bytes: datagram)
        let table = self.table
        let loop = channel.eventLoop
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (completion: RequestTable.Completion) in
                loop.execute {
                    table.value.register(id: id, datagram: buffer, address: address, agent: agent, policy: policy, completion: completion)
                }
            }
        } onCancel: {
            loop.execute { table.value.cancel(id: id) }
        }
    }

    /// Sends a datagram that expects no answer.
    func send(_ datagram: [UInt8], to address: SocketAddress) {
        let buffer = channel.allocator.buffer(bytes: datagram)
        let table = self.table
        channel.eventLoop.execute { table.value.sendUnsolicited(buffer, to: address) }
    }

    func close() async {
        let table = self.table
        try? await channel.eventLoop.submit { table.value.close() }.get()
        try? await channel.close()
    }
}

/// Hands every received datagram to the request table.
private final class ResponseHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let table: RequestTable

    init(table: RequestTable) { self.table = table }

    func handlerAdded(context: ChannelHandlerContext) { table.attach(context) }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        table.received(Array(envelope.data.readableBytesView), from: envelope.remoteAddress)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A datagram socket survives ICMP errors and oversized datagrams; keep serving.
    }
}

@available(*, unavailable)
extension ResponseHandler: Sendable {}
