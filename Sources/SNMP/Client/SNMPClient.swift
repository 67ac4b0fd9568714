public import NIOCore
public import NIOPosix

/// The manager side of SNMP: sockets shared by every agent it talks to.
///
/// One UDP socket per address family multiplexes every outstanding request by request-id,
/// so thousands of agents are polled at once without a socket or a thread each.
public final class SNMPClient: Sendable {
    public struct Configuration: Sendable {
        /// Requests one agent may have outstanding; the rest wait their turn.
        public var maxRequestsInFlightPerAgent: Int
        /// Requests one socket may have outstanding across all agents: answers beyond what the
        /// receive buffer holds would be dropped by the kernel and cost a timeout each.
        public var maxRequestsInFlight: Int
        /// SO_RCVBUF for each socket (the kernel caps it at net.core.rmem_max).
        public var receiveBufferSize: Int

        public init(maxRequestsInFlightPerAgent: Int = 4, maxRequestsInFlight: Int = 1_024, receiveBufferSize: Int = 4 << 20) {
            self.maxRequestsInFlightPerAgent = maxRequestsInFlightPerAgent
            self.maxRequestsInFlight = maxRequestsInFlight
            self.receiveBufferSize = receiveBufferSize
        }
    }

    private let ipv4: UDPTransport
    private let ipv6: UDPTransport?

    /// Binds the client's sockets.
    public init(configuration: Configuration = Configuration(), eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws {
        ipv4 = try await UDPTransport.bind(host: "0.0.0.0", group: eventLoopGroup,
                                           limitPerAgent: configuration.maxRequestsInFlightPerAgent,
                                           limitTotal: configuration.maxRequestsInFlight,
                                           receiveBufferSize: configuration.receiveBufferSize)
        // A host without IPv6 still polls IPv4 agents.
        ipv6 = try? await UDPTransport.bind(host: "::", group: eventLoopGroup,
                                            limitPerAgent: configuration.maxRequestsInFlightPerAgent,
                                            limitTotal: configuration.maxRequestsInFlight,
                                            receiveBufferSize: configuration.receiveBufferSize)
    }

    /// Fails every outstanding request and closes the sockets.
    public func shutdown() async {
        await ipv4.close()
        await ipv6?.close()
    }

    /// An agent to talk to. Host names are resolved once, here.
    /// - Parameters:
    ///   - host: an IPv4 or IPv6 address (`::1`, `[::1]`) or a host name.
    ///   - port: UDP port, 161 by default.
    /// - Throws: ``SNMPClientError/Code/unresolvableHost``.
    public func agent(_ host: String, port: Int = 161, security: any SNMPSecurityModel,
                      options: SNMPAgent.Options = .init()) async throws -> SNMPAgent {
        let address = try await Self.resolve(host, port: port)
        return try agent(address: SocketAddressBox(address), name: Self.agentName(host, port: port), security: security, options: options)
    }

    /// An agent at an already resolved address (no DNS on this path).
    public func agent(address: SocketAddressBox, name: String, security: any SNMPSecurityModel,
                      options: SNMPAgent.Options = .init()) throws -> SNMPAgent {
        let transport: UDPTransport
        switch address.value {
        case .v6:
            guard let ipv6 else { throw SNMPClientError(.sendFailed, agent: name, "IPv6 is not available on this host") }
            transport = ipv6
        default:
            transport = ipv4
        }
        return SNMPAgent(name: name, channel: SNMPRequestChannel(transport: transport, address: address, agent: name, policy: options.retry),
                         security: security, options: options)
    }

    static func agentName(_ host: String, port: Int) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// A literal address as is (no getaddrinfo, which hides IPv6 loopback in bare namespaces),
    /// else a name resolved synchronously: for bind addresses at start-up.
    static func resolveLiteralOrName(_ host: String, port: Int) throws -> SocketAddress {
        var literal = host
        if literal.hasPrefix("[") && literal.hasSuffix("]") { literal = String(literal.dropFirst().dropLast()) }
        if let address = try? SocketAddress(ipAddress: literal, port: port) { return address }
        return try SocketAddress.makeAddressResolvingHost(literal, port: port)
    }

    /// Resolves a literal address directly and a host name through getaddrinfo off the event loop.
    static func resolve(_ host: String, port: Int) async throws -> SocketAddress {
        var literal = host
        if literal.hasPrefix("[") && literal.hasSuffix("]") { literal = String(literal.dropFirst().dropLast()) }
        if let address = try? SocketAddress(ipAddress: literal, port: port) { return address }
        let name = literal
        do {
            return try await NIOThreadPool.singleton.runIfActive {
                try SocketAddress.makeAddressResolvingHost(name, port: port)
            }
        } catch {
            throw SNMPClientError(.unresolvableHost, agent: agentName(host, port: port), "cannot resolve host '\(host)'")
        }
    }
}
