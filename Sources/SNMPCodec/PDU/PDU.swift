/// Every RFC 3416 PDU but the SNMPv1 trap: Get, GetNext, GetBulk, Set, Response, Inform,
/// SNMPv2-Trap and Report share one layout.
public struct PDU: Sendable, Hashable {
    public var type: PDUType
    public var requestID: Int32
    /// error-status; in a GetBulkRequest this field carries non-repeaters.
    public var errorStatusField: Int32
    /// error-index; in a GetBulkRequest this field carries max-repetitions.
    public var errorIndexField: Int32
    public var varBinds: [VarBind]

    public init(type: PDUType, requestID: Int32, errorStatus: ErrorStatus = .noError, errorIndex: Int = 0, varBinds: [VarBind]) {
        precondition(type != .trapV1, "an SNMPv1 trap is a TrapV1PDU")
        self.type = type
        self.requestID = requestID
        self.errorStatusField = Int32(clamping: errorStatus.rawValue)
        self.errorIndexField = Int32(clamping: errorIndex)
        self.varBinds = varBinds
    }

    /// A GetBulkRequest (RFC 3416 section 4.2.3).
    public static func getBulk(requestID: Int32, nonRepeaters: Int, maxRepetitions: Int, varBinds: [VarBind]) -> PDU {
        var pdu = PDU(type: .getBulkRequest, requestID: requestID, varBinds: varBinds)
        pdu.errorStatusField = Int32(clamping: nonRepeaters)
        pdu.errorIndexField = Int32(clamping: maxRepetitions)
        return pdu
    }

    public var errorStatus: ErrorStatus { ErrorStatus(rawValue: Int(errorStatusField)) }
    public var errorIndex: Int { Int(errorIndexField) }
    public var nonRepeaters: Int { Int(errorStatusField) }
    public var maxRepetitions: Int { Int(errorIndexField) }
}

/// The SNMPv1 Trap-PDU (RFC 1157 section 4.1.6).
public struct TrapV1PDU: Sendable, Hashable {
    public var enterprise: OID
    public var agentAddress: IPv4Address
    /// coldStart(0) … enterpriseSpecific(6).
    public var genericTrap: Int32
    public var specificTrap: Int32
    public var timeStamp: UInt32
    public var varBinds: [VarBind]

    public init(enterprise: OID, agentAddress: IPv4Address, genericTrap: Int32, specificTrap: Int32, timeStamp: UInt32, varBinds: [VarBind]) {
        self.enterprise = enterprise
        self.agentAddress = agentAddress
        self.genericTrap = genericTrap
        self.specificTrap = specificTrap
        self.timeStamp = timeStamp
        self.varBinds = varBinds
    }
}

/// Any PDU a message can carry.
public enum AnyPDU: Sendable, Hashable {
    case pdu(PDU)
    case trapV1(TrapV1PDU)

    public var type: PDUType {
        switch self {
        case .pdu(let pdu): pdu.type
        case .trapV1: .trapV1
        }
    }

    public var varBinds: [VarBind] {
        switch self {
        case .pdu(let pdu): pdu.varBinds
        case .trapV1(let trap): trap.varBinds
        }
    }
}

extension BER.Writer {
    public mutating func writePDU(_ pdu: AnyPDU) {
        switch pdu {
        case .pdu(let pdu):
            writeConstructed(tag: pdu.type.rawValue) { w in
                w.writeInteger(Int64(pdu.requestID))
                w.writeInteger(Int64(pdu.errorStatusField))
                w.writeInteger(Int64(pdu.errorIndexField))
                w.writeVarBinds(pdu.varBinds)
            }
        case .trapV1(let trap):
            writeConstructed(tag: PDUType.trapV1.rawValue) { w in
                w.writeObjectIdentifier(trap.enterprise)
                w.writeValue(.ipAddress(trap.agentAddress))
                w.writeInteger(Int64(trap.genericTrap))
                w.writeInteger(Int64(trap.specificTrap))
                w.writeUnsigned(UInt64(trap.timeStamp), tag: BER.Tag.timeTicks)
                w.writeVarBinds(trap.varBinds)
            }
        }
    }
}

extension BER.Reader {
    mutating func readPDU() throws(SNMPCodecError) -> AnyPDU {
        let start = position
        let (tag, content) = try readHeader()
        guard let type = PDUType(rawValue: tag) else {
            throw .init(.unexpectedTag, "unknown PDU type 0x\(hex(tag)) at offset \(start)")
        }
        if type == .trapV1 {
            return .trapV1(try nested(content, "Trap-PDU") { (r) throws(SNMPCodecError) -> TrapV1PDU in
                let enterprise = try r.readObjectIdentifier(r.readElement(tag: BER.Tag.objectIdentifier, "enterprise"))
                guard case .ipAddress(let agentAddress) = try r.readValue() else {
                    throw .init(.unexpectedTag, "Trap-PDU agent-addr is not an IpAddress")
                }
                let generic = try r.readInteger32(r.readElement(tag: BER.Tag.integer, "generic-trap"))
                let specific = try r.readInteger32(r.readElement(tag: BER.Tag.integer, "specific-trap"))
                let timeStamp = try r.readUnsigned32(r.readElement(tag: BER.Tag.timeTicks, "time-stamp"))
                return TrapV1PDU(enterprise: enterprise, agentAddress: agentAddress, genericTrap: generic,
                                 specificTrap: specific, timeStamp: timeStamp, varBinds: try r.readVarBinds())
            })
        }
        return .pdu(try nested(content, "\(type)") { (r) throws(SNMPCodecError) -> PDU in
            let requestID = try r.readInteger32(r.readElement(tag: BER.Tag.integer, "request-id"))
            let errorStatus = try r.readInteger32(r.readElement(tag: BER.Tag.integer, "error-status"))
            let errorIndex = try r.readInteger32(r.readElement(tag: BER.Tag.integer, "error-index"))
            var pdu = PDU(type: type, requestID: requestID, varBinds: try r.readVarBinds())
            pdu.errorStatusField = errorStatus
            pdu.errorIndexField = errorIndex
            return pdu
        })
    }
}
