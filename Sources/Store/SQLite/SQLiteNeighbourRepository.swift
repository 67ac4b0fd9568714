import Foundation
import GRDB

struct SQLiteNeighbourRepository: NeighbourRepository {
    let context: SQLiteContext
    init(_ context: SQLiteContext) { self.context = context }

    struct Key: Hashable {
        var protocolName: String
        var localIfIndex: Int64
        var chassis: String
        var port: String
        init(_ n: Neighbour) {
            protocolName = n.protocolName
            localIfIndex = n.localIfIndex
            chassis = n.remoteChassisID
            port = n.remotePortID
        }
    }

    static func neighbour(_ row: Row) -> Neighbour {
        Neighbour(
            protocolName: row["protocol"], localIfIndex: row["local_if_index"], remoteChassisID: row["remote_chassis_id"],
            remotePortID: row["remote_port_id"], remotePortDescr: row["remote_port_descr"],
            remoteSysName: row["remote_sys_name"], remoteAddress: row["remote_address"],
            remotePlatform: row["remote_platform"], firstSeen: row.date("first_seen"), lastSeen: row.date("last_seen"))
    }

    static func fetch(_ db: Database, deviceID: Int64) throws -> [Neighbour] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM neighbours WHERE device_id = ? ORDER BY local_if_index, protocol, remote_chassis_id",
            arguments: [deviceID]
        ).map(neighbour)
    }

    func replace(deviceID: Int64, _ neighbours: [Neighbour], at: Date) async throws -> NeighbourChanges {
        try await context.write(weight: neighbours.count) { db in
            let before = try Self.fetch(db, deviceID: deviceID)
            let seen = Set(neighbours.map(Key.init))
            let known = Set(before.map(Key.init))
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO neighbours(device_id, protocol, local_if_index, remote_chassis_id, remote_port_id,
                    remote_port_descr, remote_sys_name, remote_address, remote_platform, first_seen, last_seen)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(device_id, protocol, local_if_index, remote_chassis_id, remote_port_id) DO UPDATE SET
                    remote_port_descr = excluded.remote_port_descr, remote_sys_name = excluded.remote_sys_name,
                    remote_address = excluded.remote_address, remote_platform = excluded.remote_platform,
                    last_seen = excluded.last_seen
                """)
            for n in neighbours {
                try upsert.execute(arguments: [
                    deviceID, n.protocolName, n.localIfIndex, n.remoteChassisID, n.remotePortID, n.remotePortDescr,
                    n.remoteSysName, n.remoteAddress, n.remotePlatform, at.ms, at.ms,
                ])
            }
            let removed = before.filter { !seen.contains(Key($0)) }
            for n in removed {
                try db.execute(
                    sql: """
                        DELETE FROM neighbours WHERE device_id = ? AND protocol = ? AND local_if_index = ?
                        AND remote_chassis_id = ? AND remote_port_id = ?
                        """,
                    arguments: [deviceID, n.protocolName, n.localIfIndex, n.remoteChassisID, n.remotePortID])
            }
            let added = try Self.fetch(db, deviceID: deviceID).filter { !known.contains(Key($0)) }
            return NeighbourChanges(added: added, removed: removed)
        }
    }

    func neighbours(deviceID: Int64) async throws -> [Neighbour] {
        try await context.read { db in try Self.fetch(db, deviceID: deviceID) }
    }

    func allNeighbours() async throws -> [Int64: [Neighbour]] {
        try await context.read { db in
            var result: [Int64: [Neighbour]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM neighbours ORDER BY device_id, local_if_index, protocol, remote_chassis_id") {
                result[row["device_id"], default: []].append(Self.neighbour(row))
            }
            return result
        }
    }
}
