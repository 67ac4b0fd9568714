import Foundation
import Store
import Testing

struct SyslogStoreTests {
    static func message(_ text: String, device: Int64?, at: Date, severity: Int64 = 5, host: String = "core-1") -> SyslogRecordDraft {
        let line = "<189>Mar  1 00:01:02 \(host) \(text)"
        return SyslogRecordDraft(
            deviceID: device, receivedAt: at, sourceAddress: "10.0.0.1", facility: 23, severity: severity, hostname: host,
            appName: nil, message: text, raw: Array(line.utf8))
    }

    @Test func searchWithFiltersRecencyAndRelevance() async throws {
        try await withStore { store, _ in
            let a = try await demoDevice(store, address: "10.0.0.1")
            let b = try await demoDevice(store, address: "10.0.0.2")
            let ids = try await store.syslog.record([
                Self.message("%LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to down", device: a.id, at: t0, severity: 3),
                Self.message("%LINK-3-UPDOWN: Interface GigabitEthernet0/2, changed state to up", device: a.id, at: t0 + 10, severity: 3),
                Self.message("%SYS-5-CONFIG_I: Configured from console by admin on vty0", device: a.id, at: t0 + 20),
                Self.message("%LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to up", device: b.id, at: t0 + 30, severity: 3),
                Self.message("%SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: admin] [Source: 203.0.113.9]", device: b.id, at: t0 + 40, severity: 4),
                Self.message("down down down: interface flapping, link down again", device: nil, at: t0 + 50, severity: 6, host: "edge-9"),
            ])
            #expect(ids.count == 6)
            func search(_ q: SyslogQuery) async throws -> [Int64] { try await store.syslog.search(q).map(\.id) }

            // Newest first.
            #expect(try await search(SyslogQuery("updown")) == [ids[3], ids[1], ids[0]])
            #expect(try await search(SyslogQuery("down")) == [ids[5], ids[0]])
            #expect(try await search(SyslogQuery("UPDOWN", limit: 2)) == [ids[3], ids[1]])
            // Several words: all must appear; punctuation is part of a phrase, never query syntax.
            #expect(try await search(SyslogQuery("GigabitEthernet0/1 down")) == [ids[0]])
            #expect(try await search(SyslogQuery("203.0.113.9")) == [ids[4]])
            #expect(try await search(SyslogQuery("\"unbalanced AND (NOT")) == [])
            #expect(try await search(SyslogQuery("gigabit*")) == [ids[3], ids[1], ids[0]])
            // Hostname is searchable too.
            #expect(try await search(SyslogQuery("edge")) == [ids[5]])
            // Filters.
            #expect(try await search(SyslogQuery("updown", deviceID: b.id)) == [ids[3]])
            #expect(try await search(SyslogQuery("updown", since: t0 + 5)) == [ids[3], ids[1]])
            #expect(try await search(SyslogQuery("updown", until: t0 + 5)) == [ids[0]])
            #expect(try await search(SyslogQuery("admin", maxSeverity: 4)) == [ids[4]])
            #expect(try await search(SyslogQuery("admin")) == [ids[4], ids[2]])
            // Relevance: the message that says "down" four times ranks first.
            #expect(try await search(SyslogQuery("down", order: .relevance)).first == ids[5])

            await #expect(throws: StoreError.self) { _ = try await store.syslog.search(SyslogQuery("  ** ")) }
            let got = try #require(try await store.syslog.search(SyslogQuery("CONFIG_I")).first)
            #expect(got.draft.raw == Array("<189>Mar  1 00:01:02 core-1 \(got.draft.message)".utf8) && got.draft.facility == 23)
        }
    }

    @Test func rawBytesKeptAndPruneRemovesFromTheIndex() async throws {
        try await withStore { store, _ in
            var invalid = Self.message("bad \u{FFFD} bytes", device: nil, at: t0)
            invalid.raw = [0x3C, 0x31, 0x3E, 0xFF, 0x00, 0xC3]
            invalid.flags = 5
            let old = try await store.syslog.record([invalid, Self.message("old message marker", device: nil, at: t0)])
            let recent = try await store.syslog.record([Self.message("new message marker", device: nil, at: t0 + 40 * RetentionPolicy.day)])
            let bad = try #require(try await store.syslog.search(SyslogQuery("bytes")).first)
            #expect(bad.id == old[0] && bad.draft.raw == [0x3C, 0x31, 0x3E, 0xFF, 0x00, 0xC3] && bad.draft.flags == 5)

            let counts = try await store.syslog.prune(now: t0 + 40 * RetentionPolicy.day, policy: RetentionPolicy())
            #expect(counts["syslog"] == 2)
            #expect(try await store.syslog.count() == 1)
            #expect(try await store.syslog.search(SyslogQuery("marker")).map(\.id) == recent)
            #expect(try await store.syslog.search(SyslogQuery("bytes")).isEmpty)
        }
    }

