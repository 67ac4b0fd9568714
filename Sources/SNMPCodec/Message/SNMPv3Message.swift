/// msgFlags (RFC 3412 section 6.4).
public struct MsgFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let auth = MsgFlags(rawValue: 0x01)
    public static let priv = MsgFlags(rawValue: 0x02)
    public static let reportable = MsgFlags(rawValue: 0x04)
}

/// A ScopedPDU (RFC 3412 section 6.8): the PDU with the context it addresses.
public struct ScopedPDU: Sendable, Hashable {
    public var contextEngineID: OctetString
    public var contextName: OctetString
    public var pdu: PDU

    public init(contextEngineID: OctetString, contextName: OctetString, pdu: PDU) {
        self.contextEngineID = contextEngineID
        self.contextName = contextName
        self.pdu = pdu
    }

    public func encode(into writer: inout BER.Writer) {
        writer.writeConstructed(tag: BER.Tag.sequence) { w in
            w.writeOctets(contextEngineID.bytes)
            w.writeOctets(contextName.bytes)
            w.writePDU(.pdu(pdu))
        }
    }

    public func encode() -> [UInt8] {
        var writer = BER.Writer(capacity: 64 + pdu.varBinds.count * 32)
        encode(into: &writer)
        return writer.bytes
    }

    /// Decodes a plaintext ScopedPDU, such as one just decrypted. Trailing octets are
    /// allowed here: block ciphers pad the plaintext.
    public static func decode(_ bytes: [UInt8], rules: BER.Rules = .lenient) throws(SNMPCodecError) -> ScopedPDU {
        var reader = BER.Reader(bytes: bytes[...], range: bytes.indices, rules: rules, depth: 2)
        return try reader.readScopedPDU()
    }
}

/// An SNMPv3 message (RFC 3412 section 6). Security parameters stay opaque here: the security
/// model named by `msgSecurityModel` interprets them.
public struct SNMPv3Message: Sendable, Hashable {
    public enum Data: Sendable, Hashable {
        case plaintext(ScopedPDU)
        case encrypted(OctetString)
    }

    public var msgID: Int32
    public var msgMaxSize: Int32
    public var msgFlags: MsgFlags
    /// 3 is the user-based security model (USM).
    public var msgSecurityModel: Int32
    public var msgSecurityParameters: OctetString
    public var msgData: Data

    public init(msgID: Int32, msgMaxSize: Int32, msgFlags: MsgFlags, msgSecurityModel: Int32 = 3,
                msgSecurityParameters: OctetString, msgData: Data) {
        self.msgID = msgID
        self.msgMaxSize = msgMaxSize
        self.msgFlags = msgFlags
        self.msgSecurityModel = msgSecurityModel
        self.msgSecurityParameters = msgSecurityParameters
        self.msgData = msgData
    }

    /// Encodes the message; `securityParameters` writes the contents of msgSecurityParameters
    /// and may note offsets in the final bytes (USM patches its MAC in afterwards).
    public func encode() -> [UInt8] {
        var writer = BER.Writer(capacity: 128)
        writer.writeConstructed(tag: BER.Tag.sequence) { w in
            w.writeInteger(Int64(SNMPVersion.v3.rawValue))
            w.writeConstructed(tag: BER.Tag.sequence) { g in
                g.writeInteger(Int64(msgID))
                g.writeInteger(Int64(msgMaxSize))
                g.writeOctets(CollectionOfOne(msgFlags.rawValue))
                g.writeInteger(Int64(msgSecurityModel))
            }
            w.writeOctets(msgSecurityParameters.bytes)
            switch msgData {
            case .plaintext(let scoped): scoped.encode(into: &w)
            case .encrypted(let octets): w.writeOctets(octets.bytes)
            }
        }
        return writer.bytes
    }
}

/// UsmSecurityParameters (RFC 3414 section 2.4).
public struct USMSecurityParameters: Sendable, Hashable {
    public var authoritativeEngineID: OctetString
    public var authoritativeEngineBoots: Int32
    public var authoritativeEngineTime: Int32
    public var userName: OctetString
    public var authenticationParameters: OctetString
    public var privacyParameters: OctetString

    public init(authoritativeEngineID: OctetString, authoritativeEngineBoots: Int32, authoritativeEngineTime: Int32,
                userName: OctetString, authenticationParameters: OctetString, privacyParameters: OctetString) {
        self.authoritativeEngineID = authoritativeEngineID
        self.authoritativeEngineBoots = authoritativeEngineBoots
        self.authoritativeEngineTime = authoritativeEngineTime
        self.userName = userName
        self.authenticationParameters = authenticationParameters
        self.privacyParameters = privacyParameters
    }

