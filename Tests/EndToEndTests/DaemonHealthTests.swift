import Foundation
import Testing

/// `netwarden daemon` with the health, configuration and firmware checks: net-snmp's snmpd
/// (HOST-RESOURCES storage of the machine's own file systems) and a simulated Cisco IOS router
/// (CISCO-PROCESS and CISCO-MEMORY-POOL, an unsaved running configuration, old firmware, LLDP
/// neighbours) that is then "upgraded"; a linkDown trap that makes the daemon poll at once. The
/// router's LLDP neighbour is the server's address, and the server is the site's gateway: the
/// router's parent is inferred from that link.
@Suite(.enabled(if: Lab.peersAvailable, "needs root and snmpd (`scripts/install-deps.sh --peers`)"), .serialized)
struct DaemonHealthTests {
    static func router(version: String, uptime: Int, unsaved: Bool) -> String {
        """
        1.3.6.1.2.1.1.1.0|4|Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version \(version), RELEASE SOFTWARE (fc1)
        1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.9.1.694
        1.3.6.1.2.1.1.3.0|67|\(uptime)
        1.3.6.1.2.1.1.5.0|4|rtr1
        1.3.6.1.2.1.2.2.1.2.1|4|GigabitEthernet0/1
        1.3.6.1.2.1.2.2.1.7.1|2|1
        1.3.6.1.2.1.2.2.1.8.1|2|1
        1.3.6.1.4.1.9.9.109.1.1.1.1.7.1|66|97
        1.3.6.1.4.1.9.9.48.1.1.1.2.1|4|Processor
        1.3.6.1.4.1.9.9.48.1.1.1.5.1|66|400
        1.3.6.1.4.1.9.9.48.1.1.1.6.1|66|600
        1.3.6.1.4.1.9.9.43.1.1.1.0|67|\(unsaved ? uptime - 100 : 500)
        1.3.6.1.4.1.9.9.43.1.1.2.0|67|\(unsaved ? 600 : 600)
        1.3.6.1.4.1.9.9.43.1.1.3.0|67|600
        1.0.8802.1.1.2.1.4.1.1.5.0.1.1|4x|001122334455
        1.0.8802.1.1.2.1.4.1.1.7.0.1.1|4|Gi1/0/24
        1.0.8802.1.1.2.1.4.1.1.9.0.1.1|4|core-sw1
        1.0.8802.1.1.2.1.4.2.1.3.0.1.1.1.4.127.0.0.1|2|2
        """
    }

