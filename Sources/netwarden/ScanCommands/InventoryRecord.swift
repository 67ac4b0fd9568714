import Devices
import Foundation
import Store

/// One exported line: a monitored device, or a host a scan saw that is not monitored. Built
/// from the store's rows; it has no field that could hold a credential (the credential set is
/// exported by name only).
struct InventoryRecord: Encodable {
    var tenant: String
    var site: String
    var name: String?
    var addresses: [String]
    var macs: [String]
    var macVendors: [String]
    var monitored: Bool
    var vendor: String?
    var kind: String?
    var model: String?
    var serial: String?
    var os: String?
    var osVersion: String?
    var firmwareStatus: String?
    var firmwareReason: String?
    var location: String?
    var contact: String?
    var credentialSet: String?
    var reachability: String?
    var seenBy: [String]
    var lastSeen: Date?
    /// LLDP/CDP neighbours: `lldp snmp-b port eth0 at 10.123.0.12`.
    var neighbours: [String] = []
    /// Field-replaceable units ENTITY-MIB lists (line cards, power supplies, fans, transceivers);
    /// nil for a device without ENTITY-MIB or not yet identified.
    var fruCount: Int?

    static func load(_ store: SQLiteStore, tenant: String?, site: String?, policies: FirmwarePolicySet?, day: CalendarDay) async throws -> [InventoryRecord] {
        let rows = try await store.devices.inventory(tenant: tenant, site: site)
        let ouis = try? OUIRegistry.load()
        var records: [InventoryRecord] = []
        // Discovered hosts of every site in scope, by site and address.
        let tenants = try await store.devices.tenants().filter { tenant == nil || $0.name == tenant }
        var hostsBySite: [Int64: [String: [DiscoveredHost]]] = [:]
        var siteNames: [Int64: (String, String)] = [:]
        for tenantRow in tenants {
            for siteRow in try await store.devices.sites(tenantID: tenantRow.id) where site == nil || siteRow.name == site {
                siteNames[siteRow.id] = (tenantRow.name, siteRow.name)
                hostsBySite[siteRow.id] = Dictionary(grouping: try await store.discovery.hosts(siteID: siteRow.id), by: \.ip)
            }
        }
        var listed = Set<String>()
        let fruCounts = try await store.physicalInventory.fieldReplaceableCounts()
        for row in rows {
            let sightings = hostsBySite[row.device.siteID]?[row.device.address] ?? []
            listed.insert("\(row.device.siteID) \(row.device.address)")
            let macs = Array(Set(sightings.map(\.mac).filter { !$0.isEmpty })).sorted()
            var record = InventoryRecord(
                tenant: row.tenant, site: row.site, name: row.device.name ?? row.identity?.sysName, addresses: [row.device.address],
                macs: macs, macVendors: vendors(macs, ouis), monitored: true, vendor: row.identity?.vendor, kind: row.identity?.kind,
                model: row.identity?.model, serial: row.identity?.serial, os: row.identity?.os, osVersion: row.identity?.osVersion,
                location: row.identity?.sysLocation, contact: row.identity?.sysContact, credentialSet: row.device.credentialSet,
                reachability: row.device.reachability.rawValue, seenBy: Array(Set(sightings.flatMap(\.seenBy))).sorted(),
                lastSeen: max(row.device.lastSeen, sightings.map(\.lastSeen).max()))
            record.neighbours = try await store.neighbours.neighbours(deviceID: row.device.id).map { neighbour in
                var text = "\(neighbour.protocolName) \(neighbour.remoteSysName ?? neighbour.remoteChassisID)"
                if !neighbour.remotePortID.isEmpty { text += " port \(neighbour.remotePortID)" }
                if let address = neighbour.remoteAddress { text += " at \(address)" }
                return text
            }
            record.fruCount = fruCounts[row.device.id]
            if let policies, let identity = row.identity {
                var subject = Devices.DeviceIdentity()
                subject.vendor = identity.vendor
                subject.os = identity.os
                subject.model = identity.model
                subject.version = identity.osVersion
                let verdict = policies.evaluate(subject, on: day)
                record.firmwareStatus = verdict.status.kind.rawValue
                record.firmwareReason = verdict.status.reason
            }
            records.append(record)
        }
        // Hosts seen by scans that are not monitored devices (no SNMP answer).
        for (siteID, byAddress) in hostsBySite.sorted(by: { $0.key < $1.key }) {
            guard let (tenantName, siteName) = siteNames[siteID] else { continue }
            for (address, sightings) in byAddress.sorted(by: { sortKey($0.key) < sortKey($1.key) }) where !listed.contains("\(siteID) \(address)") {
                let macs = Array(Set(sightings.map(\.mac).filter { !$0.isEmpty })).sorted()
                records.append(InventoryRecord(
                    tenant: tenantName, site: siteName, name: nil, addresses: [address], macs: macs, macVendors: vendors(macs, ouis),
                    monitored: false, seenBy: Array(Set(sightings.flatMap(\.seenBy))).sorted(), lastSeen: sightings.map(\.lastSeen).max()))
            }
        }
        return records
    }

