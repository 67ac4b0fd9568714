import Config
import Devices
import Discovery
import Foundation
import Monitor
import Store

/// `scan --adopt TENANT/SITE`: SNMP responders become inventory devices (with the name of the
/// credential set that worked and what identification found); every live host is recorded as
/// a discovered host with its MAC and how it was seen.
enum ScanAdoption {
    static func split(_ text: String) -> (String, String)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    static func adopt(_ result: ScanResult, tenant: String, site: String, config: NetwardenConfig) async throws -> String {
        guard config.store.backend == .sqlite else { throw CommandFailure("--adopt writes to the SQLite store only") }
        let store: SQLiteStore
        do { store = try SQLiteStore(path: config.store.sqlitePath) } catch {
            throw CommandFailure("cannot open the store \(config.store.sqlitePath): \(error)")
        }
        let now = Date()
        var devices = 0, newHosts = 0
        do {
            let tenantRow = try await store.devices.ensureTenant(tenant)
            let siteRow = try await store.devices.ensureSite(tenantID: tenantRow.id, name: site)
            for host in result.hosts {
                let ip = host.address.description
                for method in host.seenBy.sorted() {
                    if try await store.discovery.recordHost(siteID: siteRow.id, ip: ip, mac: host.macText, seenBy: method.rawValue, at: now) {
                        newHosts += 1
                    }
                }
                guard let snmp = host.snmp else { continue }
                let device = try await store.devices.ensureDevice(siteID: siteRow.id, address: ip, name: snmp.identity.sysName, parentID: nil)
                try await store.devices.markSeen(deviceID: device.id, at: now, sysUpTime: snmp.identity.uptimeTicks.map(Int64.init), credentialSet: snmp.credentialSet)
                try await store.devices.setReachability(deviceID: device.id, .up, at: now)
                try await store.devices.recordIdentity(deviceID: device.id, StoreSink.storedIdentity(snmp.identity), at: now)
                _ = try await store.neighbours.replace(deviceID: device.id, snmp.neighbours.map(StoreSink.storedNeighbour), at: now)
                devices += 1
            }
            try await store.flush()
            try await store.close()
        } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure("store \(config.store.sqlitePath): \(error)")
        }
        return "\(devices) SNMP device\(devices == 1 ? "" : "s"), \(result.hosts.count) host\(result.hosts.count == 1 ? "" : "s") (\(newHosts) new sighting\(newHosts == 1 ? "" : "s")) in \(config.store.sqlitePath)"
    }
}
