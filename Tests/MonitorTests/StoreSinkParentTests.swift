import Alerting
import Config
import Devices
import Discovery
import Foundation
import Monitor
import Store
import Testing

/// Parents inferred from LLDP neighbours in the daemon's sink, on a real SQLite store and alert
/// pipeline: written to the store with their source, used for root cause, and a child whose polls
/// come before its parent's waits for the parent's verdict instead of alerting on its own.
@Suite struct StoreSinkParentTests {
    static let config: NetwardenConfig = try! ConfigLoader(environment: [:]).load(yaml: """
        credentials:
          lab: { version: v2c, community: public }
        defaults: { credentials: [lab] }
        notifications:
          channels:
            hook: { type: webhook, url: "http://127.0.0.1:9/hook" }
          routes:
            - { channels: [hook], min_severity: info }
        tenants:
          - name: acme
            sites:
              - name: hq
                gateway: fw
                devices:
                  - { address: 10.0.0.1, name: fw }
                  - { address: 10.0.0.2, name: core }
                  - { address: 10.0.0.3, name: ap }
                  - { address: 10.0.0.4, name: nas, parent: none }
        """, file: "test.yaml").get()

    static func key(_ host: String) -> DeviceKey { DeviceKey(tenant: "acme", site: "hq", address: HostPort(host: host, port: 161)) }
    static let fw = key("10.0.0.1"), core = key("10.0.0.2"), ap = key("10.0.0.3"), nas = key("10.0.0.4")

    /// A poll that answered, with identification: sysName and LLDP neighbours by name.
    static func identified(_ key: DeviceKey, _ name: String, neighbours: [String]) -> PollReport {
        var report = PollReport(device: key, startedAt: 0)
        report.uptime = 1_000
        var identity = DeviceIdentity()
        identity.sysName = name
        report.identity = identity
        report.neighbours = neighbours.enumerated().map { Neighbour(source: .lldp, name: $0.element, port: "Gi0/\($0.offset)", localPort: $0.offset + 1) }
        return report
    }

    static func failed(_ key: DeviceKey, declaresDown: Bool = false) -> PollReport {
        var report = PollReport(device: key, startedAt: 0)
        report.failure = "timeout"
        if declaresDown { report.events = [AlertSignal(device: key, kind: .deviceDown, severity: .critical, message: "\(key) is down")] }
        return report
    }

    static func answered(_ key: DeviceKey, comesBack: Bool = false) -> PollReport {
        var report = PollReport(device: key, startedAt: 0)
        report.uptime = 2_000
        if comesBack { report.events = [AlertSignal(device: key, kind: .deviceDown, severity: .critical, message: "up", resolved: true)] }
        return report
    }

