import Foundation
import GRDB
import GRDBSQLite

struct SQLiteSyslogRepository: SyslogRepository {
    let context: SQLiteContext
    init(_ context: SQLiteContext) { self.context = context }

    /// Rows deleted per prune operation (each delete also removes its terms from the index).
    static let pruneChunk = 10_000
    /// Messages arrive out of order by up to a batch; time bounds on ids allow this much.
    static let clockSlackMS: Int64 = 60_000
    /// Longest a search waits for the index to take in what was committed before it.
    static let searchWait: TimeInterval = 2
    /// Longest `record` waits for an index that is too far behind.
    static let lagWait: TimeInterval = 30

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

    static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    static func bind(_ statement: OpaquePointer, _ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(statement, index, value) } else { sqlite3_bind_null(statement, index) }
    }

    static func bind(_ statement: OpaquePointer, _ index: Int32, _ value: String?) {
        guard var value else {
            sqlite3_bind_null(statement, index)
            return
        }
        value.withUTF8 { text in
            _ = sqlite3_bind_text(
                statement, index, UnsafeRawPointer(text.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self),
                Int32(text.count), transient)
        }
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

    /// Stores the messages; returns once their rows are committed (the acknowledgement). The
    /// full-text index follows on its own thread (`SyslogIndex`); when it falls more than its
    /// lag limit behind, this waits for it (back-pressure to the receivers, never loss).
    func record(_ messages: [SyslogRecordDraft]) async throws -> [Int64] {
        guard !messages.isEmpty else { return [] }
        let ids = try await context.write(weight: messages.count) { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO syslog(device_id, received_at, source, facility, severity, hostname, app, msgid, message, raw,
                    flags, event_class)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            // Bound straight through SQLite's C API: no argument array, no boxing, no copy of the
            // raw bytes into Data (a quarter of the writer's time per message went there).
            let statement = insert.sqliteStatement
            let connection = db.sqliteConnection
            var ids: [Int64] = []
            ids.reserveCapacity(messages.count)
            for m in messages {
                sqlite3_reset(statement)
                Self.bind(statement, 1, m.deviceID)
                sqlite3_bind_int64(statement, 2, m.receivedAt.ms)
                Self.bind(statement, 3, m.sourceAddress)
                Self.bind(statement, 4, m.facility)
                Self.bind(statement, 5, m.severity)
                Self.bind(statement, 6, m.hostname)
                Self.bind(statement, 7, m.appName)
                Self.bind(statement, 8, m.msgID)
                Self.bind(statement, 9, m.message)
                m.raw.withUnsafeBytes { bytes in
                    // A zero-length blob still needs a non-null pointer to stay a blob, not NULL.
                    _ = sqlite3_bind_blob(statement, 10, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count), Self.transient)
                }
                sqlite3_bind_int64(statement, 11, m.flags)
                Self.bind(statement, 12, m.eventClass)
                let code = sqlite3_step(statement)
                guard code == SQLITE_DONE else {
                    let message = String(cString: sqlite3_errmsg(connection))
                    sqlite3_reset(statement)
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: insert.sql)
                }
                ids.append(sqlite3_last_insert_rowid(connection))
            }
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
            return ids
        }
        if let last = ids.last {
            context.syslogIndex.noteCommitted(last)
            await context.syslogIndex.waitForLag(behind: last, timeout: Self.lagWait)
        }
        return ids
    }

    func search(_ query: SyslogQuery) async throws -> [SyslogRecord] {
        guard let match = Self.matchExpression(query.text) else { throw StoreError.invalid("a search needs at least one word") }
        let limit = max(0, query.limit)
        // Messages acknowledged before this search are in the index (unless it is stuck).
        await context.syslogIndex.waitUntilCurrent(timeout: Self.searchWait)
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
                    SELECT s.* FROM fts.syslog_index f JOIN syslog s ON s.id = f.rowid
                    WHERE syslog_index MATCH ?1 AND f.rowid >= ?2 AND f.rowid <= ?3
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

    /// Deletes messages older than the retention, in chunks. Each chunk copies the deleted rows'
    /// indexed text to `syslog_index_deletes` in the same transaction; the index removes their
    /// entries from there, and the next chunk drops what it has applied. The newest row is
    /// never deleted, so ids are never handed out twice (the index watermark relies on it).
    func prune(now: Date, policy: RetentionPolicy) async throws -> PruneCounts {
        let cutoff = now.addingTimeInterval(-policy.syslog).ms
        let index = context.syslogIndex
        var removed = 0
        while true {
            let applied = index.appliedDeletes
            let (chunk, queued) = try await context.write(weight: Self.pruneChunk) { db -> (Int, Int64) in
                try db.execute(sql: "DELETE FROM syslog_index_deletes WHERE seq <= ?", arguments: [applied])
                let before = try Int64.fetchOne(db, sql: "SELECT ifnull(max(seq), 0) FROM syslog_index_deletes") ?? 0
                try db.execute(
                    sql: """
                        INSERT INTO syslog_index_deletes(id, message, hostname, app)
                        SELECT id, message, hostname, app FROM syslog
                        WHERE received_at < ? AND id < (SELECT max(id) FROM syslog) ORDER BY received_at LIMIT ?
                        """,
                    arguments: [cutoff, Self.pruneChunk])
                guard db.changesCount > 0 else { return (0, before) }
                try db.execute(
                    sql: "DELETE FROM syslog WHERE id IN (SELECT id FROM syslog_index_deletes WHERE seq > ?)", arguments: [before])
                let deleted = db.changesCount
                return (deleted, try Int64.fetchOne(db, sql: "SELECT max(seq) FROM syslog_index_deletes") ?? before)
            }
            removed += chunk
            if chunk > 0 {
                index.noteDeletes(queued)
                await index.waitForDeletes(through: queued, timeout: Self.lagWait)
            }
            if chunk < Self.pruneChunk { break }
        }
        // What the index has applied by now goes; anything later goes with the next prune.
        let applied = index.appliedDeletes
        try await context.write { db in
            try db.execute(sql: "DELETE FROM syslog_index_deletes WHERE seq <= ?", arguments: [applied])
        }
        return PruneCounts(rows: ["syslog": removed])
    }
}
