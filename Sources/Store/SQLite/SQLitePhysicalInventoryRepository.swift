import Foundation
import GRDB

struct SQLitePhysicalInventoryRepository: PhysicalInventoryRepository {
    let context: SQLiteContext
    init(_ context: SQLiteContext) { self.context = context }

    static func entity(_ row: Row) -> PhysicalEntity {
        PhysicalEntity(
            index: row["ent_index"], physicalClass: row["class"], containedIn: row["contained_in"], position: row["position"],
            name: row["name"], descr: row["descr"], vendorType: row["vendor_type"], model: row["model"], serial: row["serial"],
            hardwareRevision: row["hardware_rev"], firmwareRevision: row["firmware_rev"], softwareRevision: row["software_rev"],
            manufacturer: row["manufacturer"], isFRU: (row["fru"] as Int64?).map { $0 != 0 },
            firstSeen: row.date("first_seen"), lastSeen: row.date("last_seen"))
    }

    static func change(_ row: Row) -> PhysicalEntityChange {
        PhysicalEntityChange(
            kind: PhysicalEntityChange.Kind(rawValue: row["change"]) ?? .changed, at: row.date("at") ?? Date(ms: 0),
            index: row["ent_index"], field: row["field"], old: row["old_value"], new: row["new_value"],
            physicalClass: row["class"], name: row["name"], model: row["model"], serial: row["serial"],
            isFRU: (row["fru"] as Int64?).map { $0 != 0 })
    }

    static func fetch(_ db: Database, deviceID: Int64) throws -> [PhysicalEntity] {
        try Row.fetchAll(db, sql: "SELECT * FROM physical_entities WHERE device_id = ? ORDER BY ent_index", arguments: [deviceID])
            .map(entity)
    }

    /// What identifies an entity that the agent renumbered (entPhysicalIndex is stable only
    /// while the agent runs): the same class, name, model and serial. Only entities with a serial.
    struct Identity: Hashable {
        var physicalClass: String, name: String?, model: String?, serial: String
        init?(_ e: PhysicalEntity) {
            guard let serial = e.serial else { return nil }
            physicalClass = e.physicalClass
            name = e.name
            model = e.model
            self.serial = serial
        }
    }

    func replace(deviceID: Int64, _ entities: [PhysicalEntity], at: Date) async throws -> [PhysicalEntityChange] {
        try await context.write(weight: max(1, entities.count)) { db in
            let before = try Self.fetch(db, deviceID: deviceID)
            let first = before.isEmpty
            var old = Dictionary(before.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
            var latest: [Int64: PhysicalEntity] = [:]
            for entity in entities { latest[entity.index] = entity }
            var added = latest.values.filter { old[$0.index] == nil }.sorted { $0.index < $1.index }
            var removed = old.values.filter { latest[$0.index] == nil }.sorted { $0.index < $1.index }
            // Renumbered entities keep their first sighting and are no change.
            var firstSeen: [Int64: Date] = [:]
            var gone = Dictionary(removed.compactMap { e in Identity(e).map { ($0, e) } }, uniquingKeysWith: { a, _ in a })
            added.removeAll { entity in
                guard let identity = Identity(entity), let was = gone.removeValue(forKey: identity) else { return false }
                firstSeen[entity.index] = was.firstSeen
                removed.removeAll { $0.index == was.index }
                return true
            }

            var changes: [PhysicalEntityChange] = []
            if !first {
                for e in removed {
                    changes.append(PhysicalEntityChange(kind: .removed, at: at, index: e.index, physicalClass: e.physicalClass,
                                                        name: e.name, model: e.model, serial: e.serial, isFRU: e.isFRU))
                }
                for e in added {
                    changes.append(PhysicalEntityChange(kind: .added, at: at, index: e.index, physicalClass: e.physicalClass,
                                                        name: e.name, model: e.model, serial: e.serial, isFRU: e.isFRU))
                }
                for e in latest.values.sorted(by: { $0.index < $1.index }) {
                    guard let was = old[e.index] else { continue }
                    for field in PhysicalEntity.trackedFields where e.tracked(field) != was.tracked(field) {
                        changes.append(PhysicalEntityChange(
                            kind: .changed, at: at, index: e.index, field: field, old: was.tracked(field), new: e.tracked(field),
                            physicalClass: e.physicalClass, name: e.name, model: e.model, serial: e.serial, isFRU: e.isFRU ?? was.isFRU))
                    }
                }
            }

            for e in removed {
                try db.execute(sql: "DELETE FROM physical_entities WHERE device_id = ? AND ent_index = ?", arguments: [deviceID, e.index])
                old[e.index] = nil
            }
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO physical_entities(device_id, ent_index, class, contained_in, position, name, descr, vendor_type,
                    model, serial, hardware_rev, firmware_rev, software_rev, manufacturer, fru, first_seen, last_seen)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(device_id, ent_index) DO UPDATE SET
                    class = excluded.class, contained_in = excluded.contained_in, position = excluded.position,
                    name = excluded.name, descr = excluded.descr, vendor_type = excluded.vendor_type, model = excluded.model,
                    serial = excluded.serial, hardware_rev = excluded.hardware_rev, firmware_rev = excluded.firmware_rev,
                    software_rev = excluded.software_rev, manufacturer = excluded.manufacturer, fru = excluded.fru,
                    last_seen = excluded.last_seen
                """)
            for e in latest.values {
                let since = firstSeen[e.index] ?? at
                try upsert.execute(arguments: [
                    deviceID, e.index, e.physicalClass, e.containedIn, e.position, e.name, e.descr, e.vendorType, e.model,
                    e.serial, e.hardwareRevision, e.firmwareRevision, e.softwareRevision, e.manufacturer,
                    e.isFRU.map { $0 ? Int64(1) : Int64(0) }, since.ms, at.ms,
                ])
            }
            // A renumbered entity's old row (its index not reused) goes.
            for index in old.keys where latest[index] == nil {
                try db.execute(sql: "DELETE FROM physical_entities WHERE device_id = ? AND ent_index = ?", arguments: [deviceID, index])
            }

            let history = try db.cachedStatement(sql: """
                INSERT INTO physical_entity_history(device_id, at, ent_index, change, field, old_value, new_value,
                    class, name, model, serial, fru)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for c in changes {
                try history.execute(arguments: [
                    deviceID, c.at.ms, c.index, c.kind.rawValue, c.field, c.old, c.new, c.physicalClass, c.name, c.model,
                    c.serial, c.isFRU.map { $0 ? Int64(1) : Int64(0) },
                ])
            }
            return changes
        }
    }

    func entities(deviceID: Int64) async throws -> [PhysicalEntity] {
        try await context.read { db in try Self.fetch(db, deviceID: deviceID) }
    }

    func history(deviceID: Int64, limit: Int) async throws -> [PhysicalEntityChange] {
        try await context.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM physical_entity_history WHERE device_id = ? ORDER BY at DESC, id DESC LIMIT ?",
                arguments: [deviceID, max(0, limit)]
            ).map(Self.change)
        }
    }

    func fieldReplaceableCounts() async throws -> [Int64: Int] {
        try await context.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT device_id, count(*) AS n FROM physical_entities WHERE fru = 1 GROUP BY device_id")
            return Dictionary(rows.map { ($0["device_id"] as Int64, $0["n"] as Int) }, uniquingKeysWith: +)
        }
    }
}
