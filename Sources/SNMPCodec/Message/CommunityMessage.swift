/// An SNMPv1 or SNMPv2c message: version, community, PDU (RFC 1157, RFC 1901).
public struct CommunityMessage: Sendable, Hashable {
    public var version: SNMPVersion
    public var community: OctetString
    public var pdu: AnyPDU

    public init(version: SNMPVersion, community: OctetString, pdu: AnyPDU) {
        precondition(version != .v3, "SNMPv3 messages are SNMPv3Message")
        self.version = version
        self.community = community
        self.pdu = pdu
    }

    public init(version: SNMPVersion, community: OctetString, pdu: PDU) {
        self.init(version: version, community: community, pdu: .pdu(pdu))
    }

    public func encode() -> [UInt8] {
        var writer = BER.Writer(capacity: 64 + community.count + pdu.varBinds.count * 32)
        writer.writeConstructed(tag: BER.Tag.sequence) { w in
            w.writeInteger(Int64(version.rawValue))
            w.writeOctets(community.bytes)
            w.writePDU(pdu)
        }
        return writer.bytes
    }
}
