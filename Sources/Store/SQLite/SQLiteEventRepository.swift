import Foundation
import GRDB

struct SQLiteEventRepository: EventRepository {
    let context: SQLiteContext
    init(_ context: SQLiteContext) { self.context = context }

    static func event(_ row: Row) -> Event {
        Event(
            id: row["id"],
            draft: EventDraft(
                kind: row["kind"], deviceID: row["device_id"], interfaceID: row["interface_id"], severity: row["severity"],
                at: row.date("at")!, message: row["message"], detailsJSON: row["details"],
                source: EventSource(rawValue: row["source"]) ?? .system))
    }

    static func insert(_ db: Database, _ events: [EventDraft]) throws -> [Int64] {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO events(device_id, interface_id, kind, severity, at, message, details, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """)
        return try events.map { e in
            try Int64.fetchOne(
                statement,
                arguments: [e.deviceID, e.interfaceID, e.kind, e.severity, e.at.ms, e.message, e.detailsJSON, e.source.rawValue])!
        }
    }

    func record(_ events: [EventDraft]) async throws -> [Int64] {
        guard !events.isEmpty else { return [] }
        return try await context.write(weight: events.count) { db in try Self.insert(db, events) }
    }

    func events(deviceID: Int64?, since: Date?, limit: Int) async throws -> [Event] {
        try await context.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM events WHERE (?1 IS NULL OR device_id = ?1) AND (?2 IS NULL OR at >= ?2)
                    ORDER BY at DESC, id DESC LIMIT ?3
                    """,
                arguments: [deviceID, since?.ms, limit]
            ).map(Self.event)
        }
    }

    func prune(now: Date, policy: RetentionPolicy) async throws -> PruneCounts {
        let cutoff = now.addingTimeInterval(-policy.events).ms
        // Evidence of an unresolved alert is kept whatever its age.
        let removed = try await context.write(weight: 10_000) { db in
            try db.execute(
                sql: """
                    DELETE FROM events WHERE at < ? AND id NOT IN (
                        SELECT e.event_id FROM alert_evidence e JOIN alerts a ON a.id = e.alert_id WHERE a.state <> 'resolved')
                    """,
                arguments: [cutoff])
            return db.changesCount
        }
        return PruneCounts(rows: ["events": removed])
    }
}
