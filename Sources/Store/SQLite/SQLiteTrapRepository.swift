import Foundation
import GRDB

struct SQLiteTrapRepository: TrapRepository {
    let context: SQLiteContext
    init(_ context: SQLiteContext) { self.context = context }

    func record(_ traps: [TrapRecordDraft]) async throws -> [Int64] {
        guard !traps.isEmpty else { return [] }
        return try await context.write(weight: traps.count) { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO traps(device_id, received_at, source, version, trap_oid, varbinds) VALUES (?, ?, ?, ?, ?, ?)
                """)
            return try traps.map { t in
                try insert.execute(arguments: [t.deviceID, t.receivedAt.ms, t.sourceAddress, t.version, t.trapOID, t.varbindsJSON])
                return db.lastInsertedRowID
            }
        }
    }

    func traps(deviceID: Int64?, since: Date?, limit: Int) async throws -> [TrapRecord] {
        try await context.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM traps WHERE (?1 IS NULL OR device_id = ?1) AND (?2 IS NULL OR received_at >= ?2)
                    ORDER BY received_at DESC, id DESC LIMIT ?3
                    """,
                arguments: [deviceID, since?.ms, limit]
            ).map { row in
                TrapRecord(
                    id: row["id"],
                    draft: TrapRecordDraft(
                        deviceID: row["device_id"], receivedAt: row.date("received_at")!, sourceAddress: row["source"],
                        version: row["version"], trapOID: row["trap_oid"], varbindsJSON: row["varbinds"]))
            }
        }
    }

    func prune(now: Date, policy: RetentionPolicy) async throws -> PruneCounts {
        let cutoff = now.addingTimeInterval(-policy.traps).ms
        let removed = try await context.write(weight: 10_000) { db in
            try db.execute(sql: "DELETE FROM traps WHERE received_at < ?", arguments: [cutoff])
            return db.changesCount
        }
        return PruneCounts(rows: ["traps": removed])
    }
}
