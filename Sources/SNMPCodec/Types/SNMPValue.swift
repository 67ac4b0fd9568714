/// A variable's value: the SMIv2 types of RFC 2578 and the exceptions of RFC 3416.
public enum SNMPValue: Sendable, Hashable {
    case integer(Int32)
    case octetString(OctetString)
    case null
    case objectIdentifier(OID)
    case ipAddress(IPv4Address)
    case counter32(UInt32)
    /// Gauge32, which RFC 2578 also calls Unsigned32.
    case gauge32(UInt32)
    case timeTicks(UInt32)
    /// Opaque: arbitrary BER wrapped in an OCTET STRING; net-snmp puts floats here.
    case opaque(OctetString)
    case counter64(UInt64)
    case noSuchObject
    case noSuchInstance
    case endOfMibView

    /// True for noSuchObject, noSuchInstance and endOfMibView.
    public var isException: Bool {
        switch self {
        case .noSuchObject, .noSuchInstance, .endOfMibView: true
        default: false
        }
    }

    /// The BER tag this value is encoded with.
    public var tag: UInt8 {
        switch self {
        case .integer: BER.Tag.integer
        case .octetString: BER.Tag.octetString
        case .null: BER.Tag.null
        case .objectIdentifier: BER.Tag.objectIdentifier
        case .ipAddress: BER.Tag.ipAddress
        case .counter32: BER.Tag.counter32
        case .gauge32: BER.Tag.gauge32
        case .timeTicks: BER.Tag.timeTicks
        case .opaque: BER.Tag.opaque
        case .counter64: BER.Tag.counter64
        case .noSuchObject: BER.Tag.noSuchObject
        case .noSuchInstance: BER.Tag.noSuchInstance
        case .endOfMibView: BER.Tag.endOfMibView
        }
    }

    /// The SMI name of the value's type ("OCTET STRING", "Counter64", "noSuchObject"…).
    public var typeName: String {
        switch self {
        case .integer: "INTEGER"
        case .octetString: "OCTET STRING"
        case .null: "NULL"
        case .objectIdentifier: "OBJECT IDENTIFIER"
        case .ipAddress: "IpAddress"
        case .counter32: "Counter32"
        case .gauge32: "Gauge32"
        case .timeTicks: "TimeTicks"
        case .opaque: "Opaque"
        case .counter64: "Counter64"
        case .noSuchObject: "noSuchObject"
        case .noSuchInstance: "noSuchInstance"
        case .endOfMibView: "endOfMibView"
        }
    }
}

extension BER.Writer {
    public mutating func writeValue(_ value: SNMPValue) {
        switch value {
        case .integer(let v): writeInteger(Int64(v))
        case .octetString(let s): writeOctets(s.bytes)
        case .null: writeNull()
        case .objectIdentifier(let oid): writeObjectIdentifier(oid)
        case .ipAddress(let address):
            writeOctets(
                [UInt8(address.value >> 24), UInt8(truncatingIfNeeded: address.value >> 16),
                 UInt8(truncatingIfNeeded: address.value >> 8), UInt8(truncatingIfNeeded: address.value)],
                tag: BER.Tag.ipAddress)
        case .counter32(let v): writeUnsigned(UInt64(v), tag: BER.Tag.counter32)
        case .gauge32(let v): writeUnsigned(UInt64(v), tag: BER.Tag.gauge32)
        case .timeTicks(let v): writeUnsigned(UInt64(v), tag: BER.Tag.timeTicks)
        case .opaque(let s): writeOctets(s.bytes, tag: BER.Tag.opaque)
        case .counter64(let v): writeUnsigned(v, tag: BER.Tag.counter64)
        case .noSuchObject: writeNull(tag: BER.Tag.noSuchObject)
        case .noSuchInstance: writeNull(tag: BER.Tag.noSuchInstance)
        case .endOfMibView: writeNull(tag: BER.Tag.endOfMibView)
        }
    }
}

extension BER.Reader {
    /// Reads one value of any SNMP type.
    @inline(__always)
    mutating func readValue() throws(SNMPCodecError) -> SNMPValue {
        let start = position
        let (tag, content) = try readHeader()
        switch tag {
        case BER.Tag.integer: return .integer(try readInteger32(content))
        case BER.Tag.octetString: return .octetString(OctetString(bytes[content]))
        case BER.Tag.null:
            guard content.isEmpty else { throw .init(.invalidLength, "NULL with contents at offset \(start)") }
            return .null
        case BER.Tag.objectIdentifier: return .objectIdentifier(try readObjectIdentifier(content))
        case BER.Tag.ipAddress:
            guard content.count == 4 else {
                throw .init(.invalidLength, "IpAddress of \(content.count) octets at offset \(start)")
            }
            let b = content.lowerBound
            return .ipAddress(IPv4Address(bytes[b], bytes[b + 1], bytes[b + 2], bytes[b + 3]))
        case BER.Tag.counter32: return .counter32(try readUnsigned32(content))
        case BER.Tag.gauge32: return .gauge32(try readUnsigned32(content))
        case BER.Tag.timeTicks: return .timeTicks(try readUnsigned32(content))
        case BER.Tag.opaque: return .opaque(OctetString(bytes[content]))
        case BER.Tag.counter64: return .counter64(try readUnsigned64(content))
        case BER.Tag.noSuchObject, BER.Tag.noSuchInstance, BER.Tag.endOfMibView:
            guard content.isEmpty else { throw .init(.invalidLength, "exception with contents at offset \(start)") }
            return tag == BER.Tag.noSuchObject ? .noSuchObject : tag == BER.Tag.noSuchInstance ? .noSuchInstance : .endOfMibView
        default:
            throw .init(.unexpectedTag, "unknown value type 0x\(hex(tag)) at offset \(start)")
        }
    }
}
