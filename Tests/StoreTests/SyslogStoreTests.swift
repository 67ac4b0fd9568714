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