    func withSink(_ body: (StoreSink, SQLiteStore) async throws -> Void) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nw-parents-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SQLiteStore(path: path)
        let sink = StoreSink(store: store, pipeline: AlertPipeline(store: store, config: { Self.config }), parentDebounce: 0)
        let devices = Self.config.allDevices.compactMap { Self.config.settings(for: $0.key) }
        try await sink.register(devices, gateways: Self.config.tenants.flatMap { $0.sites.compactMap(\.gateway) })
        try await body(sink, store)
        try await store.close()
    }

    /// The core switch sees the firewall and the AP over LLDP; the NAS too, but it says `parent: none`.
    func learnTopology(_ sink: StoreSink) async {
        await sink.pollCompleted(Self.identified(Self.fw, "fw.acme.local", neighbours: []))
        await sink.pollCompleted(Self.identified(Self.ap, "ap", neighbours: []))
        await sink.pollCompleted(Self.identified(Self.nas, "nas", neighbours: []))
        await sink.pollCompleted(Self.identified(Self.core, "core", neighbours: ["fw", "AP.acme.local", "nas"]))
    }

    struct Row: Equatable {
        var id: Int64, parentID: Int64?, parentSource: String?, reachability: Reachability
    }

    func device(_ store: SQLiteStore, _ host: String) async throws -> Row? {
        try await store.devices.devices(tenantID: nil, siteID: nil).first { $0.address == host + ":161" || $0.address == host }
            .map { Row(id: $0.id, parentID: $0.parentID, parentSource: $0.parentSource, reachability: $0.reachability) }
    }

    @Test func parentsAreInferredFromNeighboursAndStoredWithTheirSource() async throws {
        try await withSink { sink, store in
            await learnTopology(sink)
            #expect(await sink.parent(of: Self.core) == .init(parent: Self.fw, source: "lldp"))
            #expect(await sink.parent(of: Self.ap) == .init(parent: Self.core, source: "lldp"))
            #expect(await sink.parent(of: Self.fw) == nil)
            #expect(await sink.parent(of: Self.nas) == nil)
            let fwRow = try #require(try await device(store, "10.0.0.1"))
            let apRow = try #require(try await device(store, "10.0.0.3"))
            let coreRow = try #require(try await device(store, "10.0.0.2"))
            #expect(apRow.parentID == coreRow.id && apRow.parentSource == "lldp")
            #expect(coreRow.parentID == fwRow.id)
            #expect(try await device(store, "10.0.0.4")?.parentID == nil)

            // A restart remembers: the store's neighbours and names infer the same parents at once.
            let again = StoreSink(store: store, pipeline: AlertPipeline(store: store, config: { Self.config }))
            let devices = Self.config.allDevices.compactMap { Self.config.settings(for: $0.key) }
            try await again.register(devices, gateways: [Self.fw])
            #expect(await again.parent(of: Self.ap) == .init(parent: Self.core, source: "lldp"))

            // The AP moves to the firewall's port: its parent follows.
            await sink.pollCompleted(Self.identified(Self.core, "core", neighbours: ["fw", "nas"]))
            await sink.pollCompleted(Self.identified(Self.fw, "fw", neighbours: ["core", "ap"]))
            #expect(await sink.parent(of: Self.ap) == .init(parent: Self.fw, source: "lldp"))
            #expect(try await device(store, "10.0.0.3")?.parentID == fwRow.id)
        }
    }

    /// The core switch dies and takes the AP with it. The AP's polls come first: its third failure
    /// lands while the switch has failed but is not judged down yet. One alert, the switch's;
    /// the AP is unreachable under it and notifies nobody. Both come back: both resolved.
    @Test func aChildDeclaredDownBeforeItsParentEndsUpUnderTheParentsAlert() async throws {
        try await withSink { sink, store in
            await learnTopology(sink)
            await sink.pollCompleted(Self.failed(Self.ap))
            await sink.pollCompleted(Self.failed(Self.core))
            await sink.pollCompleted(Self.failed(Self.ap, declaresDown: true))
            #expect(try await store.alerts.alerts(states: nil, deviceID: nil, limit: 10).isEmpty)
            await sink.pollCompleted(Self.failed(Self.core, declaresDown: true))

            let alerts = try await store.alerts.alerts(states: nil, deviceID: nil, limit: 10)
            let coreAlert = try #require(alerts.first { $0.kind == "device_down" })
            let apAlert = try #require(alerts.first { $0.kind == "device_unreachable" })
            #expect(alerts.count == 2)
            #expect(coreAlert.dedupKey.hasPrefix(Self.core.description))
            #expect(apAlert.parentID == coreAlert.id)
            #expect(try await device(store, "10.0.0.3")?.reachability == .unreachable)
            #expect(try await device(store, "10.0.0.2")?.reachability == .down)
            #expect(try await store.outbox.pendingCount() == 1)

            await sink.pollCompleted(Self.answered(Self.core, comesBack: true))
            await sink.pollCompleted(Self.answered(Self.ap, comesBack: true))
            let open = try await store.alerts.alerts(states: [.open, .acknowledged], deviceID: nil, limit: 10)
            #expect(open.isEmpty)
            #expect(try await device(store, "10.0.0.3")?.reachability == .up)
        }
    }

    /// The AP is held while the switch fails, but the switch answers again: the AP is down in its
    /// own right and alerts on its own.
    @Test func aHeldChildAlertsOnItsOwnWhenTheParentRecovers() async throws {
        try await withSink { sink, store in
            await learnTopology(sink)
            await sink.pollCompleted(Self.failed(Self.core))
            await sink.pollCompleted(Self.failed(Self.ap, declaresDown: true))
            #expect(try await store.alerts.alerts(states: nil, deviceID: nil, limit: 10).isEmpty)
            await sink.pollCompleted(Self.answered(Self.core))
            let alerts = try await store.alerts.alerts(states: nil, deviceID: nil, limit: 10)
            #expect(alerts.map(\.kind) == ["device_down"])
            #expect(alerts.first?.dedupKey.hasPrefix(Self.ap.description) == true)
            #expect(try await store.outbox.pendingCount() == 1)
        }
    }
}
