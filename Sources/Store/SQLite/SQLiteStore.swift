public import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode, a pool of concurrent readers and one
/// batching writer, plus the syslog full-text index in a second file with its own writer
/// (`SyslogIndex`). Open it once per process.
public final class SQLiteStore: Store {
    public struct Options: Sendable {
        /// Longest a write waits for its batch to fill.
        public var batchDelay: TimeInterval
        /// Rows that commit a batch at once.
        public var batchRows: Int
        /// `synchronous=FULL`: a committed batch survives power loss, not only a crash.
        public var durable: Bool
        /// Page cache per connection, MiB.
        public var cacheMiB: Int
        public var readers: Int

        public init(batchDelay: TimeInterval = 0.2, batchRows: Int = 20_000, durable: Bool = true, cacheMiB: Int = 64, readers: Int = 4) {
            self.batchDelay = batchDelay
            self.batchRows = batchRows
            self.durable = durable
            self.cacheMiB = cacheMiB
            self.readers = readers
        }
    }

    public let path: String
    let pool: DatabasePool
    let writer: BatchWriter
    let syslogIndex: SyslogIndex

    public let devices: any DeviceRepository
    public let interfaces: any InterfaceRepository
    public let samples: any SampleRepository
    public let health: any HealthRepository
    public let neighbours: any NeighbourRepository
    public let physicalInventory: any PhysicalInventoryRepository
    public let events: any EventRepository
    public let alerts: any AlertRepository
    public let outbox: any OutboxRepository
    public let syslog: any SyslogRepository
    public let traps: any TrapRepository
    public let discovery: any DiscoveryRepository

    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    public init(path: String, options: Options = Options()) throws {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.maximumReaderCount = max(1, options.readers)
        configuration.label = "netwarden.store"
        // A CLI process beside the daemon, or a connection's closing checkpoint, may hold a lock briefly.
        configuration.busyMode = .timeout(10)
        let durable = options.durable
        let cachePages = -1024 * max(2, options.cacheMiB)
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // The index file exists (in WAL mode) before any reader attaches it.
        let indexPath = SyslogIndex.path(forStore: path)
        syslogIndex = try SyslogIndex(path: indexPath, options: .init(cacheMiB: max(16, options.cacheMiB)))
        let indexURI = SyslogIndex.readOnlyURI(indexPath)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(durable ? "FULL" : "NORMAL")")
            try db.execute(sql: "PRAGMA cache_size = \(cachePages)")
            // Readers search the index; the writer never attaches it (BEGIN IMMEDIATE would
            // then lock the index file too and serialize the two writers).
            if db.configuration.readonly {
                try db.execute(sql: "ATTACH DATABASE ? AS fts", arguments: [indexURI])
            }
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try Schema.migrator.migrate(pool)
        try syslogIndex.start(pool: pool)
        writer = BatchWriter(pool: pool, options: .init(maxDelay: options.batchDelay, maxWeight: max(1, options.batchRows)))
        let context = SQLiteContext(pool: pool, writer: writer, syslogIndex: syslogIndex)
        devices = SQLiteDeviceRepository(context)
        interfaces = SQLiteInterfaceRepository(context)
        samples = SQLiteSampleRepository(context)
        health = SQLiteHealthRepository(context)
        neighbours = SQLiteNeighbourRepository(context)
        physicalInventory = SQLitePhysicalInventoryRepository(context)
        events = SQLiteEventRepository(context)
        alerts = SQLiteAlertRepository(context)
        outbox = SQLiteOutboxRepository(context)
        syslog = SQLiteSyslogRepository(context)
        traps = SQLiteTrapRepository(context)
        discovery = SQLiteDiscoveryRepository(context)
    }

    /// Returns once everything queued is committed and every committed syslog row is indexed.
    public func flush() async throws {
        try await writer.flush()
        await syslogIndex.waitUntilCurrent(timeout: 600)
    }

    public func close() async throws {
        await writer.close()
        await syslogIndex.close()
        try pool.close()
    }

    /// CPU seconds the syslog index thread has used since open (benchmarks).
    public var syslogIndexCPUSeconds: Double { syslogIndex.cpuSeconds }

    /// Syslog rows committed but not yet in the full-text index (metrics, benchmarks).
    public var syslogIndexLag: Int64 { max(0, syslogIndex.committedThrough - syslogIndex.indexedThrough) }

    /// Batches the writer has committed since open.
    public var committedBatches: Int { writer.batches }

    /// Names of the applied migrations, in order.
    public func appliedMigrations() async throws -> [String] {
        try await pool.read { db in try Schema.migrator.appliedMigrations(db) }
    }

    /// Bytes of the database file, the syslog index file and their WALs.
    public func fileSize() -> Int64 {
        [path, path + "-wal"].reduce(0) { sum, file in
            sum + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int64) ?? 0)
        } + syslogIndex.fileSize()
    }

    /// Bytes on disk per table and index (SQLite's dbstat) in both files, largest first.
    public func tableSizes() async throws -> [(name: String, bytes: Int64)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT name, sum(pgsize) AS bytes FROM (
                    SELECT name, pgsize FROM dbstat('main') UNION ALL SELECT name, pgsize FROM dbstat('fts'))
                GROUP BY name ORDER BY bytes DESC
                """)
                .map { (name: $0["name"] as String, bytes: $0["bytes"] as Int64) }
        }
    }

    /// Runs checkpoints that truncate the WALs (benchmarks measure the files after them).
    public func checkpoint() async throws {
        try await flush()
        try await pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        try syslogIndex.checkpoint()
    }
}

/// What every SQLite repository holds: readers and the writer.
struct SQLiteContext: Sendable {
    let pool: DatabasePool
    let writer: BatchWriter
    let syslogIndex: SyslogIndex

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.read(body)
    }

    func write<T: Sendable>(weight: Int = 1, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await writer.write(weight: weight, body)
    }
}

extension Date {
    /// Milliseconds since 1970: how the store keeps times.
    var ms: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
    init(ms: Int64) { self.init(timeIntervalSince1970: Double(ms) / 1000) }
    /// Whole seconds since 1970: how the sample tiers keep times.
    var seconds: Int64 { Int64(timeIntervalSince1970.rounded(.down)) }
}

extension Row {
    func date(_ column: String) -> Date? {
        let value: Int64? = self[column]
        return value.map(Date.init(ms:))
    }
}
