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
    /// Buckets per rollup operation.
    static let rollupChunk: Int64 = 12

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
        while try await rollUpStep(target: "5m", width: 300, limit: { _ in end - end % 300 }) {}
        while try await rollUpStep(target: "1h", width: 3600, limit: { through5m in through5m - through5m % 3600 }) {}
    }

    /// Rolls up to `rollupChunk` buckets; returns whether more remain.
    private func rollUpStep(target: String, width: Int64, limit: @escaping @Sendable (Int64) -> Int64) async throws -> Bool {
        try await context.write(weight: 20_000) { db in
            guard let through = try Int64.fetchOne(db, sql: "SELECT through FROM rollup_state WHERE tier = ?", arguments: [target])
            else { return false }
            let through5m = try Int64.fetchOne(db, sql: "SELECT through FROM rollup_state WHERE tier = '5m'") ?? 0
            let upTo = min(limit(through5m), through + width * Self.rollupChunk)
            guard upTo > through else { return false }
            let averages = Self.names.map { name in
                target == "5m"
                    ? "round(avg(\(name)))"
                    : "round(sum(avg_\(name) * n) * 1.0 / sum(CASE WHEN avg_\(name) IS NOT NULL THEN n END))"
            }
            let maxima = Self.names.map { name in target == "5m" ? "max(\(name))" : "max(max_\(name))" }
            let assignments = (["n"] + Self.names.map { "avg_\($0)" } + Self.names.map { "max_\($0)" })
                .map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
            // A key range of the source, grouped per bucket and interface.
            let source =
                target == "5m"
                ? "SELECT slot - slot % ?3 AS bucket, interface_id, count(*) AS n, \(averages.joined(separator: ", ")), \(maxima.joined(separator: ", ")) FROM interface_samples_raw WHERE slot >= ?1 AND slot < ?2"
                : "SELECT ts - ts % ?3 AS bucket, interface_id, sum(n) AS n, \(averages.joined(separator: ", ")), \(maxima.joined(separator: ", ")) FROM interface_samples_5m WHERE ts >= ?1 AND ts < ?2"
            try db.execute(
                sql: """
                    INSERT INTO interface_samples_\(target)(ts, interface_id, n,
                        \(Self.names.map { "avg_\($0)" }.joined(separator: ", ")),
                        \(Self.names.map { "max_\($0)" }.joined(separator: ", ")))
                    \(source)
                    GROUP BY bucket, interface_id ORDER BY bucket, interface_id
                    ON CONFLICT(ts, interface_id) DO UPDATE SET \(assignments)
                    """,
                arguments: [through, upTo, width])
            try db.execute(sql: "UPDATE rollup_state SET through = ? WHERE tier = ?", arguments: [upTo, target])
            return upTo < limit(through5m)
        }
    }

    func prune(now: Date, policy: RetentionPolicy) async throws -> PruneCounts {
        var counts = PruneCounts()
        for tier in SampleTier.allCases {
            let cutoff = now.addingTimeInterval(-policy.keep(tier)).seconds
            let key = tier == .raw ? "slot" : "ts"
            // A span of the oldest keys per operation, so the writer is never held for long.
            let span: Int64 = tier == .raw ? 300 : tier == .fiveMinutes ? 3600 : 86_400
            var removed = 0
            while true {
                let (count, more) = try await context.write(weight: 20_000) { db -> (Int, Bool) in
                    guard let first = try Int64.fetchOne(db, sql: "SELECT min(\(key)) FROM \(tier.table)"), first < cutoff
                    else { return (0, false) }
                    let end = min(cutoff, first - first % span + span)
                    try db.execute(
                        sql: "DELETE FROM \(tier.table) WHERE \(key) >= ? AND \(key) < ?", arguments: [first, end])
                    return (db.changesCount, end < cutoff)
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
