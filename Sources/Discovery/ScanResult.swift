public import Devices

/// How a host showed itself.
public enum DiscoveryMethod: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    /// One of this machine's own addresses.
    case local
    case arp, icmp, tcp, snmp
    /// Named as a neighbour by an LLDP or CDP table and answered SNMP.
    case neighbour

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// An LLDP or CDP neighbour as a device's table reports it.
public struct Neighbour: Sendable, Hashable, Codable {
    public enum Source: String, Sendable, Hashable, Codable { case lldp, cdp }
    /// The table it came from.
    public var source: Source
    /// LLDP lldpRemSysName; CDP cdpCacheDeviceId.
    public var name: String?
    /// LLDP lldpRemPortId; CDP cdpCacheDevicePort.
    public var port: String?
    /// LLDP lldpRemChassisId (hex when not text).
    public var chassisID: String?
    /// LLDP management address (lldpRemManAddrTable); CDP cdpCacheAddress.
    public var address: String?
    /// Where the device sees it: LLDP lldpRemLocalPortNum, CDP cdpCacheIfIndex.
    public var localPort: Int?

    public init(source: Source, name: String? = nil, port: String? = nil, chassisID: String? = nil, address: String? = nil,
                localPort: Int? = nil) {
        self.source = source
        self.localPort = localPort
        self.name = name
        self.port = port
        self.chassisID = chassisID
        self.address = address
    }
}

/// What an SNMP responder told.
public struct SNMPFindings: Sendable, Hashable {
    /// The credential set that worked (its name, never its secret).
    public var credentialSet: String
    /// v1, v2c or v3.
    public var version: String
    public var identity: DeviceIdentity
    /// IF-MIB ifNumber.
    public var interfaceCount: Int?
    public var neighbours: [Neighbour]
}

/// One live host.
public struct ScannedHost: Sendable, Hashable {
    public var address: IPAddress
    /// From ARP, on directly attached segments only.
    public var mac: [UInt8]?
    /// IEEE registry organisation for the MAC.
    public var macVendor: String?
    public var seenBy: Set<DiscoveryMethod>
    /// Management ports that accepted a TCP connection.
    public var openPorts: [UInt16]
    public var snmp: SNMPFindings?

    public init(address: IPAddress, mac: [UInt8]? = nil, seenBy: Set<DiscoveryMethod> = [], openPorts: [UInt16] = []) {
        self.address = address
        self.mac = mac
        self.seenBy = seenBy
        self.openPorts = openPorts
    }

    /// `aa:bb:cc:dd:ee:ff`.
    public var macText: String? {
        mac.map { $0.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: ":") }
    }
}

/// The outcome of a scan.
public struct ScanResult: Sendable {
    /// Live hosts in address order.
    public var hosts: [ScannedHost]
    /// Addresses probed.
    public var probed: UInt64
    /// Said once each: missing privileges, an interface that could not be opened.
    public var notices: [String]
    /// Seconds spent finding live hosts (ARP, ICMP, TCP).
    public var discoverySeconds: Double
    /// Seconds for the whole scan, SNMP included.
    public var totalSeconds: Double
}

/// Where a scan stands, for a progress line.
public struct ScanProgress: Sendable {
    public enum Phase: String, Sendable { case discovery, snmp, neighbours }
    public var phase: Phase
    public var done: Int
    public var total: Int
    public var live: Int
    public var snmp: Int
    /// Estimated seconds left in this phase.
    public var eta: Double?
}
