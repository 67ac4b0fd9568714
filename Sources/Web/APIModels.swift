import Foundation
import Store

/// The JSON shapes of the API: a stable contract of their own, mapped from the store's models,
/// so a schema change inside the store does not change what clients see. Keys are snake_case.
struct DeviceJSON: Encodable {
    let id: Int64, tenant: String, site: String, address: String, name: String?
    let reachability: String, reachabilitySince: Date?, lastSeen: Date?, credentialSet: String?, parentId: Int64?
    /// `config`, or `lldp`/`cdp` for a parent inferred from neighbour tables.
    let parentSource: String?
    let vendor: String?, kind: String?, model: String?, serial: String?, os: String?, osVersion: String?
    let hardwareRevision: String?, sysName: String?, sysLocation: String?, sysContact: String?, sysObjectId: String?

    init(_ row: InventoryRow) {
        let d = row.device, i = row.identity
        id = d.id; tenant = row.tenant; site = row.site; address = d.address; name = d.name
        reachability = d.reachability.rawValue; reachabilitySince = d.reachabilitySince; lastSeen = d.lastSeen
        credentialSet = d.credentialSet; parentId = d.parentID; parentSource = d.parentSource
        vendor = i?.vendor; kind = i?.kind; model = i?.model; serial = i?.serial; os = i?.os; osVersion = i?.osVersion
        hardwareRevision = i?.hardwareRevision; sysName = i?.sysName; sysLocation = i?.sysLocation; sysContact = i?.sysContact
        sysObjectId = i?.sysObjectID
    }
}

struct InterfaceJSON: Encodable {
    let id: Int64, deviceId: Int64, ifIndex: Int64, name: String?, descr: String?, alias: String?, type: Int64?
    let speed: Int64?, adminStatus: String?, operStatus: String?, duplex: String?, mac: String?, updatedAt: Date

    init(_ interface: Interface) {
        let o = interface.observation
        id = interface.id; deviceId = interface.deviceID; ifIndex = o.ifIndex; name = o.name; descr = o.descr; alias = o.alias
        type = o.type; speed = o.speed; adminStatus = o.adminStatus.map(Self.status); operStatus = o.operStatus.map(Self.status)
        duplex = o.duplex.map { [2: "half", 3: "full"][$0] ?? "unknown" }
        mac = o.mac; updatedAt = interface.updatedAt
    }

    /// ifAdminStatus / ifOperStatus names (RFC 2863).
    static func status(_ value: Int64) -> String {
        ["up", "down", "testing", "unknown", "dormant", "notPresent", "lowerLayerDown"][safe: Int(value) - 1] ?? String(value)
    }
}

struct RatesJSON: Encodable {
    let inBps: Double?, outBps: Double?, inPps: Double?, outPps: Double?, inErrors: Double?, outErrors: Double?
    let inDiscards: Double?, outDiscards: Double?, inUtilisation: Double?, outUtilisation: Double?

    init(_ r: InterfaceRates) {
        inBps = r.inBitsPerSecond; outBps = r.outBitsPerSecond; inPps = r.inPacketsPerSecond; outPps = r.outPacketsPerSecond
        inErrors = r.inErrorsPerSecond; outErrors = r.outErrorsPerSecond; inDiscards = r.inDiscardsPerSecond
        outDiscards = r.outDiscardsPerSecond; inUtilisation = r.inUtilisation; outUtilisation = r.outUtilisation
    }
}

struct SeriesPointJSON: Encodable {
    let at: Date, count: Int64, average: RatesJSON, maximum: RatesJSON
    init(_ p: SeriesPoint) { at = p.at; count = p.count; average = RatesJSON(p.average); maximum = RatesJSON(p.maximum) }
}

struct AlertJSON: Encodable {
    let id: Int64, dedupKey: String, kind: String, tenantId: Int64?, deviceId: Int64?, interfaceId: Int64?
    let severity: String, title: String, state: String, openedAt: Date, lastSeenAt: Date, occurrences: Int64
    let acknowledgedAt: Date?, acknowledgedBy: String?, resolvedAt: Date?, parentId: Int64?

    init(_ a: Alert) {
        id = a.id; dedupKey = a.dedupKey; kind = a.kind; tenantId = a.tenantID; deviceId = a.deviceID; interfaceId = a.interfaceID
        severity = SeverityName.name(a.severity); title = a.title; state = a.state.rawValue; openedAt = a.openedAt
        lastSeenAt = a.lastSeenAt; occurrences = a.occurrences; acknowledgedAt = a.acknowledgedAt
        acknowledgedBy = a.acknowledgedBy; resolvedAt = a.resolvedAt; parentId = a.parentID
    }
}

