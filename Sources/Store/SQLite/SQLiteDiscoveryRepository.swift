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

    func recordSighting(_ sighting: HostSighting) async throws -> Bool {
        let mac = sighting.mac.lowercased()
        let ip = sighting.ip ?? ""
        return try await context.write { db in
            let macKnown = try Bool.fetchOne(
                db, sql: "SELECT EXISTS(SELECT 1 FROM discovered_hosts WHERE site_id = ? AND mac = ?)", arguments: [sighting.siteID, mac]) ?? false
            // The row to update: this address with this MAC; a row of this MAC without an address
            // when one is now known; this address with no MAC yet (a scan's ICMP answer); or, for a
            // sighting without an address, the MAC's most recent row.
            var row: Row?
            if !ip.isEmpty {
                row = try Row.fetchOne(db, sql: "SELECT id, seen_by FROM discovered_hosts WHERE site_id = ? AND ip = ? AND mac = ?",
                                       arguments: [sighting.siteID, ip, mac])
                    ?? Row.fetchOne(db, sql: "SELECT id, seen_by FROM discovered_hosts WHERE site_id = ? AND ip = '' AND mac = ?",
                                    arguments: [sighting.siteID, mac])
                    ?? Row.fetchOne(db, sql: "SELECT id, seen_by FROM discovered_hosts WHERE site_id = ? AND ip = ? AND mac = ''",
                                    arguments: [sighting.siteID, ip])
            } else {
                row = try Row.fetchOne(db, sql: "SELECT id, seen_by FROM discovered_hosts WHERE site_id = ? AND mac = ? ORDER BY last_seen DESC LIMIT 1",
                                       arguments: [sighting.siteID, mac])
            }
            if let row {
                let old: String = row["seen_by"]
                let merged = Set(old.split(separator: ",").map(String.init) + [sighting.seenBy]).sorted().joined(separator: ",")
                let id: Int64 = row["id"]
                try db.execute(
                    sql: """
                        UPDATE discovered_hosts SET last_seen = max(last_seen, ?), seen_by = ?, mac = ?,
                            ip = CASE WHEN ? = '' THEN ip ELSE ? END,
                            name = coalesce(?, name), vendor = coalesce(?, vendor)
                        WHERE id = ?
                        """,
                    arguments: [sighting.at.ms, merged, mac, ip, ip, sighting.name, sighting.vendor, id])
                return false
            }
            try db.execute(
                sql: "INSERT INTO discovered_hosts(site_id, ip, mac, first_seen, last_seen, seen_by, name, vendor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [sighting.siteID, ip, mac, sighting.at.ms, sighting.at.ms, sighting.seenBy, sighting.name, sighting.vendor])
            return !macKnown
        }
    }

    func hosts(siteID: Int64) async throws -> [DiscoveredHost] {
        try await context.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM discovered_hosts WHERE site_id = ? ORDER BY ip, mac", arguments: [siteID]).map {
                DiscoveredHost(
                    id: $0["id"], siteID: $0["site_id"], ip: $0["ip"], mac: $0["mac"], firstSeen: $0.date("first_seen")!,
                    lastSeen: $0.date("last_seen")!, seenBy: ($0["seen_by"] as String).split(separator: ",").map(String.init),
                    name: $0["name"], vendor: $0["vendor"])
            }
        }
    }
}
