import Alerting
import Config
import Foundation
import Store
import Testing

/// The alert pipeline on a real SQLite store: routing to channels in each channel's format,
/// one alert per dedup key, resolution notices, and silence in a maintenance window.
@Suite struct AlertPipelineTests {
    static func config(maintenance: String = "") throws -> NetwardenConfig {
        try ConfigLoader(environment: [:]).load(yaml: """
            credentials:
              lab: { version: v2c, community: public }
            defaults: { credentials: [lab] }
            notifications:
              channels:
                hook: { type: webhook, url: "http://127.0.0.1:9/hook" }
                chat: { type: slack, url: "http://127.0.0.1:9/slack" }
                teams: { type: teams, url: "http://127.0.0.1:9/teams" }
              routes:
                - { channels: [hook, chat, teams], min_severity: warning }
            tenants:
              - name: acme
                \(maintenance)
                sites:
                  - name: hq
                    devices: [{ address: 10.0.0.1, name: core }]
            """, file: "test.yaml").get()
    }

    func withPipeline(_ config: NetwardenConfig, _ body: (AlertPipeline, AlertPipeline.DeviceContext, SQLiteStore) async throws -> Void) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nw-alerts-\(UUID().uuidString).sqlite").path
        let index = path.replacingOccurrences(of: ".sqlite", with: ".syslog-index.sqlite")
        defer {
            for file in [path, index] {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
            }
        }
        let store = try SQLiteStore(path: path)
        let key = config.allDevices[0].key
        let tenant = try await store.devices.ensureTenant(key.tenant)
        let site = try await store.devices.ensureSite(tenantID: tenant.id, name: key.site)
        let device = try await store.devices.ensureDevice(siteID: site.id, address: key.address.description, name: "core", parentID: nil)
        let pipeline = AlertPipeline(store: store, config: { config })
        let context = AlertPipeline.DeviceContext(deviceID: device.id, tenantID: tenant.id, name: "core", settings: config.settings(for: key)!)
        try await body(pipeline, context, store)
        try await store.close()
    }

    @Test func routesEachChannelInItsFormatAndResolves() async throws {
        let config = try Self.config()
        try await withPipeline(config) { pipeline, context, store in
            let down = AlertSignal(device: context.settings.key, kind: .interfaceDown, severity: .warning, interface: 3, message: "ge-0/0/3 is down")
            try await pipeline.handle([down], device: context)
            try await pipeline.handle([down], device: context)  // the same condition again: no second alert
            let raised = try await store.outbox.claim(limit: 10, now: Date(), lease: 60)
            #expect(raised.map(\.channel).sorted() == ["chat", "hook", "teams"])
            let payloads = Dictionary(uniqueKeysWithValues: raised.map { ($0.channel, $0.payloadJSON) })
            #expect(payloads["hook"]?.contains("\"kind\":\"interface_down\"") == true)
            #expect(payloads["hook"]?.contains("\"dedup_key\":\"acme/hq/10.0.0.1:161|interface_down|3\"") == true)
            #expect(payloads["chat"]?.hasPrefix("{\"text\":\"[WARNING] acme/hq core: ge-0/0/3 is down\"") == true, "\(payloads["chat"] ?? "")")
            #expect(payloads["teams"]?.contains("\"@type\":\"MessageCard\"") == true)
            let alerts = try await store.alerts.alerts(states: [.open], deviceID: nil, limit: 10)
            #expect(alerts.count == 1 && alerts.first?.occurrences == 2)

            var up = down
            up.resolved = true
            try await pipeline.handle([up], device: context)
            let resolved = try await store.outbox.claim(limit: 10, now: Date(), lease: 60)
            #expect(resolved.count == 3 && resolved.allSatisfy { $0.payloadJSON.lowercased().contains("resolved") })
            #expect(try await store.alerts.alerts(states: [.open], deviceID: nil, limit: 10).isEmpty)
        }
    }

    @Test func maintenanceKeepsHistoryButNotifiesNobody() async throws {
        let config = try Self.config(maintenance: """
            maintenance:
                  - once: { from: 2000-01-01T00:00:00Z, to: 2999-01-01T00:00:00Z }
            """)
        try await withPipeline(config) { pipeline, context, store in
            try await pipeline.handle([AlertSignal(device: context.settings.key, kind: .reboot, severity: .warning, message: "restarted")],
                                      device: context)
            #expect(try await store.alerts.alerts(states: [.open], deviceID: nil, limit: 10).count == 1)
            #expect(try await store.events.events(deviceID: context.deviceID, since: nil, limit: 10).count == 1)
            #expect(try await store.outbox.pendingCount() == 0)
        }
    }

    /// A site's signal (a host passive discovery heard): an event without a device, one alert
    /// of the tenant per subject, notified; silent while the tenant or site is in maintenance.
    @Test func siteSignalsAreOneAlertPerSubjectAndRespectMaintenance() async throws {
        let signal = SiteSignal(tenant: "acme", site: "hq", kind: .newDevice, severity: .warning, subject: "00:1b:21:0a:0b:0c",
                                address: "10.0.0.50", message: "new device 00:1b:21:0a:0b:0c (Intel) at 10.0.0.50 seen by arp on eth1",
                                detailsJSON: "{\"seen_by\":\"arp\"}")
        try await withPipeline(try Self.config()) { pipeline, context, store in
            try await pipeline.handle(signal, tenantID: context.tenantID, source: .discovery)
            try await pipeline.handle(signal, tenantID: context.tenantID, source: .discovery)
            let alerts = try await store.alerts.alerts(states: [.open], deviceID: nil, limit: 10)
            #expect(alerts.count == 1 && alerts.first?.occurrences == 2 && alerts.first?.deviceID == nil && alerts.first?.tenantID == context.tenantID)
            #expect(alerts.first?.dedupKey == "acme/hq|new_device|00:1b:21:0a:0b:0c")
            let events = try await store.events.events(deviceID: nil, since: nil, limit: 10)
            #expect(events.count == 2 && events.allSatisfy { $0.draft.deviceID == nil && $0.draft.source == .discovery })
            let sent = try await store.outbox.claim(limit: 10, now: Date(), lease: 60)
            #expect(sent.count == 3, "one per channel, once")
            let chat = try #require(sent.first { $0.channel == "chat" })
            #expect(chat.payloadJSON.contains("[WARNING] acme/hq 00:1b:21:0a:0b:0c: new device"), "\(chat.payloadJSON)")
        }
        let quiet = try Self.config(maintenance: """
            maintenance:
                  - once: { from: 2000-01-01T00:00:00Z, to: 2999-01-01T00:00:00Z }
            """)
        try await withPipeline(quiet) { pipeline, context, store in
            try await pipeline.handle(signal, tenantID: context.tenantID, source: .discovery)
            #expect(try await store.alerts.alerts(states: [.open], deviceID: nil, limit: 10).count == 1)
            #expect(try await store.outbox.pendingCount() == 0)
        }
    }
}
