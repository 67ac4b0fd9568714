public import SNMPCodec

/// A notification's meaning whatever its version: the trap OID, uptime and the varbinds that
/// follow `sysUpTime.0` and `snmpTrapOID.0`. An SNMPv1 Trap is translated as RFC 3584 section 3.1
/// says: a generic trap becomes `snmpTraps.(generic + 1)`, an enterprise-specific one
/// `enterprise.0.specific`, and its agent address and enterprise are kept.
public struct NotificationContent: Sendable, Hashable {
    public var trapOID: OID
    /// sysUpTime.0 of the sender (v1: time-stamp), hundredths of a second.
    public var uptime: UInt32?
    /// The varbinds after sysUpTime.0 and snmpTrapOID.0.
    public var varBinds: [VarBind]
    /// SNMPv1 only: the agent-addr and enterprise fields.
    public var agentAddress: IPv4Address?
    public var enterprise: OID?
    /// An InformRequest (acknowledged) rather than a trap.
    public var isInform: Bool

    public static let sysUpTime: OID = "1.3.6.1.2.1.1.3.0"
    public static let snmpTrapOID: OID = "1.3.6.1.6.3.1.1.4.1.0"
    public static let snmpTraps: OID = "1.3.6.1.6.3.1.1.5"

    /// Reads a notification PDU; nil for a PDU that is none (or a v2 one without snmpTrapOID.0).
    public init?(_ pdu: AnyPDU) {
        switch pdu {
        case .trapV1(let trap):
            if trap.genericTrap == 6 {
                trapOID = trap.enterprise.appending([0, UInt32(truncatingIfNeeded: trap.specificTrap)])
            } else {
                guard (0...5).contains(trap.genericTrap) else { return nil }
                trapOID = Self.snmpTraps.appending([UInt32(trap.genericTrap + 1)])
            }
            uptime = trap.timeStamp
            varBinds = trap.varBinds
            agentAddress = trap.agentAddress
            enterprise = trap.enterprise
            isInform = false
        case .pdu(let p):
            guard p.type == .snmpV2Trap || p.type == .informRequest else { return nil }
            var rest = p.varBinds[...]
            uptime = nil
            if let first = rest.first, first.oid == Self.sysUpTime, case .timeTicks(let t) = first.value {
                uptime = t
                rest = rest.dropFirst()
            }
            guard let second = rest.first, second.oid == Self.snmpTrapOID, case .objectIdentifier(let oid) = second.value else { return nil }
            trapOID = oid
            varBinds = Array(rest.dropFirst())
            agentAddress = nil
            enterprise = nil
            isInform = p.type == .informRequest
        }
    }
}
