import Foundation
import GRDB
import GRDBSQLite

/// The syslog full-text index (FTS5), kept in its own SQLite file beside the store and written by
/// its own thread and connection, so indexing runs on the other core and never holds up the
/// store's writer: a batch of messages is acknowledged once its rows are committed in `syslog`;
/// this indexer picks committed rows up afterwards, in large batches.
///
/// Crash safety: the index file holds a watermark (`indexed_through`, the highest `syslog.id`
/// indexed) that commits in the same transaction as the index entries, so after a crash the
/// indexer simply goes on from the watermark; nothing is indexed twice or missed. Ids only grow
/// (retention never deletes the newest row, so SQLite never hands out an id again).
///
/// Deletes: the index is contentless, so removing a row's entries needs its text. Retention
/// copies what it deletes into `syslog_index_deletes` (in the store, same transaction as the
/// delete); the indexer removes those entries and records `deletes_through` (again with its own
/// commit). Both the rows and the deletions are read from one snapshot of the store, which is
/// what keeps an entry from being removed that was never added.
///
/// Freshness: rows not yet indexed are at most one indexer batch behind; a search first waits
/// (bounded) until everything committed before it started is indexed, and the writer's callers
/// wait when the index falls more than `maxLag` rows behind (back-pressure, not loss).
final class SyslogIndex: @unchecked Sendable {
    struct Options: Sendable {
        /// Most rows indexed in one transaction.
        var batchRows = 100_000
        /// Fewer rows than this wait up to `maxDelay` for more (bigger segments, fewer merges).
        var minRows = 20_000
        var maxDelay: TimeInterval = 0.25
        /// Rows the index may fall behind before `record` waits for it.
        var maxLag: Int64 = 400_000
        var cacheMiB = 64
    }

    /// The text indexed for a row of `syslog` (or of `syslog_index_deletes`): message, host, app.
    static let bodyExpression = "message || ' ' || ifnull(hostname, '') || ' ' || ifnull(app, '')"

    /// `netwarden.sqlite` → `netwarden.syslog-index.sqlite`.
    static func path(forStore store: String) -> String {
        let url = URL(fileURLWithPath: store)
        let base = url.pathExtension.isEmpty ? url.lastPathComponent : url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent(base + ".syslog-index.sqlite").path
    }