struct EventJSON: Encodable {
    let id: Int64, kind: String, deviceId: Int64?, interfaceId: Int64?, severity: String, at: Date, message: String
    let source: String
    init(_ e: Event) {
        id = e.id; kind = e.draft.kind; deviceId = e.draft.deviceID; interfaceId = e.draft.interfaceID
        severity = SeverityName.name(e.draft.severity); at = e.draft.at; message = e.draft.message; source = e.draft.source.rawValue
    }
}

struct SiteJSON: Encodable {
    let id: Int64, tenant: String, name: String
}

/// A host seen by a scan or passive discovery; `ip` is null when only its MAC is known.
struct DiscoveredHostJSON: Encodable {
    let id: Int64, ip: String?, mac: String?, name: String?, vendor: String?, seenBy: [String], firstSeen: Date, lastSeen: Date
    init(_ h: DiscoveredHost) {
        id = h.id; ip = h.ip.isEmpty ? nil : h.ip; mac = h.mac.isEmpty ? nil : h.mac; name = h.name; vendor = h.vendor
        seenBy = h.seenBy; firstSeen = h.firstSeen; lastSeen = h.lastSeen
    }
}

struct SyslogJSON: Encodable {
    let id: Int64, deviceId: Int64?, receivedAt: Date, source: String, facility: Int64?, severity: Int64?
    let hostname: String?, app: String?, msgid: String?, eventClass: String?, message: String
    init(_ r: SyslogRecord) {
        let d = r.draft
        id = r.id; deviceId = d.deviceID; receivedAt = d.receivedAt; source = d.sourceAddress; facility = d.facility
        severity = d.severity; hostname = d.hostname; app = d.appName; msgid = d.msgID; eventClass = d.eventClass; message = d.message
    }
}

struct HealthJSON: Encodable {
    let metric: String, label: String, at: Date, value: Double
    init(_ h: HealthSample) { metric = h.metric; label = h.label; at = h.at; value = h.value }
}

struct NeighbourJSON: Encodable {
    let `protocol`: String, localIfIndex: Int64, remoteChassisId: String, remotePortId: String
    let remoteSysName: String?, remoteAddress: String?, remotePlatform: String?, firstSeen: Date?, lastSeen: Date?
    init(_ n: Neighbour) {
        `protocol` = n.protocolName; localIfIndex = n.localIfIndex; remoteChassisId = n.remoteChassisID; remotePortId = n.remotePortID
        remoteSysName = n.remoteSysName; remoteAddress = n.remoteAddress; remotePlatform = n.remotePlatform
        firstSeen = n.firstSeen; lastSeen = n.lastSeen
    }
}

/// A physical entity of ENTITY-MIB; `index` is its entPhysicalIndex, `contained_in` the index
/// of the entity holding it.
struct PhysicalEntityJSON: Encodable {
    let index: Int64, `class`: String, containedIn: Int64?, position: Int64?, name: String?, descr: String?
    let vendorType: String?, model: String?, serial: String?, hardwareRev: String?, firmwareRev: String?
    let softwareRev: String?, manufacturer: String?, fru: Bool?, firstSeen: Date?, lastSeen: Date?
    init(_ e: PhysicalEntity) {
        index = e.index; `class` = e.physicalClass; containedIn = e.containedIn; position = e.position; name = e.name
        descr = e.descr; vendorType = e.vendorType; model = e.model; serial = e.serial; hardwareRev = e.hardwareRevision
        firmwareRev = e.firmwareRevision; softwareRev = e.softwareRevision; manufacturer = e.manufacturer; fru = e.isFRU
        firstSeen = e.firstSeen; lastSeen = e.lastSeen
    }
}

/// One change of the physical inventory: `added`, `removed`, or `changed` with field, old and new.
struct PhysicalEntityChangeJSON: Encodable {
    let at: Date, change: String, index: Int64, field: String?, old: String?, new: String?
    let `class`: String, name: String?, model: String?, serial: String?, fru: Bool?
    init(_ c: PhysicalEntityChange) {
        at = c.at; change = c.kind.rawValue; index = c.index; field = c.field; old = c.old; new = c.new
        `class` = c.physicalClass; name = c.name; model = c.model; serial = c.serial; fru = c.isFRU
    }
}

enum SeverityName {
    /// RFC 5424 numbers to the alert severities' names (2 critical, 4 warning, 6 info).
    static func name(_ severity: Severity) -> String {
        switch severity {
        case ...2: "critical"
        case 3...4: "warning"
        default: "info"
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
