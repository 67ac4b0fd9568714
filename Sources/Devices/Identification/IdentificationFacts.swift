public import SNMPCodec

/// What the first round trip of identification learnt, and the values fetched afterwards for the
/// rules that matched. Rules are evaluated against these, so identification can be tested
/// without a device.
public struct IdentificationFacts: Sendable, Hashable {
    public var sysDescr: String?
    public var sysObjectID: OID?
    public var sysUpTime: UInt32?
    public var sysContact: String?
    public var sysName: String?
    public var sysLocation: String?
    public var sysServices: Int?
    /// Private enterprise numbers of the first objects found under `enterprises`, skipping the
    /// agent toolkits' own subtrees (net-snmp, UCD), which say nothing about the vendor.
    public var probedEnterprises: [UInt32] = []
    /// The first objects found under `enterprises` (their OIDs), for rules that recognise a
    /// product by the vendor MIB it answers when its sysObjectID is a toolkit's.
    public var probedOIDs: [OID] = []
    /// HOST-RESOURCES-MIB answers: a general-purpose host.
    public var hasHostResources = false
    /// BRIDGE-MIB dot1dBaseBridgeAddress: the device bridges.
    public var bridgeAddress: [UInt8]?
    /// The ENTITY-MIB row of the chassis (entPhysicalClass chassis(3)), when there is one.
    public var entity: [EntityColumn: String] = [:]
    /// Values fetched for the rules' `oid:` sources.
    public var fetched: [OID: SNMPValue] = [:]

    public init() {}

    /// Enterprise numbers of agent toolkits and standards bodies whose subtrees many vendors'
    /// agents carry: their presence names no vendor (net-snmp and UCD, AdventNet, SNMP Research,
    /// Unix, LAN Manager, the ATM Forum).
    public static let toolkitEnterprises: Set<UInt32> = [0, 4, 77, 99, 353, 2021, 2162, 8072]

    /// The enterprise number the vendor is known by: sysObjectID's, unless that is an agent
    /// toolkit's (net-snmp's generic Linux sysObjectID), then the first probed vendor subtree.
    public var enterprise: UInt32? {
        if let arcs = sysObjectID?.arcs, arcs.count > 6, arcs.starts(with: Self.enterprisesArcs),
           !Self.toolkitEnterprises.contains(arcs[6]) {
            return arcs[6]
        }
        return probedEnterprises.first { !Self.toolkitEnterprises.contains($0) }
    }

    static let enterprisesArcs: [UInt32] = [1, 3, 6, 1, 4, 1]
}

/// The ENTITY-MIB entPhysicalTable columns identification reads for the chassis (RFC 6933).
public enum EntityColumn: String, Sendable, Hashable, CaseIterable, Codable {
    case descr, name, hardwareRev = "hardware_rev", firmwareRev = "firmware_rev",
         softwareRev = "software_rev", serial, mfgName = "mfg_name", modelName = "model_name"

    /// The column number under entPhysicalEntry (1.3.6.1.2.1.47.1.1.1.1).
    public var column: UInt32 {
        switch self {
        case .descr: 2
        case .name: 7
        case .hardwareRev: 8
        case .firmwareRev: 9
        case .softwareRev: 10
        case .serial: 11
        case .mfgName: 12
        case .modelName: 13
        }
    }
}
