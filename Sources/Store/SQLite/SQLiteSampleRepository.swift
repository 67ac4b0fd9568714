import Foundation
import GRDB

/// Interface rates. Raw rows are keyed (interface, second) so that a series is one range read;
/// rates are fixed-point integers (SQLite stores small integers in 1–4 bytes, zero in none).
struct SQLiteSampleRepository: SampleRepository {
    let context: SQLiteContext
    init(_ context: SQLiteContext) { self.context = context }

    static let names = InterfaceRates.columns.map(\.name)
    /// Interfaces per prune operation, so the writer is never held for long.
    static let pruneChunk = 5_000
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
                INSERT OR REPLACE INTO interface_samples_raw(interface_id, ts, \(Self.names.joined(separator: ", ")))
                VALUES (?, ?, \(Array(repeating: "?", count: Self.names.count).joined(separator: ", ")))
                """)
            var earliest = Int64.max
            for sample in samples {
                let ts = sample.at.seconds
                earliest = min(earliest, ts)
                var arguments: [(any DatabaseValueConvertible)?] = [sample.interfaceID, ts]
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
            let source = target == "5m" ? "interface_samples_raw" : "interface_samples_5m"
            let count = target == "5m" ? "count(*)" : "sum(s.n)"
            let averages = Self.names.map { name in
                target == "5m"
                    ? "round(avg(s.\(name)))"
                    : "round(sum(s.avg_\(name) * s.n) * 1.0 / sum(CASE WHEN s.avg_\(name) IS NOT NULL THEN s.n END))"
            }
            let maxima = Self.names.map { name in target == "5m" ? "max(s.\(name))" : "max(s.max_\(name))" }
            let assignments = (["n"] + Self.names.map { "avg_\($0)" } + Self.names.map { "max_\($0)" })
                .map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
            // interfaces × a key seek per interface: the raw table has no index on time alone.
            try db.execute(
                sql: """
                    INSERT INTO interface_samples_\(target)(interface_id, ts, n,
                        \(Self.names.map { "avg_\($0)" }.joined(separator: ", ")),
                        \(Self.names.map { "max_\($0)" }.joined(separator: ", ")))
                    SELECT s.interface_id, s.ts - s.ts % ?3 AS bucket, \(count),
                        \(averages.joined(separator: ", ")), \(maxima.joined(separator: ", "))
                    FROM interfaces i CROSS JOIN \(source) s
                    WHERE s.interface_id = i.id AND s.ts >= ?1 AND s.ts < ?2
                    GROUP BY s.interface_id, bucket
                    ON CONFLICT(interface_id, ts) DO UPDATE SET \(assignments)
                    """,
                arguments: [through, upTo, width])
            try db.execute(sql: "UPDATE rollup_state SET through = ? WHERE tier = ?", arguments: [upTo, target])
            return upTo < limit(through5m)
        }
    }

    func prune(now: Date, policy: RetentionPolicy) async throws -> PruneCounts {
        let ids = try await context.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM interfaces ORDER BY id") }
        var counts = PruneCounts()
        for tier in SampleTier.allCases {
            let cutoff = now.addingTimeInterval(-policy.keep(tier)).seconds
            var removed = 0
            for start in stride(from: 0, to: ids.count, by: Self.pruneChunk) {
                let low = ids[start]
                let high = ids[min(ids.count, start + Self.pruneChunk) - 1]
                removed += try await context.write(weight: Self.pruneChunk) { db in
                    try db.execute(
                        sql: """
                            DELETE FROM \(tier.table) WHERE interface_id IN (SELECT id FROM interfaces WHERE id BETWEEN ? AND ?)
                            AND ts < ?
                            """,
                        arguments: [low, high, cutoff])
                    return db.changesCount
                }
            }
            counts.rows[tier.table] = removed
        }
        return counts
    }

    func series(interfaceID: Int64, tier: SampleTier, from: Date, to: Date) async throws -> [SeriesPoint] {
        try await context.read { db in
            let sql =
                tier == .raw
                ? "SELECT * FROM interface_samples_raw WHERE interface_id = ? AND ts >= ? AND ts < ? ORDER BY ts"
                : "SELECT * FROM \(tier.table) WHERE interface_id = ? AND ts >= ? AND ts < ? ORDER BY ts"
            return try Row.fetchAll(db, sql: sql, arguments: [interfaceID, from.seconds, to.seconds]).map { row in
                let at = Date(timeIntervalSince1970: Double(row["ts"] as Int64))
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
