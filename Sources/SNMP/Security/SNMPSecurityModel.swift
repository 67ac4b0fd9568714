public import SNMPCodec

/// How a request travels: how the PDU is wrapped into a message and how the response is
/// unwrapped and checked. Community-based SNMPv1/v2c and SNMPv3 USM are the implementations;
/// the client knows only this protocol.
public protocol SNMPSecurityModel: Sendable, CustomStringConvertible {
    var version: SNMPVersion { get }
    /// Sends `pdu` (its request-id is assigned here) and returns the response PDU.
    /// The model may exchange more than one datagram (SNMPv3 discovery, time-window retries).
    func request(_ pdu: PDU, over channel: SNMPRequestChannel) async throws -> PDU
}

/// One agent's end of the client's transport, handed to a security model for one request.
public struct SNMPRequestChannel: Sendable {
    let transport: UDPTransport
    let address: SocketAddressBox
    /// The agent as the user named it, for errors.
    public let agent: String
    public let policy: RetryPolicy

    /// A fresh id for a request-id or msgID.
    public func nextID() -> Int32 { transport.allocateID() }

    /// Sends `datagram` and returns the datagram that carries `id` back, resending per policy.
    public func exchange(_ datagram: [UInt8], id: Int32) async throws -> [UInt8] {
        try await transport.exchange(datagram, id: id, to: address.value, agent: agent, policy: policy)
    }
}

/// SNMPv1 and SNMPv2c: the community string travels in clear, which is why it is redacted
/// everywhere else.
public struct CommunitySecurity: SNMPSecurityModel {
    public let version: SNMPVersion
    public let community: OctetString

    public init(_ community: OctetString, version: SNMPVersion = .v2c) {
        precondition(version != .v3, "SNMPv3 uses USM")
        self.version = version
        self.community = community
    }

    public init(_ community: String, version: SNMPVersion = .v2c) {
        self.init(OctetString(community), version: version)
    }

    public var description: String { "SNMPv\(version) community <secret>" }

    public func request(_ pdu: PDU, over channel: SNMPRequestChannel) async throws -> PDU {
        var pdu = pdu
        pdu.requestID = channel.nextID()
        let datagram = CommunityMessage(version: version, community: community, pdu: pdu).encode()
        let answer = try await channel.exchange(datagram, id: pdu.requestID)
        let message: SNMPMessage
        do {
            message = try SNMPMessage.decode(answer).message
        } catch {
            throw SNMPClientError(.malformedResponse, agent: channel.agent, "malformed response: \(error)")
        }
        guard case .community(let response) = message, response.version == version,
              case .pdu(let responsePDU) = response.pdu, responsePDU.type == .response,
              responsePDU.requestID == pdu.requestID else {
            throw SNMPClientError(.unexpectedResponse, agent: channel.agent, "the answer is not a response to this request")
        }
        return responsePDU
    }
}
