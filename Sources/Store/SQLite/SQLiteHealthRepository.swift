import Foundation
import GRDB

struct SQLiteHealthRepository: HealthRepository {
    let context: SQLiteContext
    init(_ context: SQLiteContext) { self.context = context }

    static func sample(_ row: Row) -> HealthSample {
        HealthSample(
            deviceID: row["device_id"], at: Date(timeIntervalSince1970: Double(row["ts"] as Int64)), metric: row["metric"],
            label: row["label"], value: row["value"])
    }

    func record(_ samples: [HealthSample]) async throws {
        guard !samples.isEmpty else { return }
        try await context.write(weight: samples.count) { db in
            let insert = try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO health_samples(device_id, metric, label, ts, value) VALUES (?, ?, ?, ?, ?)")
            for s in samples where s.value.isFinite {
                try insert.execute(arguments: [s.deviceID, s.metric, s.label, s.at.seconds, s.value])
            }
        }
    }

    func series(deviceID: Int64, metric: String, label: String?, from: Date, to: Date) async throws -> [HealthSample] {
        try await context.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM health_samples WHERE device_id = ?1 AND metric = ?2 AND (?3 IS NULL OR label = ?3)
                    AND ts >= ?4 AND ts < ?5 ORDER BY ts, label
                    """,
                arguments: [deviceID, metric, label, from.seconds, to.seconds]
            ).map(Self.sample)
        }
    }

    func latest(deviceID: Int64) async throws -> [HealthSample] {
        try await context.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT device_id, metric, label, max(ts) AS ts, value FROM health_samples
                    WHERE device_id = ? GROUP BY metric, label ORDER BY metric, label
                    """,
                arguments: [deviceID]
            ).map(Self.sample)
        }
    }

    func prune(now: Date, policy: RetentionPolicy) async throws -> PruneCounts {
        let cutoff = now.addingTimeInterval(-policy.health).seconds
        let removed = try await context.write(weight: 10_000) { db in
            try db.execute(sql: "DELETE FROM health_samples WHERE ts < ?", arguments: [cutoff])
            return db.changesCount
        }
        return PruneCounts(rows: ["health_samples": removed])
    }
}
