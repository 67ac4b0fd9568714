import Foundation
import GRDB

struct SQLiteDeviceRepository: DeviceRepository {
    let context: SQLiteContext
    init(_ context: SQLiteContext) { self.context = context }

    static let deviceColumns =
        "d.id, d.tenant_id, d.site_id, d.address, d.name, d.parent_id, d.parent_source, d.credential_set, d.last_seen, d.sys_uptime, d.reachability, d.reachability_since"

    static func device(_ row: Row) -> Device {
        Device(
            id: row["id"], tenantID: row["tenant_id"], siteID: row["site_id"], address: row["address"],
            name: row["name"], parentID: row["parent_id"], credentialSet: row["credential_set"],
            lastSeen: row.date("last_seen"), sysUpTime: row["sys_uptime"],
            reachability: Reachability(rawValue: row["reachability"] ?? "") ?? .unknown,
            reachabilitySince: row.date("reachability_since"), parentSource: row["parent_source"])
    }

    static func identity(_ row: Row, prefix: String = "") -> DeviceIdentity {
        DeviceIdentity(values: DeviceIdentity.fieldNames.map { row[prefix + $0] as String? })
    }

    func ensureTenant(_ name: String) async throws -> Tenant {
        try await context.write { db in
            try db.execute(
                sql: "INSERT INTO tenants(name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
                arguments: [name, Date().ms])
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM tenants WHERE name = ?", arguments: [name])!
            return Tenant(id: id, name: name)
        }
    }

    func ensureSite(tenantID: Int64, name: String) async throws -> Site {
        try await context.write { db in
            try db.execute(
                sql: "INSERT INTO sites(tenant_id, name) VALUES (?, ?) ON CONFLICT(tenant_id, name) DO NOTHING",
                arguments: [tenantID, name])
            let id = try Int64.fetchOne(
                db, sql: "SELECT id FROM sites WHERE tenant_id = ? AND name = ?", arguments: [tenantID, name])!
            return Site(id: id, tenantID: tenantID, name: name)
        }
    }

    func ensureDevice(siteID: Int64, address: String, name: String?, parentID: Int64?) async throws -> Device {
        try await context.write { db in
            guard let tenantID = try Int64.fetchOne(db, sql: "SELECT tenant_id FROM sites WHERE id = ?", arguments: [siteID])
            else { throw StoreError.notFound("site \(siteID)") }
            try db.execute(
                sql: """
                    INSERT INTO devices(tenant_id, site_id, address, name, parent_id, created_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(site_id, address) DO UPDATE SET
                        name = coalesce(excluded.name, name), parent_id = coalesce(excluded.parent_id, parent_id)
                    """,
                arguments: [tenantID, siteID, address, name, parentID, Date().ms])
            let row = try Row.fetchOne(
                db, sql: "SELECT \(Self.deviceColumns) FROM devices d WHERE site_id = ? AND address = ?",
                arguments: [siteID, address])!
            return Self.device(row)
        }
    }

