import Foundation
import Testing

/// `netwarden daemon` polling a Catalyst 4503-E served by `netwarden simulate` (the recording
/// in Tests/MonitorTests/Fixtures): its ENTITY-MIB inventory over the API, scoped by tenant;
/// then a maintenance window (a reboot) in which the SFP is swapped and a power supply pulled:
/// `inventory_changed` events and history rows, no alert.
@Suite(.enabled(if: Lab.peersAvailable, "needs root and snmpd (`scripts/install-deps.sh --peers`)"), .serialized)
struct DaemonInventoryTests {
    static let viewer = "e2e-viewer-token-0123456789"

    static var fixture: String {
        get throws {
            try String(contentsOf: Lab.packageRoot.appendingPathComponent("Tests/MonitorTests/Fixtures/catalyst-4503e-entity.snmprec"),
                       encoding: .utf8)
        }
    }

    @Test func inventoryOverTheAPIAndAModuleSwap() throws {
        try Lab.withSNMPD("nwe2e-entity", interfaces: 1) { lab in
            let run = try DaemonTests.Run(lab: lab)
            defer { run.stop() }
            let recordings = run.dir.appendingPathComponent("recordings")
            try FileManager.default.createDirectory(at: recordings, withIntermediateDirectories: true)
            let recording = recordings.appendingPathComponent("sw.snmprec")
            try Self.fixture.write(to: recording, atomically: true, encoding: .utf8)
            let root = Lab.packageRoot.appendingPathComponent("config").path
            try """
                store: { sqlite: { path: \(run.dir.path)/netwarden.sqlite } }
                http:
                  listen: 127.0.0.1:18181
                  tokens:
                    - { name: admin, token: \(DaemonTests.token) }
                    - { name: viewer, token: \(Self.viewer), read_only: true, tenant: other }
                identification_rules: \(root)/identification.yaml
                credentials:
                  sw: { version: v2c, community: sw }
                defaults:
                  credentials: [sw]
                  polling: { interval: 1s, timeout: 500ms, retries: 0 }
                tenants:
                  - name: acme
                    sites:
                      - name: hq
                        devices:
                          - { address: "127.0.0.1:16171", name: dist-sw1 }
                  - { name: other, sites: [] }
                """.write(to: run.dir.appendingPathComponent("netwarden.yaml"), atomically: true, encoding: .utf8)
            run.simulator = try run.start([Lab.netwarden, "simulate", "--recordings", recordings.path, "--listen", "127.0.0.1:16171"])
            try run.startDaemon()

            var id = 0
            try run.wait(30, "the switch in the store") {
                id = ((try run.api("/api/v1/devices") as? [[String: Any]]) ?? []).first { $0["name"] as? String == "dist-sw1" }?["id"] as? Int ?? 0
                return id > 0
            }
            func inventory() throws -> [[String: Any]] { (try run.api("/api/v1/devices/\(id)/inventory") as? [[String: Any]]) ?? [] }
            func history() throws -> [[String: Any]] { (try run.api("/api/v1/devices/\(id)/inventory/history") as? [[String: Any]]) ?? [] }
            func inventoryEvents() throws -> [String] {
                ((try run.api("/api/v1/devices/\(id)/events?limit=500") as? [[String: Any]]) ?? [])
                    .filter { $0["kind"] as? String == "inventory_changed" }.compactMap { $0["message"] as? String }
            }
            try run.wait(30, "the inventory read") { try inventory().count == 18 }

            let entities = try inventory()
            let byName = Dictionary(entities.compactMap { e in (e["name"] as? String).map { ($0, e) } }, uniquingKeysWith: { a, _ in a })
            let chassis = try #require(byName["Switch System"])
            #expect(chassis["index"] as? Int == 1)
            #expect(chassis["class"] as? String == "chassis")
            #expect(chassis["model"] as? String == "WS-C4503-E")
            #expect(chassis["serial"] as? String == "FOX1523G0JE")
            #expect(chassis["fru"] as? Bool == false)
            #expect(chassis["contained_in"] == nil)
            #expect(chassis["first_seen"] is String && chassis["last_seen"] is String)
            let sfp = try #require(byName["TenGigabitEthernet1/1"])
            #expect(sfp["class"] as? String == "port")
            #expect(sfp["contained_in"] as? Int == 15)
            #expect(sfp["serial"] as? String == "AVD1719A2BC")
            #expect(sfp["hardware_rev"] as? String == "V03")
            #expect(sfp["manufacturer"] as? String == "CISCO-AVAGO")
            #expect(sfp["fru"] as? Bool == true)
            let sup = try #require(byName["Linecard(slot 1)"])
            #expect(sup["class"] as? String == "module")
            #expect(sup["firmware_rev"] as? String == "15.0(1r)SG10")
            #expect(sup["software_rev"] as? String == "03.06.06.E")
            #expect(sup["descr"] as? String == "Sup 7L-E 10GE (SFP+), 1000BaseX (SFP) with 4 SFP+ Ports")
            #expect(byName["Power Supply 2"]?["class"] as? String == "powerSupply")
            #expect(try history().isEmpty, "the first sighting is no change")
            #expect(try inventoryEvents().isEmpty)

            // A token of another tenant does not see the device.
            func viewerStatus(_ path: String) throws -> String {
                try lab.exec(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer \(Self.viewer)",
                              "http://127.0.0.1:18181\(path)"]).stdout
            }
            #expect(try viewerStatus("/api/v1/devices/\(id)/inventory") == "404")
            #expect(try viewerStatus("/api/v1/devices/\(id)/inventory/history") == "404")

            // Maintenance: the SFP swapped, power supply 2 pulled, the switch rebooted.
            Lab.stop(run.simulator!)
            let swapped = try Self.fixture
                .replacingOccurrences(of: "1.3.6.1.2.1.1.3.0|67|900000", with: "1.3.6.1.2.1.1.3.0|67|1000")
                .replacingOccurrences(of: "AVD1719A2BC", with: "AVD1722X9ZZ")
                .split(separator: "\n").filter { !($0.hasPrefix("1.3.6.1.2.1.47.1.1.1.1.") && $0.split(separator: "|")[0].hasSuffix(".12")) }
                .joined(separator: "\n") + "\n"
            try swapped.write(to: recording, atomically: true, encoding: .utf8)
            run.simulator = try run.start([Lab.netwarden, "simulate", "--recordings", recordings.path, "--listen", "127.0.0.1:16171"])
            try run.wait(40, "inventory_changed events after the reboot") { try inventoryEvents().count >= 2 }
            let events = try inventoryEvents()
            #expect(events.contains("port 'TenGigabitEthernet1/1' (SFP-10G-SR) serial AVD1719A2BC → AVD1722X9ZZ"), "\(events)")
            #expect(events.contains("power supply 'Power Supply 2' (PWR-C45-1400AC) removed, serial ART1710F0K9"), "\(events)")
            #expect(events.count == 2)
            #expect(try inventory().count == 17)
            #expect(try inventory().first { $0["name"] as? String == "TenGigabitEthernet1/1" }?["serial"] as? String == "AVD1722X9ZZ")
            let changes = try history()
            #expect(changes.contains { $0["change"] as? String == "changed" && $0["field"] as? String == "serial"
                && $0["old"] as? String == "AVD1719A2BC" && $0["new"] as? String == "AVD1722X9ZZ" && $0["index"] as? Int == 16 })
            #expect(changes.contains { $0["change"] as? String == "removed" && $0["index"] as? Int == 12 && $0["class"] as? String == "powerSupply" })
            #expect(try run.alerts().allSatisfy { $0["kind"] as? String != "inventory_changed" }, "events only, no alert")
        }
    }
}
