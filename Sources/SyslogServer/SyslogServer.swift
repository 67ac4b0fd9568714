public import NIOCore
public import NIOPosix
import NIOSSL
import Syslog
import Synchronization

/// Syslog listeners — UDP (RFC 5426), TCP (RFC 6587) and TLS (RFC 5425) — that hand every message,
/// parsed and classified, to one back-pressured sequence, ``messages``. It knows nothing of storage:
/// whoever consumes the sequence stores, prints or forwards.
///
/// Parsing and classification run on the event loop that read the bytes: at under a microsecond a
/// message they cost less than handing raw bytes to another thread would, and TCP/TLS connections
/// spread over every loop, so parsing scales with the cores without a queue in between.
public final class SyslogServer: Sendable {
    /// Every message every listener receives; one consumer.
    public let messages: SyslogMessageSequence

    private let udpChannels: [any Channel]
    private let streamChannels: [(transport: SyslogTransport, channel: any Channel)]
    private let counters: Counters
    private let gate: SinkGate
    private let udpBufferSizes: [Int]

    private init(messages: SyslogMessageSequence, udpChannels: [any Channel], udpBufferSizes: [Int],
                 streamChannels: [(SyslogTransport, any Channel)], counters: Counters, gate: SinkGate) {
        self.messages = messages
        self.udpChannels = udpChannels
        self.udpBufferSizes = udpBufferSizes
        self.streamChannels = streamChannels.map { (transport: $0.0, channel: $0.1) }
        self.counters = counters
        self.gate = gate
    }

