import Foundation
import GRDB

struct SQLiteInterfaceRepository: InterfaceRepository {
    let context: SQLiteContext
    init(_ context: SQLiteContext) { self.context = context }

    static let columns = "id, device_id, if_index, name, descr, alias, type, speed, admin_status, oper_status, duplex, mac, last_change, updated_at"

    static func interface(_ row: Row) -> Interface {
        Interface(
            id: row["id"], deviceID: row["device_id"],
            observation: InterfaceObservation(
                ifIndex: row["if_index"], name: row["name"], descr: row["descr"], alias: row["alias"], type: row["type"],
                speed: row["speed"], adminStatus: row["admin_status"], operStatus: row["oper_status"],
                duplex: row["duplex"], mac: row["mac"], lastChange: row.date("last_change")),
            updatedAt: row.date("updated_at")!)
    }

    func sync(deviceID: Int64, _ observations: [InterfaceObservation], at: Date) async throws -> [InterfaceChange] {
        try await context.write(weight: observations.count) { db in
            var known: [Int64: Interface] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT \(Self.columns) FROM interfaces WHERE device_id = ?", arguments: [deviceID]) {
                let interface = Self.interface(row)
                known[interface.observation.ifIndex] = interface
            }
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO interfaces(device_id, if_index, name, descr, alias, type, speed, admin_status, oper_status,
                    duplex, mac, last_change, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(device_id, if_index) DO UPDATE SET
                    name = excluded.name, descr = excluded.descr, alias = excluded.alias, type = excluded.type,
                    speed = excluded.speed, admin_status = excluded.admin_status, oper_status = excluded.oper_status,
                    duplex = excluded.duplex, mac = excluded.mac, last_change = excluded.last_change,
                    updated_at = excluded.updated_at
                RETURNING id
                """)
            let history = try db.cachedStatement(
                sql: "INSERT INTO interface_history(interface_id, at, field, old_value, new_value) VALUES (?, ?, ?, ?, ?)")
            var changes: [InterfaceChange] = []
            for o in observations {
                let id = try Int64.fetchOne(
                    upsert,
                    arguments: [
                        deviceID, o.ifIndex, o.name, o.descr, o.alias, o.type, o.speed, o.adminStatus, o.operStatus,
                        o.duplex, o.mac, o.lastChange?.ms, at.ms,
                    ])!
                var these: [InterfaceChange] = []
                if let old = known[o.ifIndex] {
                    for ((field, before), (_, after)) in zip(old.observation.tracked, o.tracked) where before != after {
                        these.append(InterfaceChange(interfaceID: id, ifIndex: o.ifIndex, at: at, field: field, old: before, new: after))
                    }
                } else {
                    these.append(InterfaceChange(interfaceID: id, ifIndex: o.ifIndex, at: at, field: "added", old: nil, new: o.name ?? o.descr))
                }
                for change in these {
                    try history.execute(arguments: [id, at.ms, change.field, change.old, change.new])
                }
                changes += these
            }
            return changes
        }
    }

    func interfaces(deviceID: Int64) async throws -> [Interface] {
        try await context.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.columns) FROM interfaces WHERE device_id = ? ORDER BY if_index", arguments: [deviceID]
            ).map(Self.interface)
        }
    }

    func history(interfaceID: Int64, since: Date?, limit: Int) async throws -> [InterfaceChange] {
        try await context.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT h.interface_id, i.if_index, h.at, h.field, h.old_value, h.new_value
                    FROM interface_history h JOIN interfaces i ON i.id = h.interface_id
                    WHERE h.interface_id = ? AND (?2 IS NULL OR h.at >= ?2) ORDER BY h.at DESC, h.id DESC LIMIT ?
                    """,
                arguments: [interfaceID, since?.ms, limit]
            ).map {
                InterfaceChange(
                    interfaceID: $0["interface_id"], ifIndex: $0["if_index"], at: $0.date("at")!, field: $0["field"],
                    old: $0["old_value"], new: $0["new_value"])
            }
        }
    }
}
