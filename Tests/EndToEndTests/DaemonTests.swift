import Foundation
import Testing

/// `netwarden daemon` against net-snmp's snmpd in a namespace, with a webhook endpoint the test
/// runs: an interface taken down raises one alert and its webhook, up resolves it; a webhook
/// endpoint that is down while the daemon is killed with SIGKILL still gets every notification
/// after the restart; an snmpd restart is a reboot with no false rate spike; a device behind a
/// down parent is unreachable under the parent's alert and notifies nobody.
@Suite(.enabled(if: Lab.peersAvailable, "needs root and snmpd (`scripts/install-deps.sh --peers`)"), .serialized)
struct DaemonTests {
    static let token = "e2e-admin-token-0123456789"

    final class Run {
        let lab: SNMPDLab
        let dir: URL
        var daemon: Process?
        var receiver: Process?
        var simulator: Process?

        init(lab: SNMPDLab) throws {
            self.lab = lab
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("nw-daemon-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }

        var webhookLog: String { dir.appendingPathComponent("webhook.log").path }
        var webhookDown: String { dir.appendingPathComponent("webhook.down").path }

        func writeConfig(listeners: String = "") throws {
            try """
                \(listeners)
                store: { sqlite: { path: \(dir.path)/netwarden.sqlite } }
                http:
                  listen: 127.0.0.1:18181
                  tokens: [{ name: admin, token: \(DaemonTests.token) }]
                credentials:
                  lab: { version: v2c, community: public }
                  sim: { version: v2c, community: child }
                defaults:
                  credentials: [lab]
                  polling: { interval: 1s, timeout: 300ms, retries: 0 }
                  alerts: { device_down: { after: 2 } }
                notifications:
                  channels:
                    hook: { type: webhook, url: "http://127.0.0.1:19099/hook" }
                  routes:
                    - { channels: [hook], min_severity: info }
                tenants:
                  - name: acme
                    sites:
                      - name: hq
                        devices:
                          - { address: 127.0.0.1, name: core }
                          - { address: "127.0.0.1:16161", name: branch, parent: core, credentials: [sim] }
                """.write(to: dir.appendingPathComponent("netwarden.yaml"), atomically: true, encoding: .utf8)
            try "1.3.6.1.2.1.1.3.0|67|100\n1.3.6.1.2.1.1.5.0|4|branch\n"
                .write(to: dir.appendingPathComponent("child.snmprec"), atomically: true, encoding: .utf8)
        }

        func start(_ arguments: [String]) throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["ip", "netns", "exec", lab.name] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle(forWritingAtPath: "/dev/null")
            try process.run()
            return process
        }

        func startDaemon() throws {
            let log = dir.appendingPathComponent("daemon.log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["ip", "netns", "exec", lab.name, Lab.netwarden, "daemon", "--config", dir.appendingPathComponent("netwarden.yaml").path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
            daemon = process
        }

        func api(_ path: String, method: String = "GET") throws -> Any? {
            let out = try lab.exec(["curl", "-s", "-X", method, "-H", "Authorization: Bearer \(DaemonTests.token)", "http://127.0.0.1:18181\(path)"])
            return try? JSONSerialization.jsonObject(with: Data(out.stdout.utf8))
        }

        func alerts(_ state: String = "all") throws -> [[String: Any]] {
            (try api("/api/v1/alerts?state=\(state)") as? [[String: Any]]) ?? []
        }

        func webhooks() -> [[String: Any]] {
            ((try? String(contentsOfFile: webhookLog, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }

        /// Polls `condition` every 250 ms for up to `seconds`.
        func wait(_ seconds: Double, _ what: String, _ condition: () throws -> Bool) throws {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if try condition() { return }
                Thread.sleep(forTimeInterval: 0.25)
            }
            let log = (try? String(contentsOfFile: dir.appendingPathComponent("daemon.log").path, encoding: .utf8)) ?? ""
            throw LabError("timed out waiting for \(what); daemon log tail: \(log.suffix(1500))")
        }

        func stop() {
            for process in [daemon, receiver, simulator].compactMap({ $0 }) { Lab.stop(process) }
            try? FileManager.default.removeItem(at: dir)
        }
    }

    static func open(_ alerts: [[String: Any]], kind: String) -> [[String: Any]] {
        alerts.filter { $0["kind"] as? String == kind && $0["state"] as? String != "resolved" }
    }

    @Test func alertsWebhooksOutboxRebootAndRootCause() throws {
        try Lab.withSNMPD("nwe2e-daemon", interfaces: 3) { lab in
            let run = try Run(lab: lab)
            defer { run.stop() }
            try run.writeConfig()
            // A link that can fail with its interface administratively up: a veth pair whose far
            // end goes down (an ifb interface set down is administratively down, not an outage).
            for (near, far) in [("link1", "peer1"), ("link2", "peer2")] {
                _ = try lab.exec(["ip", "link", "add", near, "type", "veth", "peer", "name", far])
                _ = try lab.exec(["ip", "link", "set", near, "up"])
                _ = try lab.exec(["ip", "link", "set", far, "up"])
            }
            let receiverScript = Lab.packageRoot.appendingPathComponent("Tests/EndToEndTests/Support/webhook_receiver.py").path
            run.receiver = try run.start(["python3", receiverScript, "19099", run.webhookLog, run.webhookDown])
            run.simulator = try run.start([Lab.netwarden, "simulate", "--recordings", run.dir.path, "--listen", "127.0.0.1:16161"])
            try run.startDaemon()

            // Both devices come up.
            try run.wait(30, "both devices up") {
                let devices = (try run.api("/api/v1/devices") as? [[String: Any]]) ?? []
                return devices.count == 2 && devices.allSatisfy { $0["reachability"] as? String == "up" }
            }

            // An interface taken down: one alert, one webhook; up again: resolved, one more webhook.
            _ = try lab.exec(["ip", "link", "set", "peer1", "down"])
            try run.wait(30, "interface_down alert") { !Self.open(try run.alerts(), kind: "interface_down").isEmpty }
            try run.wait(15, "interface_down webhook") { run.webhooks().contains { $0["kind"] as? String == "interface_down" && $0["action"] as? String == "raised" } }
            Thread.sleep(forTimeInterval: 3)
            #expect(Self.open(try run.alerts(), kind: "interface_down").count == 1, "raised once, not once per poll")
            _ = try lab.exec(["ip", "link", "set", "peer1", "up"])
            try run.wait(30, "interface_down resolved") { Self.open(try run.alerts(), kind: "interface_down").isEmpty }
            try run.wait(15, "resolved webhook") { run.webhooks().contains { $0["kind"] as? String == "interface_down" && $0["action"] as? String == "resolved" } }

            // Endpoint down, daemon killed while a notification waits: delivered after the restart.
            _ = FileManager.default.createFile(atPath: run.webhookDown, contents: nil)
            _ = try lab.exec(["ip", "link", "set", "peer2", "down"])
            try run.wait(30, "second interface alert") { Self.open(try run.alerts(), kind: "interface_down").count == 1 }
            Thread.sleep(forTimeInterval: 2)  // let the deliverer fail at least once
            #expect(!run.webhooks().contains { ($0["message"] as? String)?.hasPrefix("link2") == true })
            kill(run.daemon!.processIdentifier, SIGKILL)
            run.daemon!.waitUntilExit()
            try? FileManager.default.removeItem(atPath: run.webhookDown)
            try run.startDaemon()
            try run.wait(60, "the waiting webhook after the restart") {
                run.webhooks().contains { ($0["message"] as? String)?.hasPrefix("link2") == true && $0["action"] as? String == "raised" }
            }
            _ = try lab.exec(["ip", "link", "set", "peer2", "up"])

            // snmpd restarts: a reboot, and no rate sample from the counters starting over.
            try lab.restart()
            try run.wait(30, "reboot alert") { try run.alerts().contains { $0["kind"] as? String == "reboot" } }
            let devices = (try run.api("/api/v1/devices") as? [[String: Any]]) ?? []
            let core = try #require(devices.first { $0["name"] as? String == "core" }?["id"] as? Int)
            let interfaces = (try run.api("/api/v1/devices/\(core)/interfaces") as? [[String: Any]]) ?? []
            for interface in interfaces {
                let id = interface["id"] as! Int
                let series = (try run.api("/api/v1/devices/\(core)/interfaces/\(id)/series?tier=raw") as? [[String: Any]]) ?? []
                for point in series {
                    let maximum = point["maximum"] as? [String: Any] ?? [:]
                    for key in ["in_bps", "out_bps"] {
                        #expect(((maximum[key] as? Double) ?? 0) < 100_000_000, "no false spike on \(interface["name"] ?? id): \(maximum)")
                    }
                }
            }

            // The parent stops answering, then its child: one root-cause alert, the child under it, silent.
            let pidText = try Lab.run([lab.script, "pid", lab.name]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            // Never kill(0, …): that stops this test's own process group.
            let pid = try #require(pid_t(pidText).flatMap { $0 > 0 ? $0 : nil }, "snmpd-lab pid gave '\(pidText)'")
            #expect(kill(pid, SIGSTOP) == 0)
            defer { kill(pid, SIGCONT) }
            // SNMP silent but the address answers ping: not down (polling.icmp is on by default).
            try run.wait(30, "the failed polls") { try lab.exec(["curl", "-s", "-H", "Authorization: Bearer \(DaemonTests.token)", "http://127.0.0.1:18181/metrics"])
                .stdout.split(separator: "\n").contains { $0.hasPrefix("netwarden_poll_failures_total ") && !$0.hasSuffix(" 0") } }
            Thread.sleep(forTimeInterval: 4)
            #expect(Self.open(try run.alerts(), kind: "device_down").isEmpty, "a device that answers ping is not down")
            // Ping blocked too: down.
            _ = try lab.exec(["sysctl", "-q", "-w", "net.ipv4.icmp_echo_ignore_all=1"])
            // (the poller backs off a silent agent: 1, 3, 7 … intervals between attempts)
            try run.wait(60, "parent down") { !Self.open(try run.alerts(), kind: "device_down").isEmpty }
            #expect(try run.alerts().contains { ($0["title"] as? String ?? "").contains("SNMP or ping") })
            Lab.stop(run.simulator!)
            run.simulator = nil
            try run.wait(30, "child unreachable") { !Self.open(try run.alerts(), kind: "device_unreachable").isEmpty }
            let parentAlert = try #require(Self.open(try run.alerts(), kind: "device_down").first)
            let child = try #require(Self.open(try run.alerts(), kind: "device_unreachable").first)
            #expect(child["parent_id"] as? Int == parentAlert["id"] as? Int)
            Thread.sleep(forTimeInterval: 2)
            #expect(!run.webhooks().contains { $0["kind"] as? String == "device_unreachable" }, "the child notifies nobody")
            #expect(run.webhooks().filter { $0["kind"] as? String == "device_down" }.count == 1)
        }
    }

    /// A link that fails, the syslog line the device sends about it and its linkDown trap: one
    /// alert with three pieces of evidence; the line is stored and found by `syslog search`
    /// and the API.
    @Test func syslogAndTrapJoinThePollersAlert() throws {
        try Lab.withSNMPD("nwe2e-correlate", interfaces: 1) { lab in
            let run = try Run(lab: lab)
            defer { run.stop() }
            try run.writeConfig(listeners: """
                listeners:
                  syslog: { udp: [127.0.0.1:15514] }
                  traps: { listen: [127.0.0.1:16162], communities: [public] }
                """)
            _ = try lab.exec(["ip", "link", "add", "link1", "type", "veth", "peer", "name", "peer1"])
            _ = try lab.exec(["ip", "link", "set", "link1", "up"])
            _ = try lab.exec(["ip", "link", "set", "peer1", "up"])
            let receiverScript = Lab.packageRoot.appendingPathComponent("Tests/EndToEndTests/Support/webhook_receiver.py").path
            run.receiver = try run.start(["python3", receiverScript, "19099", run.webhookLog, run.webhookDown])
            try run.startDaemon()
            try run.wait(30, "device up") {
                ((try run.api("/api/v1/devices") as? [[String: Any]]) ?? []).contains { $0["name"] as? String == "core" && $0["reachability"] as? String == "up" }
            }
            _ = try lab.exec(["ip", "link", "set", "peer1", "down"])
            try run.wait(30, "interface_down alert") { !Self.open(try run.alerts(), kind: "interface_down").isEmpty }
            let ifIndex = try #require(Int(try lab.exec(["cat", "/sys/class/net/link1/ifindex"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)))

            let logger = try lab.exec(["logger", "--udp", "--server", "127.0.0.1", "--port", "15514", "--rfc3164", "-t", "core",
                                       "%LINK-3-UPDOWN: Interface link1, changed state to down"])
            #expect(logger.status == 0, "\(logger.stderr)")
            let trap = try lab.exec(["snmptrap", "-v2c", "-c", "public", "127.0.0.1:16162", "", "1.3.6.1.6.3.1.1.5.3",
                                     "1.3.6.1.2.1.2.2.1.1.\(ifIndex)", "i", "\(ifIndex)"])
            #expect(trap.status == 0, "\(trap.stderr)")
            try run.wait(30, "three pieces of evidence on one alert") {
                let open = Self.open(try run.alerts(), kind: "interface_down")
                return open.count == 1 && (open.first?["occurrences"] as? Int ?? 0) >= 3
            }
            #expect(run.webhooks().filter { $0["kind"] as? String == "interface_down" }.count == 1, "one notification, not three")

            let search = try lab.exec([Lab.netwarden, "syslog", "search", "UPDOWN", "--config", run.dir.appendingPathComponent("netwarden.yaml").path])
            #expect(search.status == 0, "\(search.stderr)")
            #expect(search.stdout.contains("Interface link1, changed state to down"), "\(search.stdout)")
            let api = (try run.api("/api/v1/syslog?q=link1") as? [[String: Any]]) ?? []
            #expect(api.contains { $0["event_class"] as? String == "linkDown" }, "\(api)")
        }
    }
}