    func device(id: Int64) async throws -> Device? {
        try await context.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.deviceColumns) FROM devices d WHERE id = ?", arguments: [id]).map(Self.device)
        }
    }

    func devices(tenantID: Int64?, siteID: Int64?) async throws -> [Device] {
        try await context.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.deviceColumns) FROM devices d
                    WHERE (?1 IS NULL OR tenant_id = ?1) AND (?2 IS NULL OR site_id = ?2) ORDER BY id
                    """,
                arguments: [tenantID, siteID]
            ).map(Self.device)
        }
    }

    func tenants() async throws -> [Tenant] {
        try await context.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name FROM tenants ORDER BY name").map { Tenant(id: $0["id"], name: $0["name"]) }
        }
    }

    func sites(tenantID: Int64?) async throws -> [Site] {
        try await context.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, tenant_id, name FROM sites WHERE ?1 IS NULL OR tenant_id = ?1 ORDER BY tenant_id, name",
                arguments: [tenantID]
            ).map { Site(id: $0["id"], tenantID: $0["tenant_id"], name: $0["name"]) }
        }
    }

    func markSeen(deviceID: Int64, at: Date, sysUpTime: Int64?, credentialSet: String?) async throws -> Int64? {
        try await context.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT sys_uptime FROM devices WHERE id = ?", arguments: [deviceID])
            else { throw StoreError.notFound("device \(deviceID)") }
            try db.execute(
                sql: """
                    UPDATE devices SET last_seen = ?, sys_uptime = coalesce(?, sys_uptime),
                        credential_set = coalesce(?, credential_set) WHERE id = ?
                    """,
                arguments: [at.ms, sysUpTime, credentialSet, deviceID])
            return row["sys_uptime"] as Int64?
        }
    }

    func setReachability(deviceID: Int64, _ state: Reachability, at: Date) async throws -> Reachability {
        try await context.write { db in
            guard let old = try String.fetchOne(db, sql: "SELECT reachability FROM devices WHERE id = ?", arguments: [deviceID])
            else { throw StoreError.notFound("device \(deviceID)") }
            if old != state.rawValue {
                try db.execute(
                    sql: "UPDATE devices SET reachability = ?, reachability_since = ? WHERE id = ?",
                    arguments: [state.rawValue, at.ms, deviceID])
            }
            return Reachability(rawValue: old) ?? .unknown
        }
    }

    func setParent(deviceID: Int64, parentID: Int64?, source: String?) async throws {
        try await context.write { db in
            if parentID == deviceID { throw StoreError.invalid("a device cannot be its own parent") }
            try db.execute(sql: "UPDATE devices SET parent_id = ?, parent_source = ? WHERE id = ?",
                           arguments: [parentID, parentID == nil ? nil : source, deviceID])
        }
    }

    func sysNames() async throws -> [Int64: String] {
        try await context.read { db in
            var names: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT device_id, sys_name FROM device_identity WHERE sys_name IS NOT NULL") {
                names[row["device_id"]] = row["sys_name"]
            }
            return names
        }
    }

    func recordIdentity(deviceID: Int64, _ identity: DeviceIdentity, at: Date) async throws -> [String] {
        try await context.write { db in
            let columns = DeviceIdentity.fieldNames
            let old = try Row.fetchOne(
                db, sql: "SELECT \(columns.joined(separator: ", ")) FROM device_identity WHERE device_id = ?",
                arguments: [deviceID]
            ).map { Self.identity($0) }
            let changed = old.map { identity.changedFields(from: $0) } ?? []
            if old != nil && changed.isEmpty { return [] }
            let values = identity.values.map { $0 as (any DatabaseValueConvertible)? }
            let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
            try db.execute(
                sql: """
                    INSERT INTO device_identity(device_id, \(columns.joined(separator: ", ")), updated_at)
                    VALUES (?, \(placeholders), ?)
                    ON CONFLICT(device_id) DO UPDATE SET
                    \(columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")), updated_at = excluded.updated_at
                    """,
                arguments: StatementArguments([deviceID] + values + [at.ms]))
            try db.execute(
                sql: """
                    INSERT INTO device_identity_history(device_id, at, changed, \(columns.joined(separator: ", ")))
                    VALUES (?, ?, ?, \(placeholders))
                    """,
                arguments: StatementArguments([deviceID, at.ms, changed.joined(separator: ",")] + values))
            // First observation: every field it knows counts as new.
            return old == nil ? zip(columns, identity.values).compactMap { (name: String, value: String?) in value == nil ? nil : name } : changed
        }
    }

    func identity(deviceID: Int64) async throws -> DeviceIdentity? {
        try await context.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(DeviceIdentity.fieldNames.joined(separator: ", ")) FROM device_identity WHERE device_id = ?",
                arguments: [deviceID]
            ).map { Self.identity($0) }
        }
    }

    func identityHistory(deviceID: Int64) async throws -> [IdentityHistoryEntry] {
        try await context.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT at, changed, \(DeviceIdentity.fieldNames.joined(separator: ", "))
                    FROM device_identity_history WHERE device_id = ? ORDER BY at, id
                    """,
                arguments: [deviceID]
            ).map { row in
                let changed: String = row["changed"]
                return IdentityHistoryEntry(
                    at: row.date("at")!, identity: Self.identity(row),
                    changed: changed.isEmpty ? [] : changed.split(separator: ",").map(String.init))
            }
        }
    }

    func inventory(tenant: String?, site: String?) async throws -> [InventoryRow] {
        try await context.read { db in
            let identity = DeviceIdentity.fieldNames.map { "i.\($0) AS id_\($0)" }.joined(separator: ", ")
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT t.name AS tenant_name, s.name AS site_name, \(Self.deviceColumns), i.device_id AS has_identity, \(identity)
                    FROM devices d JOIN sites s ON s.id = d.site_id JOIN tenants t ON t.id = d.tenant_id
                    LEFT JOIN device_identity i ON i.device_id = d.id
                    WHERE (?1 IS NULL OR t.name = ?1) AND (?2 IS NULL OR s.name = ?2)
                    ORDER BY t.name, s.name, d.address
                    """,
                arguments: [tenant, site]
            ).map { row in
                let hasIdentity: Int64? = row["has_identity"]
                return InventoryRow(
                    tenant: row["tenant_name"], site: row["site_name"], device: Self.device(row),
                    identity: hasIdentity == nil ? nil : Self.identity(row, prefix: "id_"))
            }
        }
    }
}