    @Test func healthConfigFirmwareNeighboursAndTrapRepoll() throws {
        try Lab.withSNMPD("nwe2e-health", interfaces: 2) { lab in
            let run = try DaemonTests.Run(lab: lab)
            defer { run.stop() }
            let recordings = run.dir.appendingPathComponent("recordings")
            try FileManager.default.createDirectory(at: recordings, withIntermediateDirectories: true)
            try Self.router(version: "12.2(55)SE5", uptime: 900_000, unsaved: true)
                .write(to: recordings.appendingPathComponent("rtr.snmprec"), atomically: true, encoding: .utf8)
            let root = Lab.packageRoot.appendingPathComponent("config").path
            try """
                store: { sqlite: { path: \(run.dir.path)/netwarden.sqlite } }
                http:
                  listen: 127.0.0.1:18181
                  tokens: [{ name: admin, token: \(DaemonTests.token) }]
                identification_rules: \(root)/identification.yaml
                firmware_policy: \(root)/firmware-policy.yaml
                mib_dirs: [\(Lab.packageRoot.appendingPathComponent("mibs").path)]
                listeners:
                  traps: { listen: [127.0.0.1:16172], communities: [public] }
                credentials:
                  lab: { version: v2c, community: public }
                  rtr: { version: v2c, community: rtr }
                defaults:
                  credentials: [lab]
                  polling: { interval: 2s, timeout: 500ms, retries: 0 }
                  alerts:
                    thresholds:
                      storage: { warn: 1, critical: 2, hysteresis: 0.5 }
                tenants:
                  - name: acme
                    sites:
                      - name: hq
                        gateway: server
                        devices:
                          - { address: 127.0.0.1, name: server }
                          - { address: "127.0.0.1:16171", name: rtr1, credentials: [rtr] }
                """.write(to: run.dir.appendingPathComponent("netwarden.yaml"), atomically: true, encoding: .utf8)
            run.simulator = try run.start([Lab.netwarden, "simulate", "--recordings", recordings.path, "--listen", "127.0.0.1:16171"])
            try run.startDaemon()

            func device(_ name: String) throws -> Int? {
                ((try run.api("/api/v1/devices") as? [[String: Any]]) ?? []).first { $0["name"] as? String == name }?["id"] as? Int
            }
            func openAlerts(_ kind: String) throws -> [[String: Any]] { DaemonTests.open(try run.alerts(), kind: kind) }

            // snmpd's file systems are over a 2% storage threshold: one alert per file system, keyed by it.
            try run.wait(40, "storage alert from HOST-RESOURCES") { try openAlerts("storage").contains { ($0["dedup_key"] as? String)?.hasSuffix("|storage|/") == true } }
            let server = try #require(try device("server"))
            let health = (try run.api("/api/v1/devices/\(server)/health") as? [[String: Any]]) ?? []
            #expect(health.contains { $0["metric"] as? String == "storage" && $0["label"] as? String == "/" })
            #expect(health.contains { $0["metric"] as? String == "memory" })
            // (snmpd's hrProcessorLoad appears only a minute after it starts: CPU is checked on the router.)

            // The router: CPU over critical (Cisco's own MIB), an unsaved configuration, firmware below policy.
            try run.wait(40, "router alerts") {
                try !openAlerts("cpu").isEmpty && !openAlerts("config_unsaved").isEmpty && !openAlerts("firmware_outdated").isEmpty
            }
            let rtr = try #require(try device("rtr1"))
            let neighbours = (try run.api("/api/v1/devices/\(rtr)/neighbours") as? [[String: Any]]) ?? []
            #expect(neighbours.count == 1)
            #expect(neighbours.first?["remote_sys_name"] as? String == "core-sw1")
            #expect(neighbours.first?["remote_address"] as? String == "127.0.0.1")
            #expect(neighbours.first?["remote_port_id"] as? String == "Gi1/0/24")
            // Inferred from that LLDP row: the router hangs under the gateway.
            try run.wait(20, "the router's parent inferred from LLDP") {
                let row = ((try run.api("/api/v1/devices") as? [[String: Any]]) ?? []).first { $0["name"] as? String == "rtr1" }
                return row?["parent_id"] as? Int == server && row?["parent_source"] as? String == "lldp"
            }
            let memory = ((try run.api("/api/v1/devices/\(rtr)/health") as? [[String: Any]]) ?? []).first { $0["metric"] as? String == "memory" }
            #expect(memory?["label"] as? String == "Processor")
            #expect(memory?["value"] as? Double == 40)

            // Upgraded and saved: restarted with new firmware (a reboot), which is re-identified.
            Lab.stop(run.simulator!)
            try Self.router(version: "15.2(7)E3", uptime: 1_000, unsaved: false)
                .write(to: recordings.appendingPathComponent("rtr.snmprec"), atomically: true, encoding: .utf8)
            run.simulator = try run.start([Lab.netwarden, "simulate", "--recordings", recordings.path, "--listen", "127.0.0.1:16171"])
            try run.wait(40, "firmware changed, policy met, configuration saved") {
                let all = try run.alerts()
                return all.contains { $0["kind"] as? String == "firmware_changed" }
                    && DaemonTests.open(all, kind: "firmware_outdated").isEmpty && DaemonTests.open(all, kind: "config_unsaved").isEmpty
            }
            let events = (try run.api("/api/v1/devices/\(rtr)/events?limit=500") as? [[String: Any]]) ?? []
            #expect(events.contains { ($0["message"] as? String)?.contains("from 12.2(55)SE5 to 15.2(7)E3") == true })

            // A linkDown trap from the server: polled at once, outside its schedule.
            func urgentPolls() throws -> Double {
                let text = try lab.exec(["curl", "-s", "-H", "Authorization: Bearer \(DaemonTests.token)", "http://127.0.0.1:18181/metrics"]).stdout
                let line = text.split(separator: "\n").first { $0.hasPrefix("netwarden_polls_urgent_total ") }
                return line.flatMap { Double($0.split(separator: " ").last ?? "") } ?? -1
            }
            #expect(try urgentPolls() == 0)
            _ = try lab.exec(["snmptrap", "-v", "2c", "-c", "public", "127.0.0.1:16172", "", "1.3.6.1.6.3.1.1.5.3",
                              "1.3.6.1.2.1.2.2.1.1.1", "i", "1"])
            try run.wait(15, "an urgent poll after the trap") { try urgentPolls() >= 1 }
        }
    }
}
