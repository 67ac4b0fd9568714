import Foundation
import GRDB

struct SQLiteAlertRepository: AlertRepository {
    let context: SQLiteContext
    init(_ context: SQLiteContext) { self.context = context }

    static func alert(_ row: Row) -> Alert {
        Alert(
            id: row["id"], dedupKey: row["dedup_key"], kind: row["kind"], tenantID: row["tenant_id"],
            deviceID: row["device_id"], interfaceID: row["interface_id"], severity: row["severity"], title: row["title"],
            state: AlertState(rawValue: row["state"]) ?? .open, openedAt: row.date("opened_at")!,
            lastSeenAt: row.date("last_seen_at")!, occurrences: row["occurrences"], acknowledgedAt: row.date("acknowledged_at"),
            acknowledgedBy: row["acknowledged_by"], resolvedAt: row.date("resolved_at"), parentID: row["parent_id"])
    }

    static func fetch(_ db: Database, id: Int64) throws -> Alert? {
        try Row.fetchOne(db, sql: "SELECT * FROM alerts WHERE id = ?", arguments: [id]).map(alert)
    }

    static func unresolved(_ db: Database, dedupKey: String) throws -> Alert? {
        try Row.fetchOne(db, sql: "SELECT * FROM alerts WHERE dedup_key = ? AND state <> 'resolved'", arguments: [dedupKey])
            .map(alert)
    }

    static func link(_ db: Database, alertID: Int64, eventIDs: [Int64]) throws {
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO alert_evidence(alert_id, event_id) VALUES (?, ?)")
        for event in eventIDs { try statement.execute(arguments: [alertID, event]) }
    }

    func raise(_ draft: AlertDraft, evidence: [Int64], notifications: [NotificationDraft]) async throws -> AlertRaise {
        try await context.write { db in
            if let existing = try Self.unresolved(db, dedupKey: draft.dedupKey) {
                try db.execute(
                    sql: """
                        UPDATE alerts SET occurrences = occurrences + 1, last_seen_at = max(last_seen_at, ?),
                            severity = min(severity, ?), parent_id = coalesce(?, parent_id) WHERE id = ?
                        """,
                    arguments: [draft.at.ms, draft.severity, draft.parentID, existing.id])
                try Self.link(db, alertID: existing.id, eventIDs: evidence)
                return AlertRaise(alert: try Self.fetch(db, id: existing.id)!, opened: false)
            }
            let id = try Int64.fetchOne(
                db,
                sql: """
                    INSERT INTO alerts(dedup_key, kind, tenant_id, device_id, interface_id, severity, title, state,
                        opened_at, last_seen_at, parent_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?) RETURNING id
                    """,
                arguments: [
                    draft.dedupKey, draft.kind, draft.tenantID, draft.deviceID, draft.interfaceID, draft.severity,
                    draft.title, draft.at.ms, draft.at.ms, draft.parentID,
                ])!
            try Self.link(db, alertID: id, eventIDs: evidence)
            try SQLiteOutboxRepository.insert(db, notifications, alertID: id, at: draft.at)
            return AlertRaise(alert: try Self.fetch(db, id: id)!, opened: true)
        }
    }

    func acknowledge(alertID: Int64, by: String, at: Date, notifications: [NotificationDraft]) async throws -> Alert? {
        try await context.write { db in
            try db.execute(
                sql: "UPDATE alerts SET state = 'acknowledged', acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND state = 'open'",
                arguments: [at.ms, by, alertID])
            guard db.changesCount == 1 else { return nil }
            try SQLiteOutboxRepository.insert(db, notifications, alertID: alertID, at: at)
            return try Self.fetch(db, id: alertID)
        }
    }

    func resolve(dedupKey: String, at: Date, notifications: [NotificationDraft]) async throws -> Alert? {
        try await context.write { db in
            guard let alert = try Self.unresolved(db, dedupKey: dedupKey) else { return nil }
            try db.execute(sql: "UPDATE alerts SET state = 'resolved', resolved_at = ? WHERE id = ?", arguments: [at.ms, alert.id])
            try SQLiteOutboxRepository.insert(db, notifications, alertID: alert.id, at: at)
            return try Self.fetch(db, id: alert.id)
        }
    }

    func setParent(alertID: Int64, parentID: Int64?) async throws {
        try await context.write { db in
            if parentID == alertID { throw StoreError.invalid("an alert cannot be its own parent") }
            try db.execute(sql: "UPDATE alerts SET parent_id = ? WHERE id = ?", arguments: [parentID, alertID])
        }
    }

    func addEvidence(alertID: Int64, eventIDs: [Int64]) async throws {
        try await context.write(weight: eventIDs.count) { db in try Self.link(db, alertID: alertID, eventIDs: eventIDs) }
    }

    func alert(id: Int64) async throws -> Alert? {
        try await context.read { db in try Self.fetch(db, id: id) }
    }

    func unresolved(dedupKey: String) async throws -> Alert? {
        try await context.read { db in try Self.unresolved(db, dedupKey: dedupKey) }
    }

    func alerts(states: Set<AlertState>?, deviceID: Int64?, limit: Int) async throws -> [Alert] {
        let stateList = states.map { $0.map(\.rawValue).sorted().joined(separator: ",") }
        return try await context.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM alerts
                    WHERE (?1 IS NULL OR instr(',' || ?1 || ',', ',' || state || ',') > 0) AND (?2 IS NULL OR device_id = ?2)
                    ORDER BY opened_at DESC, id DESC LIMIT ?3
                    """,
                arguments: [stateList, deviceID, limit]
            ).map(Self.alert)
        }
    }

    func children(of alertID: Int64) async throws -> [Alert] {
        try await context.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM alerts WHERE parent_id = ? ORDER BY id", arguments: [alertID]).map(Self.alert)
        }
    }

    func evidence(alertID: Int64) async throws -> [Event] {
        try await context.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.* FROM alert_evidence x JOIN events e ON e.id = x.event_id WHERE x.alert_id = ? ORDER BY e.at, e.id
                    """,
                arguments: [alertID]
            ).map(SQLiteEventRepository.event)
        }
    }

    func prune(now: Date, policy: RetentionPolicy) async throws -> PruneCounts {
        let cutoff = now.addingTimeInterval(-policy.resolvedAlerts).ms
        let removed = try await context.write(weight: 10_000) { db in
            try db.execute(
                sql: "DELETE FROM alerts WHERE resolved_at IS NOT NULL AND resolved_at < ? AND state = 'resolved'",
                arguments: [cutoff])
            return db.changesCount
        }
        return PruneCounts(rows: ["alerts": removed])
    }
}
