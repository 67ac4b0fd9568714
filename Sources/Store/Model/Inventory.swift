public import Foundation

/// A client of the MSP. Names are unique.
public struct Tenant: Sendable, Hashable {
    public var id: Int64
    public var name: String
    public init(id: Int64, name: String) {
        self.id = id
        self.name = name
    }
}

/// A place of one tenant; names are unique within the tenant.
public struct Site: Sendable, Hashable {
    public var id: Int64
    public var tenantID: Int64
    public var name: String
    public init(id: Int64, tenantID: Int64, name: String) {
        self.id = id
        self.tenantID = tenantID
        self.name = name
    }
}

/// Whether the poller reaches a device. `unreachable` is a device behind a down parent.
public enum Reachability: String, Sendable, CaseIterable {
    case unknown, up, down, unreachable
}

/// A monitored device. Two tenants may use the same private address: a device is its
/// site plus its address. `credentialSet` names the set that worked, never a secret.
public struct Device: Sendable, Hashable {
    public var id: Int64
    public var tenantID: Int64
    public var siteID: Int64
    public var address: String
    public var name: String?
    public var parentID: Int64?
    /// `config`, or the protocol (`lldp`, `cdp`) of the link the parent was inferred from.
    public var parentSource: String?
    public var credentialSet: String?
    public var lastSeen: Date?
    /// sysUpTime at `lastSeen`, in hundredths of a second (uptime now = this + time since lastSeen).
    public var sysUpTime: Int64?
    public var reachability: Reachability
    public var reachabilitySince: Date?
    public init(
        id: Int64, tenantID: Int64, siteID: Int64, address: String, name: String? = nil, parentID: Int64? = nil,
        credentialSet: String? = nil, lastSeen: Date? = nil, sysUpTime: Int64? = nil, reachability: Reachability = .unknown,
        reachabilitySince: Date? = nil, parentSource: String? = nil
    ) {
        self.parentSource = parentSource
        self.id = id
        self.tenantID = tenantID
        self.siteID = siteID
        self.address = address
        self.name = name
        self.parentID = parentID
        self.credentialSet = credentialSet
        self.lastSeen = lastSeen
        self.sysUpTime = sysUpTime
        self.reachability = reachability
        self.reachabilitySince = reachabilitySince
    }
}

/// What a device is. Every field is optional: identification fills what it learns.
public struct DeviceIdentity: Sendable, Hashable {
    public var vendor: String?
    public var kind: String?
    public var model: String?
    public var serial: String?
    public var os: String?
    public var osVersion: String?
    public var hardwareRevision: String?
    public var sysObjectID: String?
    public var sysDescr: String?
    public var sysName: String?
    public var sysLocation: String?
    public var sysContact: String?

    public init(
        vendor: String? = nil, kind: String? = nil, model: String? = nil, serial: String? = nil, os: String? = nil,
        osVersion: String? = nil, hardwareRevision: String? = nil, sysObjectID: String? = nil, sysDescr: String? = nil,
        sysName: String? = nil, sysLocation: String? = nil, sysContact: String? = nil
    ) {
        self.vendor = vendor
        self.kind = kind
        self.model = model
        self.serial = serial
        self.os = os
        self.osVersion = osVersion
        self.hardwareRevision = hardwareRevision
        self.sysObjectID = sysObjectID
        self.sysDescr = sysDescr
        self.sysName = sysName
        self.sysLocation = sysLocation
        self.sysContact = sysContact
    }

    /// Field names in the order of the columns; history rows list the changed ones.
    public static let fieldNames = [
        "vendor", "kind", "model", "serial", "os", "os_version", "hardware_rev",
        "sys_object_id", "sys_descr", "sys_name", "sys_location", "sys_contact",
    ]

    var values: [String?] {
        [vendor, kind, model, serial, os, osVersion, hardwareRevision, sysObjectID, sysDescr, sysName, sysLocation, sysContact]
    }

    init(values v: [String?]) {
        self.init(
            vendor: v[0], kind: v[1], model: v[2], serial: v[3], os: v[4], osVersion: v[5], hardwareRevision: v[6],
            sysObjectID: v[7], sysDescr: v[8], sysName: v[9], sysLocation: v[10], sysContact: v[11])
    }

    /// Names of the fields whose values differ.
    public func changedFields(from old: DeviceIdentity) -> [String] {
        zip(Self.fieldNames, zip(values, old.values)).compactMap { $1.0 == $1.1 ? nil : $0 }
    }
}

/// One row of a device's identification history: the identity from `at` on.
public struct IdentityHistoryEntry: Sendable, Hashable {
    public var at: Date
    public var identity: DeviceIdentity
    /// Changed field names (`DeviceIdentity.fieldNames`); empty for the first observation.
    public var changed: [String]
}

/// One line of the inventory export (issue 7): a device with its site, tenant and identity.
public struct InventoryRow: Sendable, Hashable {
    public var tenant: String
    public var site: String
    public var device: Device
    public var identity: DeviceIdentity?
}

/// A host seen by a scan or by passive discovery.
public struct DiscoveredHost: Sendable, Hashable {
    public var id: Int64
    public var siteID: Int64
    public var ip: String
    /// Lower-case colon-separated; empty when unknown (an ICMP-only host behind a router).
    public var mac: String
    public var firstSeen: Date
    public var lastSeen: Date
    /// How it was seen, sorted: arp, icmp, tcp, snmp, dhcp, lldp, cdp …
    public var seenBy: [String]
    /// What the host called itself (DHCP host name, LLDP system name, CDP device ID).
    public var name: String?
    /// The maker of its network card (IEEE OUI).
    public var vendor: String?
}

/// A host heard by passive discovery: always a MAC address, an IPv4 address when the frame
/// carried one.
public struct HostSighting: Sendable, Hashable {
    public var siteID: Int64
    /// Lower-case colon-separated.
    public var mac: String
    public var ip: String?
    public var name: String?
    public var vendor: String?
    public var seenBy: String
    public var at: Date

    public init(siteID: Int64, mac: String, ip: String?, name: String? = nil, vendor: String? = nil, seenBy: String, at: Date) {
        self.siteID = siteID
        self.mac = mac
        self.ip = ip
        self.name = name
        self.vendor = vendor
        self.seenBy = seenBy
        self.at = at
    }
}
