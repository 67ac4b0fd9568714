public import Config
import Foundation

/// Every device's parent as the daemon uses it: the one written in the config, or else the one
/// inferred from LLDP/CDP neighbour tables (`InferredParents`), per site. Neighbour tables and
/// sysNames arrive with identification; a site whose tables changed is worked out again at most
/// every `debounce` seconds (a whole site's first identifications arrive within one interval).
public struct ParentBook: Sendable {
    public struct SiteKey: Hashable, Sendable {
        public var tenant: String
        public var site: String
        init(_ key: DeviceKey) { tenant = key.tenant; site = key.site }
    }

    /// A parent and where it came from: `config`, `lldp` or `cdp`.
    public struct Entry: Sendable, Hashable {
        public var parent: DeviceKey
        public var source: String

        public init(parent: DeviceKey, source: String) {
            self.parent = parent
            self.source = source
        }
    }

    private var members: [SiteKey: [DeviceKey: InferredParents.Member]] = [:]
    private var configured: [DeviceKey: DeviceKey] = [:]
    private var gateways: [SiteKey: DeviceKey] = [:]
    /// Neighbour tables by site, so working out one site reads only its own.
    private var tables: [SiteKey: [DeviceKey: [InferredParents.Advertised]]] = [:]
    private var inferred: [SiteKey: [DeviceKey: InferredParents.Parent]] = [:]
    private var dirty: Set<SiteKey> = []
    private var lastWorkedOut: Double = -.infinity
    let debounce: Double

    public init(debounce: Double = 10) {
        self.debounce = debounce
    }

    /// The configured devices (after start or a reload), the sites' gateways, and what the store
    /// remembers of sysNames and neighbour tables.
    public mutating func reset(devices: [EffectiveDeviceSettings], gateways: [DeviceKey],
                               sysNames: [DeviceKey: String], tables: [DeviceKey: [InferredParents.Advertised]]) {
        members = [:]
        configured = [:]
        for settings in devices {
            let key = settings.key
            members[SiteKey(key), default: [:]][key] = .init(key: key, sysName: sysNames[key], infersParent: settings.infersParent)
            if let parent = settings.parent { configured[key] = parent }
        }
        self.gateways = Dictionary(gateways.map { (SiteKey($0), $0) }) { first, _ in first }
        self.tables = [:]
        for (key, table) in tables where members[SiteKey(key)]?[key] != nil { self.tables[SiteKey(key), default: [:]][key] = table }
        inferred = [:]
        dirty = Set(members.keys)
        lastWorkedOut = -.infinity
    }

    /// What identification learned; returns whether it may change a parent.
    @discardableResult
    public mutating func learned(_ key: DeviceKey, sysName: String?, table: [InferredParents.Advertised]?) -> Bool {
        let site = SiteKey(key)
        guard var member = members[site]?[key] else { return false }
        var changed = false
        if let sysName, sysName != member.sysName {
            member.sysName = sysName
            members[site]![key] = member
            changed = true
        }
        if let table, table != tables[site]?[key] ?? [] {
            tables[site, default: [:]][key] = table
            changed = true
        }
        if changed { dirty.insert(site) }
        return changed
    }

    /// Works out the dirty sites again when `debounce` has passed; returns the devices whose
    /// parent changed.
    public mutating func refresh(now: Double) -> [DeviceKey] {
        guard !dirty.isEmpty, now - lastWorkedOut >= debounce else { return [] }
        lastWorkedOut = now
        var changed: [DeviceKey] = []
        for site in dirty.sorted(by: { ($0.tenant, $0.site) < ($1.tenant, $1.site) }) {
            let siteMembers = members[site].map { Array($0.values) } ?? []
            let before = inferred[site] ?? [:]
            let after = InferredParents(
                members: siteMembers, tables: tables[site] ?? [:], gateway: gateways[site],
                configuredParents: configured
            ).parents
            inferred[site] = after
            changed += Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
        }
        dirty = []
        return changed
    }

    public func parent(of key: DeviceKey) -> Entry? {
        if let parent = configured[key] { return Entry(parent: parent, source: "config") }
        return inferred[SiteKey(key)]?[key].map { Entry(parent: $0.key, source: $0.via) }
    }
}
