import NIOCore
import Synchronization

extension SyslogServer {
    /// Counters since start, for logs and /metrics.
    public struct Statistics: Hashable, Sendable {
        /// Messages handed to the sink, per transport.
        public var receivedUDP: Int
        public var receivedTCP: Int
        public var receivedTLS: Int
        /// Datagrams dropped because their source was over its rate limit.
        public var rateLimitedDatagrams: Int
        /// Times a stream connection was paused because its source was over its rate limit.
        public var rateLimitedStreamPauses: Int
        /// Times a listener paused because the sink was full.
        public var backPressurePauses: Int
        /// Stream frames cut at the size limit or at a connection's end.
        public var truncatedFrames: Int
        /// Datagrams the kernel dropped on our UDP sockets because their queue was full (/proc/net/udp).
        public var udpKernelDrops: Int
        /// The effective receive buffer of each UDP socket, in bytes, as the kernel reports it.
        public var udpReceiveBufferSizes: [Int]
        /// Stream connections open now, and accepted in all.
        public var openConnections: Int
        public var acceptedConnections: Int
        /// Connections closed on accept because ``Configuration/maximumConnections`` were open.
        public var refusedConnections: Int
        /// Connections closed for idleness, and TLS handshakes or streams that failed.
        public var idleClosedConnections: Int
        public var failedConnections: Int
        /// Messages dropped because the consumer had stopped.
        public var droppedAfterSinkClosed: Int

        public var received: Int { receivedUDP + receivedTCP + receivedTLS }
    }

    final class Counters: Sendable {
        let receivedUDP = Atomic<Int>(0)
        let receivedTCP = Atomic<Int>(0)
        let receivedTLS = Atomic<Int>(0)
        let rateLimitedDatagrams = Atomic<Int>(0)
        let rateLimitedStreamPauses = Atomic<Int>(0)
        let backPressurePauses = Atomic<Int>(0)
        let truncatedFrames = Atomic<Int>(0)
        let openConnections = Atomic<Int>(0)
        let acceptedConnections = Atomic<Int>(0)
        let refusedConnections = Atomic<Int>(0)
        let idleClosedConnections = Atomic<Int>(0)
        let failedConnections = Atomic<Int>(0)
        let droppedAfterSinkClosed = Atomic<Int>(0)
        /// Open stream connections, closed with the server.
        let connections = Mutex<[ObjectIdentifier: any Channel]>([:])

        func received(_ transport: SyslogTransport, _ n: Int) {
            switch transport {
            case .udp: receivedUDP.wrappingAdd(n, ordering: .relaxed)
            case .tcp: receivedTCP.wrappingAdd(n, ordering: .relaxed)
            case .tls: receivedTLS.wrappingAdd(n, ordering: .relaxed)
            }
        }
    }
}
