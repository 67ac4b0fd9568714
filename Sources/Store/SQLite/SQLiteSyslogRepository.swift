import Foundation
import GRDB

struct SQLiteSyslogRepository: SyslogRepository {
    let context: SQLiteContext
    init(_ context: SQLiteContext) { self.context = context }

    /// Rows deleted per prune operation (each delete also removes its terms from the index).
    static let pruneChunk = 10_000
    /// Messages arrive out of order by up to a batch; time bounds on ids allow this much.
    static let clockSlackMS: Int64 = 60_000

    static func record(_ row: Row) -> SyslogRecord {
        let raw: Data? = row["raw"]
        return SyslogRecord(
            id: row["id"],
            draft: SyslogRecordDraft(
                deviceID: row["device_id"], receivedAt: row.date("received_at")!, sourceAddress: row["source"],
                facility: row["facility"], severity: row["severity"], hostname: row["hostname"], appName: row["app"],
                msgID: row["msgid"], message: row["message"], raw: raw.map { [UInt8]($0) } ?? [], flags: row["flags"],
                eventClass: row["event_class"]))
    }

    /// Turns what a user typed into an FTS5 query: every word must match; each word is quoted,
    /// so punctuation never reaches FTS5's query syntax (`Gi0/1` becomes the phrase "gi0 1").
    static func matchExpression(_ text: String) -> String? {
        let parts = text.split(whereSeparator: \.isWhitespace).compactMap { piece -> String? in
            var word = String(piece)
            let prefix = word.hasSuffix("*")
            while word.hasSuffix("*") { word.removeLast() }
            guard word.unicodeScalars.contains(where: { CharacterSet.alphanumerics.contains($0) }) else { return nil }
            return "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (prefix ? "*" : "")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    func record(_ messages: [SyslogRecordDraft]) async throws -> [Int64] {
        guard !messages.isEmpty else { return [] }
        return try await context.write(weight: messages.count) { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO syslog(device_id, received_at, source, facility, severity, hostname, app, msgid, message, raw,
                    flags, event_class)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let index = try db.cachedStatement(sql: "INSERT INTO syslog_fts(rowid, message, hostname, app) VALUES (?, ?, ?, ?)")
            var ids: [Int64] = []
            ids.reserveCapacity(messages.count)
            for m in messages {
                insert.setUncheckedArguments([
                    m.deviceID, m.receivedAt.ms, m.sourceAddress, m.facility, m.severity, m.hostname, m.appName, m.msgID,
                    m.message, Data(m.raw), m.flags, m.eventClass,
                ])
                try insert.execute()
                let id = db.lastInsertedRowID
                index.setUncheckedArguments([id, m.message, m.hostname, m.appName])
                try index.execute()
                ids.append(id)
            }
            return ids
        }
    }

    func search(_ query: SyslogQuery) async throws -> [SyslogRecord] {
        guard let match = Self.matchExpression(query.text) else { throw StoreError.invalid("a search needs at least one word") }
        let limit = max(0, query.limit)
        return try await context.read { db in
            // Time filters become rowid bounds, which FTS5 applies while it walks its posting lists.
            var low: Int64 = 0
            var high = Int64.max
            if let since = query.since {
                low = try Int64.fetchOne(
                    db, sql: "SELECT id FROM syslog WHERE received_at >= ? ORDER BY received_at LIMIT 1",
                    arguments: [since.ms - Self.clockSlackMS]) ?? Int64.max
            }
            if let until = query.until {
                high = try Int64.fetchOne(
                    db, sql: "SELECT id FROM syslog WHERE received_at <= ? ORDER BY received_at DESC LIMIT 1",
                    arguments: [until.ms + Self.clockSlackMS]) ?? -1
            }
            let order = query.order == .recent ? "f.rowid DESC" : "f.rank, f.rowid DESC"
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT s.* FROM syslog_fts f JOIN syslog s ON s.id = f.rowid
                    WHERE syslog_fts MATCH ?1 AND f.rowid >= ?2 AND f.rowid <= ?3
                        AND (?4 IS NULL OR s.device_id = ?4) AND (?5 IS NULL OR s.severity <= ?5)
                        AND (?6 IS NULL OR s.received_at >= ?6) AND (?7 IS NULL OR s.received_at <= ?7)
                    ORDER BY \(order) LIMIT ?8
                    """,
                arguments: [match, low, high, query.deviceID, query.maxSeverity, query.since?.ms, query.until?.ms, limit]
            ).map(Self.record)
        }
    }

    func count() async throws -> Int {
        try await context.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM syslog") ?? 0 }
    }

    func prune(now: Date, policy: RetentionPolicy) async throws -> PruneCounts {
        let cutoff = now.addingTimeInterval(-policy.syslog).ms
        var removed = 0
        while true {
            let chunk = try await context.write(weight: Self.pruneChunk) { db in
                try db.execute(
                    sql: """
                        DELETE FROM syslog WHERE id IN (
                            SELECT id FROM syslog WHERE received_at < ? ORDER BY received_at LIMIT ?)
                        """,
                    arguments: [cutoff, Self.pruneChunk])
                return db.changesCount
            }
            removed += chunk
            if chunk < Self.pruneChunk { break }
        }
        return PruneCounts(rows: ["syslog": removed])
    }
}
