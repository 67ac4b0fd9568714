import Foundation
import GRDB

struct SQLiteOutboxRepository: OutboxRepository {
    let context: SQLiteContext
    init(_ context: SQLiteContext) { self.context = context }

    static func message(_ row: Row) -> OutboxMessage {
        OutboxMessage(
            id: row["id"], channel: row["channel"], payloadJSON: row["payload"], alertID: row["alert_id"],
            createdAt: row.date("created_at")!, attempts: row["attempts"], nextAttemptAt: row.date("next_attempt_at"),
            deliveredAt: row.date("delivered_at"), gaveUpAt: row.date("gave_up_at"), lastError: row["last_error"])
    }

    /// Used by the alert repository inside its own write, so the alert change and its
    /// notifications commit together.
    static func insert(_ db: Database, _ notifications: [NotificationDraft], alertID: Int64?, at: Date) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO outbox(channel, payload, alert_id, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)
            """)
        for n in notifications {
            try statement.execute(arguments: [n.channel, n.payloadJSON, alertID, at.ms, at.ms])
        }
    }

    func enqueue(_ notifications: [NotificationDraft], at: Date) async throws {
        try await context.write(weight: notifications.count) { db in
            try Self.insert(db, notifications, alertID: nil, at: at)
        }
    }

    func claim(limit: Int, now: Date, lease: TimeInterval) async throws -> [OutboxMessage] {
        try await context.write { db in
            try Row.fetchAll(
                db,
                sql: """
                    UPDATE outbox SET claimed_until = ?1, attempts = attempts + 1
                    WHERE id IN (
                        SELECT id FROM outbox
                        WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= ?2
                            AND (claimed_until IS NULL OR claimed_until <= ?2)
                        ORDER BY next_attempt_at, id LIMIT ?3)
                    RETURNING *
                    """,
                arguments: [now.addingTimeInterval(lease).ms, now.ms, limit]
            ).map(Self.message).sorted { ($0.nextAttemptAt ?? $0.createdAt, $0.id) < ($1.nextAttemptAt ?? $1.createdAt, $1.id) }
        }
    }

    func markDelivered(id: Int64, at: Date) async throws {
        try await context.write { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET delivered_at = ?, next_attempt_at = NULL, claimed_until = NULL, last_error = NULL
                    WHERE id = ?
                    """,
                arguments: [at.ms, id])
            if db.changesCount == 0 { throw StoreError.notFound("outbox message \(id)") }
        }
    }

    func markFailed(id: Int64, error: String, at: Date, policy: RetryPolicy) async throws {
        try await context.write { db in
            guard let attempts = try Int64.fetchOne(db, sql: "SELECT attempts FROM outbox WHERE id = ?", arguments: [id])
            else { throw StoreError.notFound("outbox message \(id)") }
            if attempts >= policy.maxAttempts {
                try db.execute(
                    sql: "UPDATE outbox SET next_attempt_at = NULL, claimed_until = NULL, gave_up_at = ?, last_error = ? WHERE id = ?",
                    arguments: [at.ms, error, id])
            } else {
                let next = at.addingTimeInterval(policy.delay(afterAttempt: attempts))
                try db.execute(
                    sql: "UPDATE outbox SET next_attempt_at = ?, claimed_until = NULL, last_error = ? WHERE id = ?",
                    arguments: [next.ms, error, id])
            }
        }
    }

    func pendingCount() async throws -> Int {
        try await context.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE next_attempt_at IS NOT NULL") ?? 0
        }
    }

    func message(id: Int64) async throws -> OutboxMessage? {
        try await context.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]).map(Self.message)
        }
    }

    func prune(now: Date, policy: RetentionPolicy) async throws -> PruneCounts {
        let cutoff = now.addingTimeInterval(-policy.deliveredNotifications).ms
        let removed = try await context.write(weight: 10_000) { db in
            try db.execute(
                sql: "DELETE FROM outbox WHERE coalesce(delivered_at, gave_up_at) < ?", arguments: [cutoff])
            return db.changesCount
        }
        return PruneCounts(rows: ["outbox": removed])
    }
}