    /// The index lives in its own file: lost (or left from another database), it is rebuilt
    /// from the table on the next open.
    @Test func indexRebuiltFromTheTable() async throws {
        let database = try TempDatabase()
        defer { database.cleanUp() }
        var store = try database.open()
        let ids = try await store.syslog.record((0..<50).map { Self.message("rebuild probe \($0) Gi0/\($0)", device: nil, at: t0 + Double($0)) })
        #expect(try await store.syslog.search(SyslogQuery("probe", limit: 100)).count == 50)
        try await store.close()
        let index = database.folder.appendingPathComponent("netwarden.syslog-index.sqlite").path
        #expect(FileManager.default.fileExists(atPath: index))
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: index + suffix) }

        store = try database.open()
        #expect(try await store.syslog.search(SyslogQuery("probe", limit: 100)).map(\.id) == ids.reversed())
        #expect(try await store.syslog.search(SyslogQuery("Gi0/7")).map(\.id) == [ids[7]])
        try await store.close()

        // An index that has gone further than the table (a restored backup of the store): rebuilt too.
        let other = try TempDatabase()
        defer { other.cleanUp() }
        let bigger = try other.open()
        _ = try await bigger.syslog.record((0..<80).map { Self.message("stranger \($0)", device: nil, at: t0) })
        try await bigger.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: index + suffix) }
        try FileManager.default.copyItem(atPath: other.folder.appendingPathComponent("netwarden.syslog-index.sqlite").path, toPath: index)
        store = try database.open()
        #expect(try await store.syslog.search(SyslogQuery("stranger")).isEmpty)
        #expect(try await store.syslog.search(SyslogQuery("probe", limit: 100)).count == 50)
        try await store.close()
    }

    /// Retention in several chunks: the index drops exactly the deleted rows (contentless FTS5
    /// would go wrong on a deletion it never indexed), and new rows after it are indexed.
    @Test func pruneAndIndexStayInStep() async throws {
        try await withStore { store, _ in
            var old: [Int64] = []
            for chunk in 0..<3 {
                old += try await store.syslog.record((0..<9_000).map {
                    Self.message("aged line \(chunk)-\($0) common", device: nil, at: t0 + Double($0) / 1000)
                })
            }
            let kept = try await store.syslog.record((0..<20).map {
                Self.message("fresh line \($0) common", device: nil, at: t0 + 40 * RetentionPolicy.day)
            })
            let counts = try await store.syslog.prune(now: t0 + 40 * RetentionPolicy.day, policy: RetentionPolicy())
            #expect(counts["syslog"] == old.count)
            #expect(try await store.syslog.search(SyslogQuery("common", limit: 100_000)).map(\.id) == kept.reversed())
            #expect(try await store.syslog.search(SyslogQuery("aged")).isEmpty)
            #expect(try await store.syslog.search(SyslogQuery("common", limit: 5, order: .relevance)).count == 5)
            // Everything old gone: the newest row stays (ids are never reused), the rest goes.
            let later = try await store.syslog.prune(now: t0 + 80 * RetentionPolicy.day, policy: RetentionPolicy())
            #expect(later["syslog"] == kept.count - 1)
            let next = try await store.syslog.record([Self.message("after prune common", device: nil, at: t0 + 80 * RetentionPolicy.day)])
            #expect(next[0] > kept.last!)
            #expect(try await store.syslog.search(SyslogQuery("common", limit: 100)).map(\.id) == [next[0], kept.last!])
        }
    }

    @Test func trapsKeepTheirVarbinds() async throws {
        try await withStore { store, _ in
            let device = try await demoDevice(store)
            let varbinds = #"[{"oid":"1.3.6.1.2.1.2.2.1.1.3","type":"INTEGER","value":"3"}]"#
            let ids = try await store.traps.record([
                TrapRecordDraft(deviceID: device.id, receivedAt: t0, sourceAddress: "10.0.0.1", version: "v2c", trapOID: "1.3.6.1.6.3.1.1.5.3", varbindsJSON: varbinds),
                TrapRecordDraft(receivedAt: t0 + 1, sourceAddress: "10.9.9.9", version: "v1", trapOID: "1.3.6.1.6.3.1.1.5.1", varbindsJSON: "[]"),
            ])
            let mine = try await store.traps.traps(deviceID: device.id, since: nil, limit: 10)
            #expect(mine.map(\.id) == [ids[0]] && mine[0].draft.varbindsJSON == varbinds && mine[0].draft.trapOID == "1.3.6.1.6.3.1.1.5.3")
            #expect(try await store.traps.traps(deviceID: nil, since: nil, limit: 10).map(\.id) == [ids[1], ids[0]])
            await #expect(throws: (any Error).self) {
                _ = try await store.traps.record([TrapRecordDraft(receivedAt: t0, sourceAddress: "x", version: "v1", trapOID: "1", varbindsJSON: "nope")])
            }
            #expect(try await store.traps.prune(now: t0 + 31 * RetentionPolicy.day, policy: RetentionPolicy())["traps"] == 2)
        }
    }
}
