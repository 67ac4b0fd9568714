/// A decoded SNMP message of any version.
public enum SNMPMessage: Sendable, Hashable {
    case community(CommunityMessage)
    case v3(SNMPv3Message)

    /// Decodes one whole message; anything after it is an error.
    /// - Returns: the message and the non-canonical encodings that `rules` let through.
    public static func decode(_ bytes: [UInt8], rules: BER.Rules = .lenient) throws(SNMPCodecError) -> (message: SNMPMessage, tolerances: BER.Tolerances) {
        var reader = BER.Reader(bytes: bytes[...], range: bytes.indices, rules: rules)
        let message = try reader.readConstructed(tag: BER.Tag.sequence, "Message") { (r) throws(SNMPCodecError) -> SNMPMessage in
            let rawVersion = try r.readInteger32(r.readElement(tag: BER.Tag.integer, "msgVersion"))
            guard let version = SNMPVersion(rawValue: rawVersion) else {
                throw .init(.unsupportedVersion, "msgVersion \(rawVersion)")
            }
            if version == .v3 { return .v3(try r.readV3Message()) }
            let community = OctetString(r.bytes[try r.readElement(tag: BER.Tag.octetString, "community")])
            return .community(CommunityMessage(version: version, community: community, pdu: try r.readPDU()))
        }
        guard reader.isAtEnd else {
            throw .init(.trailingBytes, "\(reader.end - reader.position) bytes after the message")
        }
        return (message, reader.tolerances)
    }

    /// Reads just enough of a message to route it: its version and the number that pairs a
    /// response with its request (request-id for v1/v2c, msgID for v3). Nil when the prefix is
    /// malformed; the full decode reports why.
    public static func peekCorrelation(_ bytes: [UInt8]) -> (version: SNMPVersion, id: Int32)? {
        var reader = BER.Reader(bytes: bytes[...], range: bytes.indices, rules: .lenient)
        guard let (tag, content) = try? reader.readHeader(), tag == BER.Tag.sequence else { return nil }
        var r = BER.Reader(bytes: bytes[...], range: content, rules: .lenient, depth: 1)
        guard let versionRange = try? r.readElement(tag: BER.Tag.integer, ""),
              let rawVersion = try? r.readInteger32(versionRange),
              let version = SNMPVersion(rawValue: rawVersion) else { return nil }
        if version == .v3 {
            guard let global = try? r.readElement(tag: BER.Tag.sequence, "") else { return nil }
            var g = BER.Reader(bytes: bytes[...], range: global, rules: .lenient, depth: 2)
            guard let idRange = try? g.readElement(tag: BER.Tag.integer, ""), let id = try? g.readInteger32(idRange) else { return nil }
            return (version, id)
        }
        guard (try? r.readElement(tag: BER.Tag.octetString, "")) != nil,
              let (_, pduContent) = try? r.readHeader() else { return nil }
        var p = BER.Reader(bytes: bytes[...], range: pduContent, rules: .lenient, depth: 2)
        guard let idRange = try? p.readElement(tag: BER.Tag.integer, ""), let id = try? p.readInteger32(idRange) else { return nil }
        return (version, id)
    }
}
