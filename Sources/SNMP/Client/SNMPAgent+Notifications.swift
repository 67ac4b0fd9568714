public import SNMPCodec

/// This engine as the authoritative one: what an SNMPv3 trap is signed with (RFC 3414
/// section 1.5.1: traps are sent with the sender's engine ID, boots and time).
public struct SNMPLocalEngine: Sendable, Equatable {
    public let engineID: [UInt8]
    public let boots: Int32
    private let startedAt: ContinuousClock.Instant

    /// - Parameters:
    ///   - engineID: 5 to 32 octets; `SNMPLocalEngine.textEngineID` makes an RFC 3411 text one.
    ///   - boots: snmpEngineBoots, which the daemon persists and increments at each start.
    public init(engineID: [UInt8], boots: Int32 = 1) {
        self.engineID = engineID
        self.boots = boots
        self.startedAt = .now
    }

    /// snmpEngineTime: seconds since this engine started.
    public var time: Int32 { Int32(clamping: (ContinuousClock.now - startedAt).components.seconds) }

    /// An RFC 3411 engine ID of format 4 (text) under the net-snmp enterprise number space
    /// reserved for locally assigned IDs: 0x80 0x00 0x1F 0x88 0x04 followed by `text`.
    public static func textEngineID(_ text: String) -> [UInt8] {
        [0x80, 0x00, 0x1F, 0x88, 0x04] + Array(text.utf8.prefix(27))
    }

    public static func == (lhs: SNMPLocalEngine, rhs: SNMPLocalEngine) -> Bool { lhs.engineID == rhs.engineID && lhs.boots == rhs.boots }
}

extension SNMPAgent {
    /// The varbinds every SNMPv2 notification starts with (RFC 3416 section 4.2.6).
    static func notificationVarBinds(uptime: UInt32, trapOID: OID, _ varBinds: [VarBind]) -> [VarBind] {
        [VarBind("1.3.6.1.2.1.1.3.0", .timeTicks(uptime)), VarBind("1.3.6.1.6.3.1.1.4.1.0", .objectIdentifier(trapOID))] + varBinds
    }

    /// Sends an SNMPv2-Trap (SNMPv2c, or SNMPv3 signed by `engine`); nothing comes back.
    public func sendTrap(trapOID: OID, uptime: UInt32, varBinds: [VarBind] = [], engine: SNMPLocalEngine? = nil) throws {
        var pdu = PDU(type: .snmpV2Trap, requestID: channel.nextID(),
                      varBinds: Self.notificationVarBinds(uptime: uptime, trapOID: trapOID, varBinds))
        let datagram: [UInt8]
        switch security {
        case let community as CommunitySecurity:
            guard community.version == .v2c else {
                throw SNMPClientError(.sendFailed, agent: name, "SNMPv1 traps use the Trap-PDU: use sendTrapV1")
            }
            datagram = CommunityMessage(version: .v2c, community: community.community, pdu: pdu).encode()
        case let usm as USMSecurity:
            guard let engine else { throw SNMPClientError(.securityError, agent: name, "an SNMPv3 trap needs the local engine") }
            pdu.requestID = channel.nextID()
            datagram = try usm.encodeNotification(pdu, from: engine, agent: name)
        default:
            throw SNMPClientError(.securityError, agent: name, "cannot send a trap with \(security)")
        }
        channel.transport.send(datagram, to: channel.address.value)
    }

    /// Sends an SNMPv1 Trap-PDU (RFC 1157).
    public func sendTrapV1(_ trap: TrapV1PDU) throws {
        guard let community = security as? CommunitySecurity, community.version == .v1 else {
            throw SNMPClientError(.sendFailed, agent: name, "a Trap-PDU needs SNMPv1")
        }
        channel.transport.send(CommunityMessage(version: .v1, community: community.community, pdu: .trapV1(trap)).encode(),
                               to: channel.address.value)
    }

    /// Sends an InformRequest and waits for its acknowledgement (SNMPv2c, or SNMPv3 with the
    /// receiver as the authoritative engine, discovered like an agent's).
    public func inform(trapOID: OID, uptime: UInt32, varBinds: [VarBind] = []) async throws -> [VarBind] {
        try await checked(send(PDU(type: .informRequest, requestID: 0,
                             varBinds: Self.notificationVarBinds(uptime: uptime, trapOID: trapOID, varBinds))))
    }
}
