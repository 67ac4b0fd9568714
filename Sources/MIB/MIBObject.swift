public import SNMPCodec

/// One node of the loaded MIB tree: an object, a notification, a group or a plain registration
/// point, with what its module says about it (RFC 2578 OBJECT-TYPE clauses).
public struct MIBObject: Sendable, Hashable, CustomStringConvertible {
    /// The descriptor, `ifDescr`.
    public let name: String
    /// The module that defines it, `IF-MIB`.
    public let module: String
    public let oid: OID
    /// What the node is, and for an object its base syntax.
    public let type: MIBType
    /// The textual convention its SYNTAX names (`DisplayString`, `PhysAddress`), if any.
    public let textualConvention: String?
    /// Named numbers of an INTEGER, or named bits of BITS, in the module's order.
    public let enumerations: [MIBEnumeration]
    /// Value ranges of an integer, or size ranges of an OCTET STRING.
    public let ranges: [ClosedRange<Int64>]
    /// The DISPLAY-HINT in effect (its own textual convention's).
    public let displayHint: String?
    public let units: String?
    public let access: MIBAccess?
    public let status: MIBStatus?
    /// The INDEX of a conceptual row (an entry); empty elsewhere.
    public let index: [MIBIndexItem]
    /// The row this entry AUGMENTS, whose INDEX it shares.
    public let augments: String?
    /// OBJECTS of a NOTIFICATION-TYPE (VARIABLES of a TRAP-TYPE), OBJECTS of a group.
    public let objects: [String]

    public var qualifiedName: String { "\(module)::\(name)" }
    public var description: String { qualifiedName }

    /// The label of `value` among the enumerations.
    public func label(of value: Int64) -> String? {
        enumerations.first { $0.value == value }?.label
    }

    /// True when the SIZE is one fixed length (`OCTET STRING (SIZE (6))`): such an index has
    /// no length arc.
    public var fixedLength: Int? {
        guard type == .octetString, ranges.count == 1, ranges[0].lowerBound == ranges[0].upperBound else { return nil }
        return Int(ranges[0].lowerBound)
    }
}

/// libsnmp's node types: the SMI base types of objects, then the other macros.
public enum MIBType: Int32, Sendable, Hashable, CustomStringConvertible {
    case other = 0
    case objectIdentifier = 1
    case octetString = 2
    case integer = 3
    case networkAddress = 4
    case ipAddress = 5
    case counter32 = 6
    case gauge32 = 7
    case timeTicks = 8
    case opaque = 9
    case null = 10
    case counter64 = 11
    case bits = 12
    case nsapAddress = 13
    case uinteger32 = 14
    case unsigned32 = 15
    case integer32 = 16
    case trapType = 20
    case notificationType = 21
    case objectGroup = 22
    case notificationGroup = 23
    case moduleIdentity = 24
    case agentCapabilities = 25
    case moduleCompliance = 26
    case objectIdentity = 27

    /// True for the SYNTAX of an OBJECT-TYPE (a value can be read or written).
    public var isSyntax: Bool { rawValue >= 1 && rawValue <= 16 }

    public var description: String {
        switch self {
        case .other: "other"
        case .objectIdentifier: "OBJECT IDENTIFIER"
        case .octetString: "OCTET STRING"
        case .integer: "INTEGER"
        case .networkAddress: "NetworkAddress"
        case .ipAddress: "IpAddress"
        case .counter32: "Counter32"
        case .gauge32: "Gauge32"
        case .timeTicks: "TimeTicks"
        case .opaque: "Opaque"
        case .null: "NULL"
        case .counter64: "Counter64"
        case .bits: "BITS"
        case .nsapAddress: "NsapAddress"
        case .uinteger32: "UInteger32"
        case .unsigned32: "Unsigned32"
        case .integer32: "Integer32"
        case .trapType: "TRAP-TYPE"
        case .notificationType: "NOTIFICATION-TYPE"
        case .objectGroup: "OBJECT-GROUP"
        case .notificationGroup: "NOTIFICATION-GROUP"
        case .moduleIdentity: "MODULE-IDENTITY"
        case .agentCapabilities: "AGENT-CAPABILITIES"
        case .moduleCompliance: "MODULE-COMPLIANCE"
        case .objectIdentity: "OBJECT-IDENTITY"
        }
    }
}

public struct MIBEnumeration: Sendable, Hashable {
    public let value: Int64
    public let label: String
}

/// One INDEX clause item: the object whose value forms part of the instance OID.
public struct MIBIndexItem: Sendable, Hashable {
    public let name: String
    /// `IMPLIED`: a variable-length last index without its length arc.
    public let implied: Bool
}

public enum MIBAccess: Int32, Sendable, Hashable, CustomStringConvertible {
    case readOnly = 18
    case readWrite = 19
    case writeOnly = 20
    case notAccessible = 21
    case readCreate = 48
    case accessibleForNotify = 67

    public var description: String {
        switch self {
        case .readOnly: "read-only"
        case .readWrite: "read-write"
        case .writeOnly: "write-only"
        case .notAccessible: "not-accessible"
        case .readCreate: "read-create"
        case .accessibleForNotify: "accessible-for-notify"
        }
    }
}

public enum MIBStatus: Int32, Sendable, Hashable, CustomStringConvertible {
    case mandatory = 23
    case optional = 24
    case obsolete = 25
    case deprecated = 39
    case current = 57

    public var description: String {
        switch self {
        case .mandatory: "mandatory"
        case .optional: "optional"
        case .obsolete: "obsolete"
        case .deprecated: "deprecated"
        case .current: "current"
        }
    }
}