    /// A read-only URI for ATTACH.
    static func readOnlyURI(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path) + "?mode=ro"
    }

    let path: String
    private let queue: DatabaseQueue
    private let options: Options
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var committed: Int64 = 0
    private var indexed: Int64 = 0
    private var deletesQueued: Int64 = 0
    private var deletesDone: Int64 = 0
    private var pendingSince: Date?
    private var urgent = 0
    private var closing = false
    private var finished = false
    private var waiters: [UUID: (target: Int64, deletes: Bool, continuation: CheckedContinuation<Void, Never>)] = [:]
    private var closeWaiters: [CheckedContinuation<Void, Never>] = []
    private var failureCount = 0
    private var threadCPU: Double = 0
    private var thread: Thread?
    /// The store's readers; set once by `start` before the thread runs.
    private var pool: DatabasePool?

    /// Opens (creating) the index file. `start(store:)` attaches the store and starts indexing.
    init(path: String, options: Options) throws {
        self.path = path
        self.options = options
        var configuration = Configuration()
        configuration.label = "netwarden.syslog-index"
        // Another process's indexer (a CLI search beside the daemon) or a closing connection's
        // final checkpoint may hold the file for a moment.
        configuration.busyMode = .timeout(10)
        let cachePages = -1024 * max(2, options.cacheMiB)
        configuration.prepareDatabase { db in
            // Losing the last commits on power loss is harmless: the watermark goes back with them.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = \(cachePages)")
            // Debian builds SQLite with SECURE_DELETE: merges would zero every freed page.
            try db.execute(sql: "PRAGMA secure_delete = OFF")
        }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            try db.inTransaction {
                if try !db.tableExists("syslog_index") {
                    // One column (message, host and app together: one set of postings per message,
                    // not three); contentless: the text stays in the store; columnsize=0: no
                    // per-message length row (a fifth of the indexing work; bm25 then ranks by term
                    // frequency and rarity without length normalisation). automerge 16 and a 64 MiB
                    // pending-term buffer: one segment per batch and fewer merge passes than the
                    // defaults (benchmarks/RESULTS.md).
                    try db.execute(sql: """
                        CREATE VIRTUAL TABLE syslog_index USING fts5(
                            body, content='', columnsize=0, tokenize='unicode61 remove_diacritics 2');
                        INSERT INTO syslog_index(syslog_index, rank) VALUES('automerge', 16);
                        INSERT INTO syslog_index(syslog_index, rank) VALUES('hashsize', 67108864);
                        CREATE TABLE syslog_index_state(
                            one INTEGER PRIMARY KEY CHECK (one = 1),
                            indexed_through INTEGER NOT NULL, deletes_through INTEGER NOT NULL);
                        INSERT INTO syslog_index_state VALUES (1, 0, 0);
                        """)
                }
                return .commit
            }
        }
    }

    /// Reads the (migrated) store through `pool`, catches up with what it holds and starts the thread.
    func start(pool: DatabasePool) throws {
        self.pool = pool
        let newest = try pool.read { db in try Int64.fetchOne(db, sql: "SELECT ifnull(max(id), 0) FROM syslog") ?? 0 }
        try queue.writeWithoutTransaction { db in
            let state = try Row.fetchOne(db, sql: "SELECT indexed_through, deletes_through FROM syslog_index_state")!
            var through: Int64 = state["indexed_through"]
            // An index ahead of the store belongs to another database (a restored backup): rebuild.
            if through > newest {
                try db.inTransaction {
                    try db.execute(sql: """
                        INSERT INTO syslog_index(syslog_index) VALUES('delete-all');
                        UPDATE syslog_index_state SET indexed_through = 0, deletes_through = 0;
                        """)
                    return .commit
                }
                through = 0
            }
            condition.lock()
            committed = newest
            indexed = through
            deletesDone = state["deletes_through"]
            deletesQueued = deletesDone
            if committed > indexed { pendingSince = .distantPast }
            condition.unlock()
        }
        let thread = Thread { [self] in run() }
        thread.name = "netwarden.store.syslog-index"
        self.thread = thread
        thread.start()
    }

    /// The store committed rows up to `id`.
    func noteCommitted(_ id: Int64) {
        condition.lock()
        if id > committed {
            committed = id
            // The first pending row starts the thread's clock; enough rows wake it at once.
            if pendingSince == nil {
                pendingSince = Date()
                condition.signal()
            } else if committed - indexed >= Int64(options.minRows) {
                condition.signal()
            }
        }
        condition.unlock()
    }

    /// Retention queued deletions up to `seq`.
    func noteDeletes(_ seq: Int64) {
        condition.lock()
        if seq > deletesQueued {
            deletesQueued = seq
            if pendingSince == nil { pendingSince = Date() }
            condition.signal()
        }
        condition.unlock()
    }

    /// Highest `syslog_index_deletes.seq` the index has applied.
    var appliedDeletes: Int64 { condition.withLock { deletesDone } }
    var indexedThrough: Int64 { condition.withLock { indexed } }
    var committedThrough: Int64 { condition.withLock { committed } }
    /// Index transactions that failed (and were retried).
    var failures: Int { condition.withLock { failureCount } }
    /// CPU seconds the index thread has used (benchmarks: the cost of indexing alone).
    var cpuSeconds: Double { condition.withLock { threadCPU } }

    private static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Returns once rows through everything committed so far are indexed, or after `timeout`.
    func waitUntilCurrent(timeout: TimeInterval) async {
        let target = condition.withLock { committed }
        await wait(indexedThrough: target, deletes: false, timeout: timeout)
    }

    /// Returns when the index is at most `maxLag` rows behind `id` (or after `timeout`).
    func waitForLag(behind id: Int64, timeout: TimeInterval) async {
        let target = id - options.maxLag
        guard target > condition.withLock({ indexed }) else { return }
        await wait(indexedThrough: target, deletes: false, timeout: timeout)
    }

    /// Returns once deletions through `seq` are applied (or after `timeout`).
    func waitForDeletes(through seq: Int64, timeout: TimeInterval) async {
        await wait(indexedThrough: seq, deletes: true, timeout: timeout)
    }

    private func wait(indexedThrough target: Int64, deletes: Bool, timeout: TimeInterval) async {
        let key = UUID()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            let reached = deletes ? deletesDone >= target : indexed >= target
            if reached || finished {
                condition.unlock()
                continuation.resume()
                return
            }
            waiters[key] = (target, deletes, continuation)
            urgent += 1
            condition.signal()
            condition.unlock()
            Task { [self] in
                try? await Task.sleep(for: .seconds(timeout))
                if let waiter = condition.withLock({ () -> CheckedContinuation<Void, Never>? in
                    guard let w = waiters.removeValue(forKey: key) else { return nil }
                    urgent -= 1
                    return w.continuation
                }) {
                    waiter.resume()
                }
            }
        }
    }

    /// Finishes the batch in progress and stops the thread (the watermark makes the rest safe).
    func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            if finished || thread == nil {
                finished = true
                condition.unlock()
                continuation.resume()
                return
            }
            closing = true
            closeWaiters.append(continuation)
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Merges every segment into one: smallest index, fastest queries (tests and benchmarks).
    func optimize() throws {
        try queue.write { db in try db.execute(sql: "INSERT INTO syslog_index(syslog_index) VALUES('optimize')") }
    }

    func checkpoint() throws {
        try queue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }

    /// Bytes of the index file and its WAL.
    func fileSize() -> Int64 {
        [path, path + "-wal"].reduce(0) { sum, file in
            sum + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int64) ?? 0)
        }
    }

    private func run() {
        StoreThread.become("nw-syslog-index")
        while true {
            condition.lock()
            while !closing {
                let work = committed > indexed || deletesQueued > deletesDone
                if work {
                    let enough = committed - indexed >= Int64(options.minRows) || deletesQueued > deletesDone
                    let due = (pendingSince ?? Date()).addingTimeInterval(options.maxDelay)
                    if enough || urgent > 0 || Date() >= due { break }
                    _ = condition.wait(until: due)
                } else {
                    condition.wait()
                }
            }
            if closing {
                finished = true
                let resume = Array(waiters.values.map(\.continuation)) + closeWaiters
                waiters = [:]
                closeWaiters = []
                condition.unlock()
                try? queue.close()
                for continuation in resume { continuation.resume() }
                return
            }
            condition.unlock()

            var progress: (indexed: Int64, deletes: Int64)?
            do {
                progress = try indexBatch()
            } catch {
                // Disk full, a locked file: try again shortly; the watermark keeps it exact.
                condition.withLock { failureCount += 1 }
                Thread.sleep(forTimeInterval: 0.5)
            }

            let cpu = Self.threadCPUTime()
            condition.lock()
            threadCPU = cpu
            if let progress {
                indexed = max(indexed, progress.indexed)
                deletesDone = max(deletesDone, progress.deletes)
                // Another process's indexer may have gone further than this one was told.
                committed = max(committed, indexed)
                deletesQueued = max(deletesQueued, deletesDone)
                pendingSince = committed > indexed || deletesQueued > deletesDone ? Date() : nil
            }
            var ready: [CheckedContinuation<Void, Never>] = []
            for (key, waiter) in waiters where (waiter.deletes ? deletesDone : indexed) >= waiter.target {
                ready.append(waiter.continuation)
                waiters[key] = nil
                urgent -= 1
            }
            condition.unlock()
            for continuation in ready { continuation.resume() }
        }
    }

    /// Rows (or deletions) read from the store: ids and the indexed text, packed in one buffer.
    private struct Batch {
        var ids: [Int64] = []
        var seqs: [Int64] = []
        var ends: [Int] = []
        var text: [UInt8] = []

        mutating func append(_ statement: OpaquePointer, id: Int64, seq: Int64, textColumn: Int32) {
            ids.append(id)
            seqs.append(seq)
            if let bytes = sqlite3_column_text(statement, textColumn) {
                text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, textColumn))))
            }
            ends.append(text.count)
        }
    }

    /// One index transaction: rows above the watermark (up to `batchRows`) and the queued
    /// deletions, both read in one short read transaction of the store (one snapshot), so the
    /// store's WAL can still be checkpointed and restarted while this batch is being indexed.
    private func indexBatch() throws -> (indexed: Int64, deletes: Int64) {
        guard let pool else { return (0, 0) }
        return try queue.writeWithoutTransaction { db in
            var result: (Int64, Int64) = (0, 0)
            try db.inTransaction(.immediate) {
                let state = try Row.fetchOne(db, sql: "SELECT indexed_through, deletes_through FROM syslog_index_state")!
                let through: Int64 = state["indexed_through"]
                let deletesThrough: Int64 = state["deletes_through"]
                let batchRows = options.batchRows
                let (rows, deletions) = try pool.read { main -> (Batch, Batch) in
                    var rows = Batch()
                    let select = try main.makeStatement(
                        sql: "SELECT id, \(Self.bodyExpression) FROM syslog WHERE id > ? ORDER BY id LIMIT ?")
                    try select.setArguments([through, batchRows])
                    while sqlite3_step(select.sqliteStatement) == SQLITE_ROW {
                        rows.append(select.sqliteStatement, id: sqlite3_column_int64(select.sqliteStatement, 0), seq: 0, textColumn: 1)
                    }
                    var deletions = Batch()
                    let pending = try main.makeStatement(
                        sql: "SELECT seq, id, \(Self.bodyExpression) FROM syslog_index_deletes WHERE seq > ? ORDER BY seq")
                    try pending.setArguments([deletesThrough])
                    while sqlite3_step(pending.sqliteStatement) == SQLITE_ROW {
                        deletions.append(
                            pending.sqliteStatement, id: sqlite3_column_int64(pending.sqliteStatement, 1),
                            seq: sqlite3_column_int64(pending.sqliteStatement, 0), textColumn: 2)
                    }
                    return (rows, deletions)
                }
                if !rows.ids.isEmpty {
                    try Self.insert(db, rows, sql: "INSERT INTO syslog_index(rowid, body) VALUES (?, ?)") { _ in true }
                }
                if !deletions.ids.isEmpty {
                    // Only rows indexed before this transaction: a row deleted above `through` was
                    // absent from the snapshot, so it was never indexed.
                    try Self.insert(db, deletions, sql: "INSERT INTO syslog_index(syslog_index, rowid, body) VALUES ('delete', ?, ?)") {
                        $0 <= through
                    }
                }
                let upper = rows.ids.last ?? through
                let newDeletes = deletions.seqs.last ?? deletesThrough
                if upper > through || newDeletes > deletesThrough {
                    try db.execute(
                        sql: "UPDATE syslog_index_state SET indexed_through = ?, deletes_through = ?",
                        arguments: [upper, newDeletes])
                }
                result = (upper, newDeletes)
                return .commit
            }
            return result
        }
    }

    /// Runs `sql` (two parameters: rowid, text) for every entry of `batch` whose id passes `include`.
    private static func insert(_ db: Database, _ batch: Batch, sql: String, include: (Int64) -> Bool) throws {
        let statement = try db.makeStatement(sql: sql)
        let handle = statement.sqliteStatement
        try batch.text.withUnsafeBufferPointer { text in
            var start = 0
            for (n, id) in batch.ids.enumerated() {
                let end = batch.ends[n]
                defer { start = end }
                guard include(id) else { continue }
                sqlite3_reset(handle)
                sqlite3_bind_int64(handle, 1, id)
                let base = UnsafeRawPointer(text.baseAddress ?? UnsafePointer(bitPattern: 1)!).advanced(by: start)
                sqlite3_bind_text(handle, 2, base.assumingMemoryBound(to: CChar.self), Int32(end - start), nil)
                let code = sqlite3_step(handle)
                guard code == SQLITE_DONE else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
                }
            }
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
    }
}
