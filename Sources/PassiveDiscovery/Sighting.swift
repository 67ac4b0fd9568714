/// How a host was seen on the wire.
public enum DiscoveryProtocol: String, Sendable, Hashable, CaseIterable {
    case arp, dhcp, lldp, cdp
}

/// A host one frame tells of: its MAC address, its IPv4 address when the frame gives one, a name
/// when the protocol carries one, and everything the frame said.
public struct Sighting: Sendable, Hashable {
    public var seenBy: DiscoveryProtocol
    /// The host's address: ARP's sender, DHCP's client (chaddr), LLDP's chassis when it is a MAC
    /// address, else the frame's source.
    public var mac: MACAddress
    public var ipv4: IPv4Address?
    /// DHCP host name, LLDP system name or CDP device ID.
    public var name: String?
    /// The frame's 802.1Q VLAN (the inner one of two tags).
    public var vlan: UInt16?
    /// The Ethernet source address (a DHCP relay's, not the client's, for a relayed request).
    public var frameSource: MACAddress
    public var detail: Detail

    public enum Detail: Sendable, Hashable {
        case arp(ARPPacket)
        case dhcp(DHCPRequest)
        case lldp(LLDPAdvertisement)
        case cdp(CDPAdvertisement)
    }

    public init(seenBy: DiscoveryProtocol, mac: MACAddress, ipv4: IPv4Address?, name: String? = nil, vlan: UInt16? = nil,
                frameSource: MACAddress? = nil, detail: Detail) {
        self.seenBy = seenBy
        self.mac = mac
        self.ipv4 = ipv4
        self.name = name
        self.vlan = vlan
        self.frameSource = frameSource ?? mac
        self.detail = detail
    }
}

/// An ARP request or reply (RFC 826) for IPv4 over Ethernet.
public struct ARPPacket: Sendable, Hashable {
    public enum Operation: UInt16, Sendable, Hashable { case request = 1, reply = 2 }
    public var operation: Operation
    public var senderMAC: MACAddress
    public var senderIP: IPv4Address
    public var targetMAC: MACAddress
    public var targetIP: IPv4Address

    public init(operation: Operation, senderMAC: MACAddress, senderIP: IPv4Address, targetMAC: MACAddress, targetIP: IPv4Address) {
        self.operation = operation
        self.senderMAC = senderMAC
        self.senderIP = senderIP
        self.targetMAC = targetMAC
        self.targetIP = targetIP
    }

    /// An announcement of the sender's own address (sender and target address the same).
    public var isGratuitous: Bool { !senderIP.isUnspecified && senderIP == targetIP }
    /// RFC 5227 probe: "is this address taken?", sent before the host uses it (sender 0.0.0.0).
    public var isProbe: Bool { senderIP.isUnspecified }
}

/// A DHCP client's DISCOVER, REQUEST or INFORM (RFC 2131, options RFC 2132).
public struct DHCPRequest: Sendable, Hashable {
    public enum MessageType: UInt8, Sendable, Hashable { case discover = 1, request = 3, inform = 8 }
    public var messageType: MessageType
    public var clientMAC: MACAddress
    /// ciaddr: the address the client already holds (renewing, INFORM); nil when 0.0.0.0.
    public var clientIP: IPv4Address?
    /// Option 50.
    public var requestedIP: IPv4Address?
    /// Option 12.
    public var hostName: String?
    /// Option 60 (`MSFT 5.0`, `android-dhcp-13`, `udhcp 1.35.0` …).
    public var vendorClass: String?
    /// giaddr: the relay the request came through; nil when direct.
    public var relay: IPv4Address?

    public init(messageType: MessageType, clientMAC: MACAddress, clientIP: IPv4Address? = nil, requestedIP: IPv4Address? = nil,
                hostName: String? = nil, vendorClass: String? = nil, relay: IPv4Address? = nil) {
        self.messageType = messageType
        self.clientMAC = clientMAC
        self.clientIP = clientIP
        self.requestedIP = requestedIP
        self.hostName = hostName
        self.vendorClass = vendorClass
        self.relay = relay
    }
}

/// An LLDP advertisement (IEEE 802.1AB): the identifiers, names and management addresses.
public struct LLDPAdvertisement: Sendable, Hashable {
    /// Chassis ID as text: a MAC or IP address written out, else the string (hex if binary).
    public var chassisID: String
    public var chassisIDSubtype: UInt8
    public var portID: String?
    public var portIDSubtype: UInt8?
    public var ttl: UInt16?
    public var portDescription: String?
    public var systemName: String?
    public var systemDescription: String?
    public var managementAddresses: [IPv4Address]
}

/// A Cisco Discovery Protocol advertisement (v1 or v2).
public struct CDPAdvertisement: Sendable, Hashable {
    public var version: UInt8
    public var ttl: UInt8
    public var deviceID: String?
    public var addresses: [IPv4Address]
    public var portID: String?
    public var softwareVersion: String?
    public var platform: String?
    public var managementAddresses: [IPv4Address]
}