    /// Why the server could not start.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Binds every listener; fails, closing what was bound, if any cannot be.
    public static func start(
        _ configuration: Configuration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> SyslogServer {
        var configuredParser = configuration.parser
        configuredParser.options.maximumMessageSize = configuration.maximumMessageSize
        let parser = configuredParser
        let counters = Counters()
        let (gate, sequence) = SinkGate.make(capacity: configuration.sinkCapacity)
        let limiter = configuration.rateLimit.map(SharedRateLimiter.init)

        var sslContext: NIOSSLContext?
        if !configuration.tls.isEmpty {
            guard let files = configuration.tlsFiles else {
                throw StartError(description: "TLS listeners need a certificate and a private key")
            }
            sslContext = try makeSSLContext(files)
        }

        var udp: [any Channel] = []
        var sizes: [Int] = []
        var streams: [(SyslogTransport, any Channel)] = []
        do {
            for endpoint in configuration.udp {
                // No SO_REUSEADDR for UDP: it would let the bind share a port another socket holds.
                let channel = try await DatagramBootstrap(group: group)
                    .channelOption(.datagramVectorReadMessageCount, value: 8)
                    // recvmmsg splits the buffer evenly: 64 KiB a slot, the largest datagram.
                    .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 8 * 65_536))
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(
                                DatagramHandler(parser: parser, gate: gate, limiter: limiter, counters: counters))
                        }
                    }
                    .bind(host: endpoint.host, port: endpoint.port)
                    .get()
                udp.append(channel)
                sizes.append(try await setReceiveBuffer(channel, size: configuration.udpReceiveBufferSize))
            }
            for (transport, endpoints) in [(SyslogTransport.tcp, configuration.tcp), (.tls, configuration.tls)] {
                for endpoint in endpoints {
                    let channel = try await ServerBootstrap(group: group)
                        .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                        .serverChannelOption(.backlog, value: 256)
                        .childChannelInitializer { [sslContext] channel in
                            channel.eventLoop.makeCompletedFuture {
                                guard counters.openConnections.load(ordering: .relaxed) < configuration.maximumConnections else {
                                    counters.refusedConnections.wrappingAdd(1, ordering: .relaxed)
                                    channel.close(promise: nil)
                                    return
                                }
                                let id = ObjectIdentifier(channel)
                                counters.connections.withLock { $0[id] = channel }
                                channel.closeFuture.whenComplete { _ in counters.connections.withLock { _ = $0.removeValue(forKey: id) } }
                                let pipeline = channel.pipeline.syncOperations
                                if transport == .tls, let sslContext {
                                    try pipeline.addHandler(NIOSSLServerHandler(context: sslContext))
                                }
                                try pipeline.addHandler(IdleStateHandler(readTimeout: .seconds(configuration.idleTimeoutSeconds)))
                                try pipeline.addHandler(StreamHandler(
                                    transport: transport, parser: parser, maximumFrameSize: configuration.maximumMessageSize,
                                    gate: gate, limiter: limiter, counters: counters))
                            }
                        }
                        .bind(host: endpoint.host, port: endpoint.port)
                        .get()
                    streams.append((transport, channel))
                }
            }
        } catch {
            for channel in udp { try? await channel.close() }
            for (_, channel) in streams { try? await channel.close() }
            gate.finish()
            throw error
        }
        return SyslogServer(messages: sequence, udpChannels: udp, udpBufferSizes: sizes, streamChannels: streams,
                            counters: counters, gate: gate)
    }

    private static func makeSSLContext(_ files: TLSFiles) throws -> NIOSSLContext {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(files.certificatePath)
        } catch {
            throw StartError(description: "cannot read certificate \(files.certificatePath): \(error)")
        }
        guard !chain.isEmpty else { throw StartError(description: "no certificate in \(files.certificatePath)") }
        do {
            key = try NIOSSLPrivateKey(file: files.privateKeyPath, format: .pem)
        } catch {
            throw StartError(description: "cannot read private key \(files.privateKeyPath): \(error)")
        }
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        // RFC 9662 updates RFC 5425: TLS 1.2 at least.
        tls.minimumTLSVersion = .tlsv12
        return try NIOSSLContext(configuration: tls)
    }

    /// Asks for `size` bytes, forcing past net.core.rmem_max where allowed; returns what the kernel gave.
    private static func setReceiveBuffer(_ channel: any Channel, size: Int) async throws -> Int {
        let value = SocketOptionValue(clamping: size)
        #if os(Linux)
        let force = ChannelOptions.Types.SocketOption(level: .socket, name: .init(rawValue: 33))  // SO_RCVBUFFORCE
        do {
            try await channel.setOption(force, value: value).get()
        } catch {
            try? await channel.setOption(.socketOption(.so_rcvbuf), value: value).get()
        }
        #else
        try? await channel.setOption(.socketOption(.so_rcvbuf), value: value).get()
        #endif
        return Int(try await channel.getOption(.socketOption(.so_rcvbuf)).get())
    }

    /// The bound addresses per transport (with the ports the kernel chose for port 0).
    public func localAddresses(_ transport: SyslogTransport) -> [SocketAddress] {
        switch transport {
        case .udp: udpChannels.compactMap(\.localAddress)
        default: streamChannels.filter { $0.transport == transport }.compactMap(\.channel.localAddress)
        }
    }

    public var statistics: Statistics {
        let drops = udpChannels.compactMap(\.localAddress).reduce(0) { sum, address in
            guard let port = address.port else { return sum }
            if case .v6 = address { return sum + UDPDropCounter.drops(localPort: port, ipv6: true) }
            return sum + UDPDropCounter.drops(localPort: port, ipv6: false)
        }
        return Statistics(
            receivedUDP: counters.receivedUDP.load(ordering: .relaxed),
            receivedTCP: counters.receivedTCP.load(ordering: .relaxed),
            receivedTLS: counters.receivedTLS.load(ordering: .relaxed),
            rateLimitedDatagrams: counters.rateLimitedDatagrams.load(ordering: .relaxed),
            rateLimitedStreamPauses: counters.rateLimitedStreamPauses.load(ordering: .relaxed),
            backPressurePauses: counters.backPressurePauses.load(ordering: .relaxed),
            truncatedFrames: counters.truncatedFrames.load(ordering: .relaxed),
            udpKernelDrops: drops,
            udpReceiveBufferSizes: udpBufferSizes,
            openConnections: counters.openConnections.load(ordering: .relaxed),
            acceptedConnections: counters.acceptedConnections.load(ordering: .relaxed),
            refusedConnections: counters.refusedConnections.load(ordering: .relaxed),
            idleClosedConnections: counters.idleClosedConnections.load(ordering: .relaxed),
            failedConnections: counters.failedConnections.load(ordering: .relaxed),
            droppedAfterSinkClosed: counters.droppedAfterSinkClosed.load(ordering: .relaxed))
    }

    /// Closes every listener (open connections are closed too) and ends ``messages`` after what is buffered.
    public func close() async {
        for channel in udpChannels { try? await channel.close() }
        for (_, channel) in streamChannels { try? await channel.close() }
        for channel in counters.connections.withLock({ Array($0.values) }) { try? await channel.close() }
        gate.finish()
    }
}
