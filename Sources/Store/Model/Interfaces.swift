public import Foundation

/// An interface as last polled (IF-MIB ifTable/ifXTable).
public struct Interface: Sendable, Hashable {
    public var id: Int64
    public var deviceID: Int64
    public var observation: InterfaceObservation
    public var updatedAt: Date
}

/// What a poll sees of one interface; statuses are the IF-MIB integers
/// (ifAdminStatus/ifOperStatus: 1 up, 2 down, 3 testing, …; duplex from EtherLike-MIB: 1 unknown, 2 half, 3 full).
public struct InterfaceObservation: Sendable, Hashable {
    public var ifIndex: Int64
    public var name: String?
    public var descr: String?
    public var alias: String?
    public var type: Int64?
    /// bits per second (ifHighSpeed × 10⁶ when ifSpeed saturates).
    public var speed: Int64?
    public var adminStatus: Int64?
    public var operStatus: Int64?
    public var duplex: Int64?
    public var mac: String?
    public var lastChange: Date?

    public init(
        ifIndex: Int64, name: String? = nil, descr: String? = nil, alias: String? = nil, type: Int64? = nil,
        speed: Int64? = nil, adminStatus: Int64? = nil, operStatus: Int64? = nil, duplex: Int64? = nil,
        mac: String? = nil, lastChange: Date? = nil
    ) {
        self.ifIndex = ifIndex
        self.name = name
        self.descr = descr
        self.alias = alias
        self.type = type
        self.speed = speed
        self.adminStatus = adminStatus
        self.operStatus = operStatus
        self.duplex = duplex
        self.mac = mac
        self.lastChange = lastChange
    }

    /// The fields whose changes are kept in the history, with their text form.
    /// lastChange is not among them: it changes with every status change.
    var tracked: [(String, String?)] {
        [
            ("name", name), ("descr", descr), ("alias", alias), ("type", type.map(String.init)),
            ("speed", speed.map(String.init)), ("admin_status", adminStatus.map(String.init)),
            ("oper_status", operStatus.map(String.init)), ("duplex", duplex.map(String.init)), ("mac", mac),
        ]
    }
}

/// One changed field of an interface: `field` goes from `old` to `new` at `at`.
/// A newly seen interface yields one change with field `added`.
public struct InterfaceChange: Sendable, Hashable {
    public var interfaceID: Int64
    public var ifIndex: Int64
    public var at: Date
    public var field: String
    public var old: String?
    public var new: String?
    public init(interfaceID: Int64, ifIndex: Int64, at: Date, field: String, old: String?, new: String?) {
        self.interfaceID = interfaceID
        self.ifIndex = ifIndex
        self.at = at
        self.field = field
        self.old = old
        self.new = new
    }
}

/// An LLDP or CDP neighbour seen on a local interface.
public struct Neighbour: Sendable, Hashable {
    public var protocolName: String
    public var localIfIndex: Int64
    public var remoteChassisID: String
    public var remotePortID: String
    public var remotePortDescr: String?
    public var remoteSysName: String?
    public var remoteAddress: String?
    public var remotePlatform: String?
    public var firstSeen: Date?
    public var lastSeen: Date?

    public init(
        protocolName: String, localIfIndex: Int64, remoteChassisID: String, remotePortID: String,
        remotePortDescr: String? = nil, remoteSysName: String? = nil, remoteAddress: String? = nil,
        remotePlatform: String? = nil, firstSeen: Date? = nil, lastSeen: Date? = nil
    ) {
        self.protocolName = protocolName
        self.localIfIndex = localIfIndex
        self.remoteChassisID = remoteChassisID
        self.remotePortID = remotePortID
        self.remotePortDescr = remotePortDescr
        self.remoteSysName = remoteSysName
        self.remoteAddress = remoteAddress
        self.remotePlatform = remotePlatform
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }
}

/// What a neighbour sync changed.
public struct NeighbourChanges: Sendable, Hashable {
    public var added: [Neighbour]
    public var removed: [Neighbour]
}
