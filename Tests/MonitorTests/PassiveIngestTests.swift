import Alerting
import Config
import Devices
import Foundation
import Monitor
import PassiveDiscovery
import Store
import Testing

/// Passive discovery's ingest on a real SQLite store and alert pipeline: a host new in its site
/// raises one `new_device` with its vendor, stored with its event and webhook; the same host
/// again, a configured device and this host's own MACs raise nothing.
@Suite struct PassiveIngestTests {
    static let config: NetwardenConfig = try! ConfigLoader(environment: [:]).load(yaml: """
        credentials:
          lab: { version: v2c, community: public }
        defaults: { credentials: [lab] }
        notifications:
          channels:
            hook: { type: webhook, url: "http://127.0.0.1:9/hook" }
          routes:
            - { channels: [hook], kinds: [new_device], min_severity: info }
        tenants:
          - name: acme
            sites:
              - name: hq
                devices: [{ address: 10.9.0.8, name: printer-gw }]
              - name: branch
        """, file: "test.yaml").get()

    static let own = MACAddress("52:54:00:00:00:01")!
    static let intel = MACAddress("00:1b:21:0a:0b:0c")!
    static let hq = PassiveIngest.Listener(interface: "veth-x", tenant: "acme", site: "hq")

    static func arp(_ mac: MACAddress, _ ip: String) -> Sighting {
        let address = IPv4Address(ip)!
        return Sighting(seenBy: .arp, mac: mac, ipv4: address, detail: .arp(ARPPacket(
            operation: .request, senderMAC: mac, senderIP: address, targetMAC: MACAddress("00:00:00:00:00:00")!, targetIP: IPv4Address("10.9.0.1")!)))
    }

    func withIngest(repeatWindow: Duration = .seconds(60), _ body: (PassiveIngest, SQLiteStore) async throws -> Void) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nw-passive-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SQLiteStore(path: path)
        let pipeline = AlertPipeline(store: store, config: { Self.config })
        let ouis = OUIRegistry(names: [0x001B21: "Intel Corporate"])
        let ingest = PassiveIngest(store: store, pipeline: pipeline, config: { Self.config }, ouis: ouis, ownMACs: [Self.own],
                                   repeatWindow: repeatWindow)
        try await body(ingest, store)
        try await store.close()
    }

    @Test func aNewHostRaisesOneNewDeviceWithItsVendor() async throws {
        try await withIngest { ingest, store in
            let (outcome, message) = await ingest.record(Self.arp(Self.intel, "10.9.0.7"), on: Self.hq)
            #expect(outcome == .newDevice)
            #expect(message == "new device 00:1b:21:0a:0b:0c (Intel Corporate) at 10.9.0.7 seen by arp on veth-x")
            #expect(await ingest.record(Self.arp(Self.intel, "10.9.0.7"), on: Self.hq).0 == .repeated)

            let alerts = try await store.alerts.alerts(states: nil, deviceID: nil, limit: 10)
            #expect(alerts.count == 1)
            let alert = try #require(alerts.first)
            #expect(alert.kind == "new_device" && alert.deviceID == nil && alert.tenantID != nil && alert.occurrences == 1)
            #expect(alert.dedupKey == "acme/hq|new_device|00:1b:21:0a:0b:0c")
            #expect(alert.severity == 6, "info")
            let events = try await store.events.events(deviceID: nil, since: nil, limit: 10)
            #expect(events.count == 1 && events.first?.draft.source == .discovery)
            #expect(events.first?.draft.detailsJSON?.contains("\"vendor\":\"Intel Corporate\"") == true, "\(events.first?.draft.detailsJSON ?? "")")
            let outbox = try await store.outbox.claim(limit: 10, now: Date(), lease: 60)
            #expect(outbox.count == 1)
            let payload = try #require(outbox.first?.payloadJSON)
            #expect(payload.contains("\"kind\":\"new_device\"") && payload.contains("\"address\":\"10.9.0.7\"")
                    && payload.contains("\"device\":\"00:1b:21:0a:0b:0c\"") && payload.contains("\"site\":\"hq\""), "\(payload)")

            let sites = try await store.devices.sites(tenantID: alert.tenantID)
            let hosts = try await store.discovery.hosts(siteID: try #require(sites.first { $0.name == "hq" }).id)
            #expect(hosts.map(\.ip) == ["10.9.0.7"] && hosts.first?.vendor == "Intel Corporate" && hosts.first?.seenBy == ["arp"])
        }
    }

    @Test func theSameHostByAnotherProtocolIsNotNewButAddsWhatItSaid() async throws {
        try await withIngest(repeatWindow: .zero) { ingest, store in
            let discover = Sighting(seenBy: .dhcp, mac: Self.intel, ipv4: nil, name: "lab-printer",
                                    detail: .dhcp(DHCPRequest(messageType: .discover, clientMAC: Self.intel, hostName: "lab-printer")))
            let (outcome, message) = await ingest.record(discover, on: Self.hq)
            #expect(outcome == .newDevice)
            #expect(message == "new device 00:1b:21:0a:0b:0c (Intel Corporate, \"lab-printer\") seen by dhcp on veth-x")
            #expect(await ingest.record(Self.arp(Self.intel, "10.9.0.7"), on: Self.hq).0 == .known)
            #expect(await ingest.record(Self.arp(Self.intel, "10.9.0.7"), on: Self.hq).0 == .known, "written again with no window")
            #expect(try await store.alerts.alerts(states: nil, deviceID: nil, limit: 10).count == 1)
            let tenant = try #require(try await store.devices.tenants().first)
            let site = try #require(try await store.devices.sites(tenantID: tenant.id).first { $0.name == "hq" })
            let hosts = try await store.discovery.hosts(siteID: site.id)
            #expect(hosts.count == 1 && hosts.first?.ip == "10.9.0.7" && hosts.first?.name == "lab-printer"
                    && hosts.first?.seenBy == ["arp", "dhcp"], "\(hosts)")
        }
    }

    @Test func configuredDevicesOwnMACsAndOtherSites() async throws {
        try await withIngest { ingest, store in
            let gateway = MACAddress("00:1b:21:00:00:08")!
            #expect(await ingest.record(Self.arp(gateway, "10.9.0.8"), on: Self.hq).0 == .inventoried)
            #expect(await ingest.record(Self.arp(Self.own, "10.9.0.1"), on: Self.hq).0 == .ownHost)
            let none = try await store.alerts.alerts(states: nil, deviceID: nil, limit: 10)
            #expect(none.isEmpty)
            // 10.9.0.8 is a device in hq, not in branch; a MAC known in hq is new in branch.
            let branch = PassiveIngest.Listener(interface: "veth-y", tenant: "acme", site: "branch")
            #expect(await ingest.record(Self.arp(gateway, "10.9.0.8"), on: branch).0 == .newDevice)
            // Locally administered: no maker to name.
            let (outcome, message) = await ingest.record(Self.arp(MACAddress("02:11:22:33:44:55")!, "10.9.0.9"), on: branch)
            #expect(outcome == .newDevice)
            #expect(message?.hasPrefix("new device 02:11:22:33:44:55 (locally administered) at 10.9.0.9") == true)
            let raised = try await store.alerts.alerts(states: nil, deviceID: nil, limit: 10)
            #expect(raised.map(\.dedupKey).sorted() == ["acme/branch|new_device|00:1b:21:00:00:08", "acme/branch|new_device|02:11:22:33:44:55"])
        }
    }
}