    static func max(_ a: Date?, _ b: Date?) -> Date? {
        switch (a, b) {
        case (let a?, let b?): Swift.max(a, b)
        default: a ?? b
        }
    }

    /// Numeric order for dotted quads, text order otherwise.
    static func sortKey(_ address: String) -> String {
        let parts = address.split(separator: ".")
        guard parts.count == 4, parts.allSatisfy({ Int($0) != nil }) else { return "z" + address }
        return parts.map { String(repeating: "0", count: 3 - $0.count) + $0 }.joined(separator: ".")
    }

    static func vendors(_ macs: [String], _ ouis: OUIRegistry?) -> [String] {
        macs.compactMap { mac in
            let bytes = mac.split(separator: ":").compactMap { UInt8($0, radix: 16) }
            return ouis?.organization(for: bytes)
        }
    }

    static let csvColumns = ["tenant", "site", "name", "addresses", "macs", "mac_vendors", "monitored", "vendor", "kind", "model",
                             "serial", "os", "os_version", "firmware_status", "firmware_reason", "location", "contact",
                             "credential_set", "reachability", "seen_by", "last_seen", "neighbours", "fru_count"]

    static func timestamp(_ date: Date?) -> String {
        guard let date else { return "" }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    var csvFields: [String] {
        [tenant, site, name ?? "", addresses.joined(separator: " "), macs.joined(separator: " "), macVendors.joined(separator: "; "),
         monitored ? "yes" : "no", vendor ?? "", kind ?? "", model ?? "", serial ?? "", os ?? "", osVersion ?? "", firmwareStatus ?? "",
         firmwareReason ?? "", location ?? "", contact ?? "", credentialSet ?? "", reachability ?? "", seenBy.joined(separator: ","),
         Self.timestamp(lastSeen), neighbours.joined(separator: "; "), fruCount.map(String.init) ?? ""]
    }

    static func csv(_ records: [InventoryRecord]) -> String {
        ([csvColumns] + records.map(\.csvFields)).map { $0.map(CSV.quote).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func json(_ records: [InventoryRecord]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: (try? encoder.encode(records)) ?? Data(), as: UTF8.self)
    }

    /// NetBox's device bulk import (CSV): required name, device_role, manufacturer, device_type,
    /// site and status; monitored devices only. NetBox matches manufacturer, device type, role,
    /// site, tenant and platform by name (they must exist or be created first).
    static let netboxColumns = ["name", "device_role", "manufacturer", "device_type", "site", "tenant", "status", "serial",
                                "platform", "description", "comments"]

    static func netbox(_ records: [InventoryRecord]) -> String {
        let rows = records.filter(\.monitored).map { record -> [String] in
            let description = [record.os, record.osVersion].compactMap { $0 }.joined(separator: " ")
            let comments = [record.addresses.first.map { "address \($0)" }, record.location.map { "location: \($0)" },
                            record.firmwareStatus.map { "firmware: \($0)" }].compactMap { $0 }.joined(separator: "; ")
            return [record.name ?? record.addresses.first ?? "", record.kind ?? "unknown", record.vendor ?? "Unknown",
                    record.model ?? "Unknown", record.site, record.tenant, "active", record.serial ?? "", record.os ?? "",
                    description, comments]
        }
        return ([netboxColumns] + rows).map { $0.map(CSV.quote).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
