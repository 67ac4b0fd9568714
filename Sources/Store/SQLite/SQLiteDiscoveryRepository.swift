import Foundation
import GRDB

struct SQLiteDiscoveryRepository: DiscoveryRepository {
    let context: SQLiteContext
    init(_ context: SQLiteContext) { self.context = context }

    func recordHost(siteID: Int64, ip: String, mac: String?, seenBy: String, at: Date) async throws -> Bool {
        let mac = (mac ?? "").lowercased()
        return try await context.write { db in
            if let row = try Row.fetchOne(
                db, sql: "SELECT id, seen_by FROM discovered_hosts WHERE site_id = ? AND ip = ? AND mac = ?",
                arguments: [siteID, ip, mac])
            {
                let old: String = row["seen_by"]
                let merged = Set(old.split(separator: ",").map(String.init) + [seenBy]).sorted().joined(separator: ",")
                try db.execute(
                    sql: "UPDATE discovered_hosts SET last_seen = max(last_seen, ?), seen_by = ? WHERE id = ?",
                    arguments: [at.ms, merged, row["id"] as Int64])
                return false
            }
            try db.execute(
                sql: "INSERT INTO discovered_hosts(site_id, ip, mac, first_seen, last_seen, seen_by) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [siteID, ip, mac, at.ms, at.ms, seenBy])
            return true
        }
    }

    func hosts(siteID: Int64) async throws -> [DiscoveredHost] {
        try await context.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM discovered_hosts WHERE site_id = ? ORDER BY ip, mac", arguments: [siteID]).map {
                DiscoveredHost(
                    id: $0["id"], siteID: $0["site_id"], ip: $0["ip"], mac: $0["mac"], firstSeen: $0.date("first_seen")!,
                    lastSeen: $0.date("last_seen")!, seenBy: ($0["seen_by"] as String).split(separator: ",").map(String.init))
            }
        }
    }
}