    public func encode() -> [UInt8] {
        var writer = BER.Writer(capacity: 96)
        writer.writeConstructed(tag: BER.Tag.sequence) { w in
            w.writeOctets(authoritativeEngineID.bytes)
            w.writeInteger(Int64(authoritativeEngineBoots))
            w.writeInteger(Int64(authoritativeEngineTime))
            w.writeOctets(userName.bytes)
            w.writeOctets(authenticationParameters.bytes)
            w.writeOctets(privacyParameters.bytes)
        }
        return writer.bytes
    }

    /// Decodes the parameters from msgSecurityParameters' contents. Slices keep their indices in
    /// the message, so `authenticationParameters.bytes.indices` locates the MAC in the whole
    /// message for verification.
    public static func decode(_ parameters: OctetString, rules: BER.Rules = .lenient) throws(SNMPCodecError) -> USMSecurityParameters {
        var reader = BER.Reader(bytes: parameters.bytes, range: parameters.bytes.indices, rules: rules, depth: 2)
        let result = try reader.readConstructed(tag: BER.Tag.sequence, "UsmSecurityParameters") { (r) throws(SNMPCodecError) -> USMSecurityParameters in
            let engineID = OctetString(r.bytes[try r.readElement(tag: BER.Tag.octetString, "msgAuthoritativeEngineID")])
            let boots = try r.readInteger32(r.readElement(tag: BER.Tag.integer, "msgAuthoritativeEngineBoots"))
            let time = try r.readInteger32(r.readElement(tag: BER.Tag.integer, "msgAuthoritativeEngineTime"))
            let user = OctetString(r.bytes[try r.readElement(tag: BER.Tag.octetString, "msgUserName")])
            let auth = OctetString(r.bytes[try r.readElement(tag: BER.Tag.octetString, "msgAuthenticationParameters")])
            let priv = OctetString(r.bytes[try r.readElement(tag: BER.Tag.octetString, "msgPrivacyParameters")])
            return USMSecurityParameters(authoritativeEngineID: engineID, authoritativeEngineBoots: boots,
                                         authoritativeEngineTime: time, userName: user,
                                         authenticationParameters: auth, privacyParameters: priv)
        }
        guard reader.isAtEnd else { throw .init(.trailingBytes, "bytes after UsmSecurityParameters") }
        return result
    }
}

extension BER.Reader {
    mutating func readScopedPDU() throws(SNMPCodecError) -> ScopedPDU {
        try readConstructed(tag: BER.Tag.sequence, "ScopedPDU") { (r) throws(SNMPCodecError) -> ScopedPDU in
            let engineID = OctetString(r.bytes[try r.readElement(tag: BER.Tag.octetString, "contextEngineID")])
            let name = OctetString(r.bytes[try r.readElement(tag: BER.Tag.octetString, "contextName")])
            guard case .pdu(let pdu) = try r.readPDU() else {
                throw .init(.unexpectedTag, "an SNMPv1 Trap-PDU inside a ScopedPDU")
            }
            return ScopedPDU(contextEngineID: engineID, contextName: name, pdu: pdu)
        }
    }

    mutating func readV3Message() throws(SNMPCodecError) -> SNMPv3Message {
        let header = try readConstructed(tag: BER.Tag.sequence, "msgGlobalData") { (g) throws(SNMPCodecError) -> (Int32, Int32, MsgFlags, Int32) in
            let id = try g.readInteger32(g.readElement(tag: BER.Tag.integer, "msgID"))
            let maxSize = try g.readInteger32(g.readElement(tag: BER.Tag.integer, "msgMaxSize"))
            let flags = try g.readElement(tag: BER.Tag.octetString, "msgFlags")
            guard flags.count == 1 else { throw .init(.invalidLength, "msgFlags of \(flags.count) octets") }
            let model = try g.readInteger32(g.readElement(tag: BER.Tag.integer, "msgSecurityModel"))
            return (id, maxSize, MsgFlags(rawValue: g.bytes[flags.lowerBound]), model)
        }
        let parameters = OctetString(bytes[try readElement(tag: BER.Tag.octetString, "msgSecurityParameters")])
        let data: SNMPv3Message.Data
        guard position < end else { throw .init(.truncated, "SNMPv3 message without msgData") }
        if bytes[position] == BER.Tag.octetString {
            data = .encrypted(OctetString(bytes[try readElement(tag: BER.Tag.octetString, "encryptedPDU")]))
        } else {
            data = .plaintext(try readScopedPDU())
        }
        return SNMPv3Message(msgID: header.0, msgMaxSize: header.1, msgFlags: header.2, msgSecurityModel: header.3,
                             msgSecurityParameters: parameters, msgData: data)
    }
}
