import Foundation
import GRDB

/// Interface rates. Rows are keyed time first — raw by (minute slot, interface, second within the
/// slot), rollups by (bucket, interface) — so writes append and pruning cuts the front; a series
/// is one key seek per slot. Rates are fixed-point integers (SQLite stores small integers in
/// 1–4 bytes, zero in none).
struct SQLiteSampleRepository: SampleRepository {
    let context: SQLiteContext
    init(_ context: SQLiteContext) { self.context = context }

    static let names = InterfaceRates.columns.map(\.name)
    /// Raw slot width, seconds.
    static let slot: Int64 = 60
    /// Buckets per rollup window.
    static let rollupChunk: Int64 = 12
    /// Interface ids per rollup operation.
    static let rollupInterfaces: Int64 = 20_000

    static func encode(_ value: Double?, scale: Double) -> Int64? {
        guard let value, value.isFinite else { return nil }
        let scaled = (value * scale).rounded()
        return abs(scaled) < 9e18 ? Int64(scaled) : nil
    }

    static func decode(_ row: Row, prefix: String) -> InterfaceRates {
        InterfaceRates(
            values: InterfaceRates.columns.map { column in
                (row[prefix + column.name] as Int64?).map { Double($0) / column.scale }
            })
    }

    func record(_ samples: [InterfaceSample]) async throws {
        guard !samples.isEmpty else { return }
        try await context.write(weight: samples.count) { db in
            let insert = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO interface_samples_raw(slot, interface_id, off, \(Self.names.joined(separator: ", ")))
                VALUES (?, ?, ?, \(Array(repeating: "?", count: Self.names.count).joined(separator: ", ")))
                """)
            var earliest = Int64.max
            for sample in samples {
                let ts = sample.at.seconds
                earliest = min(earliest, ts)
                var arguments: [(any DatabaseValueConvertible)?] = [ts - ts % Self.slot, sample.interfaceID, ts % Self.slot]
                for (value, column) in zip(sample.rates.values, InterfaceRates.columns) {
                    arguments.append(Self.encode(value, scale: column.scale))
                }
                insert.setUncheckedArguments(StatementArguments(arguments))
                try insert.execute()
            }
            // Rollups start at the first bucket that has data.
            try db.execute(
                sql: "INSERT OR IGNORE INTO rollup_state(tier, through) VALUES ('5m', ?), ('1h', ?)",
                arguments: [earliest - earliest % 300, earliest - earliest % 3600])
        }
    }

    func rollUp(now: Date, grace: TimeInterval) async throws {
        let end = now.seconds - Int64(grace)
        // 5-minute buckets from raw, then hourly buckets from 5-minute ones.
        while try await rollUpWindow(target: "5m", width: 300, limit: { _ in end - end % 300 }) {}
        while try await rollUpWindow(target: "1h", width: 3600, limit: { through5m in through5m - through5m % 3600 }) {}
    }

    /// Rolls up to `rollupChunk` buckets past the watermark, `rollupInterfaces` interfaces per
    /// operation so that the writer is never held for long, then moves the watermark; returns
    /// whether more buckets are due. A crash between operations redoes the window (upserts).
    private func rollUpWindow(target: String, width: Int64, limit: @escaping @Sendable (Int64) -> Int64) async throws -> Bool {
        let window = try await context.read { db -> (through: Int64, upTo: Int64, last: Int64, maxID: Int64)? in
            guard let through = try Int64.fetchOne(db, sql: "SELECT through FROM rollup_state WHERE tier = ?", arguments: [target])
            else { return nil }
            let through5m = try Int64.fetchOne(db, sql: "SELECT through FROM rollup_state WHERE tier = '5m'") ?? 0
            let last = limit(through5m)
            let maxID = try Int64.fetchOne(db, sql: "SELECT max(id) FROM interfaces") ?? 0
            return (through, min(last, through + width * Self.rollupChunk), last, maxID)
        }
        guard let window, window.upTo > window.through else { return false }
        let averages = Self.names.map { name in
            target == "5m"
                ? "round(avg(r.\(name)))"
                : "round(sum(r.avg_\(name) * r.n) * 1.0 / sum(CASE WHEN r.avg_\(name) IS NOT NULL THEN r.n END))"
        }
        let maxima = Self.names.map { name in target == "5m" ? "max(r.\(name))" : "max(r.max_\(name))" }
        let assignments = (["n"] + Self.names.map { "avg_\($0)" } + Self.names.map { "max_\($0)" })
            .map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        let (source, key, step, count) =
            target == "5m"
            ? ("interface_samples_raw", "slot", Self.slot, "count(*)") : ("interface_samples_5m", "ts", Int64(300), "sum(r.n)")
        // One key seek per source slot and interface range: the key is (time, interface).
        let sql = """
            WITH RECURSIVE slots(s) AS (SELECT ?1 UNION ALL SELECT s + ?6 FROM slots WHERE s + ?6 < ?2)
            INSERT INTO interface_samples_\(target)(ts, interface_id, n,
                \(Self.names.map { "avg_\($0)" }.joined(separator: ", ")),
                \(Self.names.map { "max_\($0)" }.joined(separator: ", ")))
            SELECT r.\(key) - r.\(key) % ?3 AS bucket, r.interface_id, \(count),
                \(averages.joined(separator: ", ")), \(maxima.joined(separator: ", "))
            FROM slots CROSS JOIN \(source) r
            WHERE r.\(key) = slots.s AND r.interface_id >= ?4 AND r.interface_id < ?5
            GROUP BY bucket, r.interface_id
            ON CONFLICT(ts, interface_id) DO UPDATE SET \(assignments)
            """
        var low: Int64 = 0
        repeat {
            let (from, high) = (low, low + Self.rollupInterfaces)
            try await context.write(weight: 20_000) { db in
                try db.execute(sql: sql, arguments: [window.through, window.upTo, width, from, high, step])
            }
            low = high
        } while low <= window.maxID
        try await context.write(weight: 20_000) { db in
            try db.execute(
                sql: "UPDATE rollup_state SET through = max(through, ?) WHERE tier = ?", arguments: [window.upTo, target])
        }
        return window.upTo < window.last
    }

    func prune(now: Date, policy: RetentionPolicy) async throws -> PruneCounts {
        var counts = PruneCounts()
        for tier in SampleTier.allCases {
            let cutoff = now.addingTimeInterval(-policy.keep(tier)).seconds
            let key = tier == .raw ? "slot" : "ts"
            // Whole keys below this go by range; the raw slot holding the cutoff is cut below.
            let boundary = tier == .raw ? cutoff - cutoff % Self.slot : cutoff
            // A span of the oldest keys per operation, so the writer is never held for long.
            let span: Int64 = tier == .raw ? 300 : tier == .fiveMinutes ? 3600 : 86_400
            var removed = 0
            while true {
                let (count, more) = try await context.write(weight: 20_000) { db -> (Int, Bool) in
                    guard let first = try Int64.fetchOne(db, sql: "SELECT min(\(key)) FROM \(tier.table)"), first < boundary
                    else { return (0, false) }
                    let end = min(boundary, first - first % span + span)
                    try db.execute(
                        sql: "DELETE FROM \(tier.table) WHERE \(key) >= ? AND \(key) < ?", arguments: [first, end])
                    return (db.changesCount, end < boundary)
                }
                removed += count
                if !more { break }
            }
            // Raw rows are kept per second within a slot: the cut slot may hold some to keep.
            if tier == .raw {
                removed += try await context.write { db in
                    try db.execute(
                        sql: "DELETE FROM interface_samples_raw WHERE slot = ? AND off < ?",
                        arguments: [cutoff - cutoff % Self.slot, cutoff % Self.slot])
                    return db.changesCount
                }
            }
            counts.rows[tier.table] = removed
        }
        return counts
    }

    func series(interfaceID: Int64, tier: SampleTier, from: Date, to: Date) async throws -> [SeriesPoint] {
        let width = tier == .raw ? Self.slot : tier.seconds
        let (low, high) = (from.seconds, to.seconds)
        return try await context.read { db in
            // One seek per slot of the range: the key is time first.
            let time = tier == .raw ? "r.slot + r.off" : "r.ts"
            let key = tier == .raw ? "r.slot" : "r.ts"
            let rows = try Row.fetchAll(
                db,
                sql: """
                    WITH RECURSIVE slots(s) AS (SELECT ?1 UNION ALL SELECT s + ?2 FROM slots WHERE s + ?2 < ?3)
                    SELECT \(time) AS at_s, r.* FROM slots CROSS JOIN \(tier.table) r
                    WHERE \(key) = slots.s AND r.interface_id = ?4 AND \(time) >= ?5 AND \(time) < ?3
                    ORDER BY at_s
                    """,
                arguments: [low - low % width, width, high, interfaceID, low])
            return rows.map { row in
                let at = Date(timeIntervalSince1970: Double(row["at_s"] as Int64))
                if tier == .raw {
                    let rates = Self.decode(row, prefix: "")
                    return SeriesPoint(at: at, count: 1, average: rates, maximum: rates)
                }
                return SeriesPoint(
                    at: at, count: row["n"], average: Self.decode(row, prefix: "avg_"), maximum: Self.decode(row, prefix: "max_"))
            }
        }
    }
}
