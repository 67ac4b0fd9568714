public import Foundation

/// Tenants, sites, devices and their identification.
public protocol DeviceRepository: Sendable {
    /// The tenant of that name, created if new.
    func ensureTenant(_ name: String) async throws -> Tenant
    /// The site of that name in the tenant, created if new.
    func ensureSite(tenantID: Int64, name: String) async throws -> Site
    /// The device at that address in the site, created if new; name and parent updated when given.
    func ensureDevice(siteID: Int64, address: String, name: String?, parentID: Int64?) async throws -> Device
    func device(id: Int64) async throws -> Device?
    func devices(tenantID: Int64?, siteID: Int64?) async throws -> [Device]
    func tenants() async throws -> [Tenant]
    func sites(tenantID: Int64?) async throws -> [Site]

    /// A poll answered: last seen, sysUpTime then (hundredths of a second), and the credential set
    /// that worked (its name, never a secret). Returns the sysUpTime recorded before, so a caller
    /// sees a reboot (uptime went back) without a read of its own.
    @discardableResult
    func markSeen(deviceID: Int64, at: Date, sysUpTime: Int64?, credentialSet: String?) async throws -> Int64?
    /// Sets the reachability; returns the previous state (unchanged: the same value, `since` kept).
    @discardableResult
    func setReachability(deviceID: Int64, _ state: Reachability, at: Date) async throws -> Reachability
    /// `source`: `config`, or the protocol a parent was inferred over (`lldp`, `cdp`).
    func setParent(deviceID: Int64, parentID: Int64?, source: String?) async throws
    /// The sysName each identified device reported last, by device id.
    func sysNames() async throws -> [Int64: String]

    /// Records what identification found. A history row is written on the first observation and
    /// whenever a field changes; returns the changed field names (empty: nothing new).
    @discardableResult
    func recordIdentity(deviceID: Int64, _ identity: DeviceIdentity, at: Date) async throws -> [String]
    func identity(deviceID: Int64) async throws -> DeviceIdentity?
    /// Oldest first.
    func identityHistory(deviceID: Int64) async throws -> [IdentityHistoryEntry]

    /// Devices with site, tenant and identity for `inventory export`.
    func inventory(tenant: String?, site: String?) async throws -> [InventoryRow]
}

extension DeviceRepository {
    /// A parent written in the config.
    public func setParent(deviceID: Int64, parentID: Int64?) async throws {
        try await setParent(deviceID: deviceID, parentID: parentID, source: "config")
    }
}

/// Hosts seen by scans and passive discovery.
public protocol DiscoveryRepository: Sendable {
    /// Records a sighting; returns true when this IP/MAC pair is new in the site.
    @discardableResult
    func recordHost(siteID: Int64, ip: String, mac: String?, seenBy: String, at: Date) async throws -> Bool
    /// Records a passive sighting; returns true when the host is new in the site: its MAC was
    /// never seen there, nor its address with an unknown MAC (an ICMP-only scan result).
    /// An address for a MAC seen before without one fills that row in.
    @discardableResult
    func recordSighting(_ sighting: HostSighting) async throws -> Bool
    func hosts(siteID: Int64) async throws -> [DiscoveredHost]
}
