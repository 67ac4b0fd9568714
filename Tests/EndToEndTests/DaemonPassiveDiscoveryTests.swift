import Foundation
import Testing

/// `netwarden daemon` with passive discovery on one end of a veth pair, and real hosts on the
/// other: iputils `arping`, busybox `udhcpc` (a DHCP DISCOVER) and `lldpd` (LLDP and CDP), each
/// on its own MAC address (macvlan) in a namespace of their own, and an 802.1Q-tagged ARP from a
/// raw socket. Each new host raises one
/// `new_device` alert and webhook with its vendor; the same host again raises nothing; a
/// configured device's address raises nothing; the hosts are in the API. Without CAP_NET_RAW the
/// daemon says so in one line and runs on.
@Suite(.serialized, .enabled(if: PassiveLab.available, "needs root, arping, udhcpc and lldpd (`scripts/install-deps.sh --peers`)"))
struct DaemonPassiveDiscoveryTests {
    static let token = "e2e-passive-token-0123456789"

    static func newDevices(_ alerts: [[String: Any]]) -> [String: [String: Any]] {
        Dictionary(alerts.filter { $0["kind"] as? String == "new_device" }.map { (($0["dedup_key"] as? String ?? "").components(separatedBy: "|").last ?? "", $0) },
                   uniquingKeysWith: { a, _ in a })
    }

    @Test func newHostsRaiseOneNewDeviceEachAndAreListed() throws {
        let lab = try PassiveLab()
        defer { lab.tearDown() }
        let port = 18_191
        try lab.writeConfig(port: port)
        let receiver = Lab.packageRoot.appendingPathComponent("Tests/EndToEndTests/Support/webhook_receiver.py").path
        try lab.start(in: lab.daemonSpace, ["python3", receiver, "19098", lab.dir.appendingPathComponent("webhook.log").path,
                                            lab.dir.appendingPathComponent("webhook.down").path], log: "receiver.log")
        try lab.start(in: lab.daemonSpace, [Lab.netwarden, "daemon", "--config", lab.dir.appendingPathComponent("netwarden.yaml").path], log: "daemon.log")
        try lab.wait(30, "passive discovery to start") { lab.log("daemon.log").contains("passive discovery on \(lab.listen)") }
        try lab.wait(30, "the API") { try lab.api("/api/v1/alerts", port: port) != nil }
        let alerts = { (try lab.api("/api/v1/alerts?state=all", port: port) as? [[String: Any]]) ?? [] }

        // ARP from 10.9.0.7 (Intel).
        let arp = try lab.host(["arping", "-c", "2", "-w", "5", "-I", "pdh\(lab.tag)", "10.9.0.1"])
        #expect(arp.status == 0, "\(arp.stdout) \(arp.stderr)")
        try lab.wait(20, "new_device for the ARP host") { Self.newDevices(try alerts())["00:1b:21:aa:bb:01"] != nil }
        let arpAlert = try #require(Self.newDevices(try alerts())["00:1b:21:aa:bb:01"])
        let arpTitle = arpAlert["title"] as? String ?? ""
        #expect(arpTitle.hasPrefix("new device 00:1b:21:aa:bb:01 (Intel") && arpTitle.hasSuffix("at 10.9.0.7 seen by arp on \(lab.listen)"), "\(arpTitle)")
        #expect(arpAlert["severity"] as? String == "info")

        // A DHCP DISCOVER from a Cisco MAC asking for 10.9.0.50, with a host name and vendor class.
        let dhcp = try lab.host(["udhcpc", "-i", "pdm1\(lab.tag)", "-n", "-q", "-t", "2", "-T", "1", "-s", "/bin/true",
                                 "-r", "10.9.0.50", "-x", "hostname:lab-printer", "-V", "netwarden-test"], timeout: 30)
        #expect(dhcp.stderr.contains("broadcasting discover"), "\(dhcp.stderr)")
        try lab.wait(20, "new_device for the DHCP client") { Self.newDevices(try alerts())["00:00:0c:aa:bb:02"] != nil }
        let dhcpTitle = Self.newDevices(try alerts())["00:00:0c:aa:bb:02"]?["title"] as? String ?? ""
        #expect(dhcpTitle.hasPrefix("new device 00:00:0c:aa:bb:02 (Cisco") && dhcpTitle.contains("\"lab-printer\"")
                && dhcpTitle.hasSuffix("at 10.9.0.50 seen by dhcp on \(lab.listen)"), "\(dhcpTitle)")

        // lldpd on a VMware MAC, LLDP and CDP (both forced), management address 10.9.0.60.
        try FileManager.default.createDirectory(atPath: "/run/lldpd", withIntermediateDirectories: true)
        try lab.start(in: lab.hostSpace, ["lldpd", "-d", "-l", "-ccccc", "-I", "pdm2\(lab.tag)", "-C", "pdm2\(lab.tag)", "-m", "10.9.0.60",
                                          "-u", lab.dir.appendingPathComponent("lldpd.socket").path, "-L", "", "-S", "netwarden test peer"],
                      log: "lldpd.log")
        try lab.wait(30, "new_device for the lldpd host") { Self.newDevices(try alerts())["00:50:56:aa:bb:03"] != nil }
        let lldpTitle = Self.newDevices(try alerts())["00:50:56:aa:bb:03"]?["title"] as? String ?? ""
        #expect(lldpTitle.hasPrefix("new device 00:50:56:aa:bb:03 (VMware") && lldpTitle.contains("at 10.9.0.60 seen by"), "\(lldpTitle)")

        // An ARP behind an 802.1Q tag (VLAN 42) from a raw socket: the default filter takes it.
        let sender = Lab.packageRoot.appendingPathComponent("Tests/EndToEndTests/Support/send_frame.py").path
        let tagged = "ffffffffffff" + "001b21aabb42" + "8100002a" + "0806" + "0001080006040001" + "001b21aabb42" + "0a2a0005" + "000000000000" + "0a2a0001"
        let sent = try lab.host(["python3", sender, "pdh\(lab.tag)", tagged])
        #expect(sent.status == 0, "\(sent.stderr)")
        try lab.wait(20, "new_device for the tagged ARP") { Self.newDevices(try alerts())["00:1b:21:aa:bb:42"] != nil }
        let taggedTitle = Self.newDevices(try alerts())["00:1b:21:aa:bb:42"]?["title"] as? String ?? ""
        #expect(taggedTitle.hasSuffix("at 10.42.0.5 seen by arp on \(lab.listen) VLAN 42"), "\(taggedTitle)")

        // The configured device at 10.9.0.8 and the ARP host once more: recorded, no news.
        let gateway = try lab.host(["arping", "-c", "2", "-w", "5", "-I", "pdm3\(lab.tag)", "-s", "10.9.0.8", "10.9.0.1"])
        #expect(gateway.status == 0, "\(gateway.stdout) \(gateway.stderr)")
        _ = try lab.host(["arping", "-c", "2", "-w", "5", "-I", "pdh\(lab.tag)", "10.9.0.1"])
        var site: Int?
        try lab.wait(20, "the hosts in the API") {
            let sites = (try lab.api("/api/v1/sites", port: port) as? [[String: Any]]) ?? []
            site = sites.first { $0["tenant"] as? String == "acme" && $0["name"] as? String == "lab" }?["id"] as? Int
            guard let site else { return false }
            let hosts = (try lab.api("/api/v1/sites/\(site)/discovered", port: port) as? [[String: Any]]) ?? []
            let seen = Dictionary(hosts.map { ($0["mac"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
            return seen["00:1b:21:aa:bb:08"] != nil && (seen["00:50:56:aa:bb:03"]?["seen_by"] as? [String]) == ["cdp", "lldp"]
        }
        Thread.sleep(forTimeInterval: 2)  // let anything wrongly raised arrive
        let hosts = (try lab.api("/api/v1/sites/\(try #require(site))/discovered", port: port) as? [[String: Any]]) ?? []
        let byMAC = Dictionary(hosts.map { ($0["mac"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byMAC["00:1b:21:aa:bb:01"]?["ip"] as? String == "10.9.0.7")
        #expect((byMAC["00:1b:21:aa:bb:01"]?["vendor"] as? String)?.hasPrefix("Intel") == true)
        #expect(byMAC["00:00:0c:aa:bb:02"]?["ip"] as? String == "10.9.0.50" && byMAC["00:00:0c:aa:bb:02"]?["name"] as? String == "lab-printer")
        #expect(byMAC["00:50:56:aa:bb:03"]?["ip"] as? String == "10.9.0.60")
        #expect(byMAC["00:1b:21:aa:bb:08"]?["ip"] as? String == "10.9.0.8" && byMAC["00:1b:21:aa:bb:08"]?["seen_by"] as? [String] == ["arp"])
        let ownMAC = try lab.sh("ip -n \(lab.daemonSpace) -br link show \(lab.listen)").stdout.split(separator: " ", omittingEmptySubsequences: true)[2]
        #expect(byMAC[String(ownMAC)] == nil && byMAC.count == 5, "the daemon's own MAC (\(ownMAC)) is not a host: \(byMAC.keys)")

        // Exactly one alert and one webhook per new host; none for the configured device.
        let raised = try alerts().filter { $0["kind"] as? String == "new_device" }
        #expect(raised.count == 4, "\(raised.map { $0["title"] ?? "" })")
        #expect(raised.allSatisfy { $0["occurrences"] as? Int == 1 })
        try lab.wait(20, "four webhooks") { lab.webhooks().count >= 4 }
        Thread.sleep(forTimeInterval: 1)
        let hooks = lab.webhooks()
        #expect(hooks.count == 4 && hooks.allSatisfy { $0["kind"] as? String == "new_device" && $0["severity"] as? String == "info" })
        #expect(Set(hooks.compactMap { $0["device"] as? String }) == ["00:1b:21:aa:bb:01", "00:00:0c:aa:bb:02", "00:50:56:aa:bb:03", "00:1b:21:aa:bb:42"])
        #expect(Set(hooks.compactMap { $0["address"] as? String }) == ["10.9.0.7", "10.9.0.50", "10.9.0.60", "10.42.0.5"])
        #expect(!hooks.contains { ($0["message"] as? String)?.contains("10.9.0.8") == true })
        let metrics = try Lab.run(["ip", "netns", "exec", lab.daemonSpace, "curl", "-s", "-H", "Authorization: Bearer \(Self.token)",
                                   "http://127.0.0.1:\(port)/metrics"]).stdout
        #expect(metrics.contains("netwarden_passive_new_devices_total 4"), "\(metrics.suffix(800))")
        #expect(metrics.contains("netwarden_passive_sightings_total{interface=\"\(lab.listen)\"}"), "\(metrics.suffix(800))")
    }

    @Test func withoutCapNetRawOneLineAndTheDaemonRuns() throws {
        let lab = try PassiveLab()
        defer { lab.tearDown() }
        let port = 18_192
        try lab.writeConfig(port: port)
        // setpriv drops CAP_NET_RAW from the bounding set: root that may not capture.
        try lab.start(in: lab.daemonSpace, ["setpriv", "--bounding-set=-net_raw", Lab.netwarden, "daemon", "--config",
                                            lab.dir.appendingPathComponent("netwarden.yaml").path], log: "daemon.log")
        try lab.wait(30, "the API") { try lab.api("/api/v1/alerts", port: port) != nil }
        let lines = lab.log("daemon.log").split(separator: "\n").filter { $0.contains("passive discovery") }
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.contains("passive discovery is off on \(lab.listen): listening needs root or CAP_NET_RAW") == true, "\(lines)")
        #expect(lab.processes.last?.isRunning == true)
    }
}

/// Two namespaces joined by a veth pair: the daemon's (`10.9.0.1`) and the hosts'.
final class PassiveLab {
    static var available: Bool {
        Lab.isCI || (Lab.isRoot && ["/usr/sbin/arping", "/usr/bin/arping", "/sbin/udhcpc", "/usr/sbin/udhcpc", "/usr/sbin/lldpd"]
            .filter { FileManager.default.isExecutableFile(atPath: $0) }.count >= 3)
    }

    let tag = String(UInt32.random(in: 0..<0xFFFFF), radix: 16)
    var daemonSpace: String { "nwpd-d-\(tag)" }
    var hostSpace: String { "nwpd-h-\(tag)" }
    /// The daemon's end of the veth pair, where it listens.
    var listen: String { "pdl\(tag)" }
    let dir: URL
    var processes: [Process] = []

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("nw-passive-\(tag)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for tool in ["arping", "udhcpc", "lldpd", "curl", "python3"] {
            guard try Lab.run(["sh", "-c", "command -v \(tool)"]).status == 0 else {
                throw LabError("\(tool) is missing: run scripts/install-deps.sh --peers")
            }
        }
        // Host end: 00:1b:21 is Intel's; the macvlans are Cisco (DHCP), VMware (lldpd) and
        // Intel again (the configured device at 10.9.0.8).
        let d = daemonSpace, h = hostSpace, host = "pdh\(tag)"
        try sh("ip netns add \(d)")
        try sh("ip netns add \(h)")
        try sh("ip link add \(listen) netns \(d) type veth peer name \(host) netns \(h)")
        try sh("ip -n \(d) link set lo up")
        try sh("ip -n \(d) addr add 10.9.0.1/24 dev \(listen)")
        try sh("ip -n \(d) link set \(listen) up")
        try sh("ip -n \(h) link set lo up")
        try sh("ip -n \(h) link set \(host) address 00:1b:21:aa:bb:01")
        try sh("ip -n \(h) addr add 10.9.0.7/24 dev \(host)")
        try sh("ip -n \(h) link set \(host) up")
        for (name, mac, address) in [("pdm1", "00:00:0c:aa:bb:02", nil), ("pdm2", "00:50:56:aa:bb:03", "10.9.0.60"),
                                     ("pdm3", "00:1b:21:aa:bb:08", "10.9.0.8")] as [(String, String, String?)] {
            try sh("ip -n \(h) link add \(name)\(tag) link \(host) type macvlan mode bridge")
            try sh("ip -n \(h) link set \(name)\(tag) address \(mac)")
            if let address { try sh("ip -n \(h) addr add \(address)/24 dev \(name)\(tag)") }
            try sh("ip -n \(h) link set \(name)\(tag) up")
        }
    }

    @discardableResult
    func sh(_ command: String, timeout: TimeInterval = 60) throws -> Lab.Output {
        let result = try Lab.run(["sh", "-c", command], timeout: timeout)
        guard result.status == 0 else { throw LabError("\(command): \(result.status) \(result.stderr)") }
        return result
    }

    /// Runs a command among the hosts.
    @discardableResult
    func host(_ arguments: [String], timeout: TimeInterval = 60) throws -> Lab.Output {
        try Lab.run(["ip", "netns", "exec", hostSpace] + arguments, timeout: timeout)
    }

    func start(in space: String, _ arguments: [String], log: String) throws {
        let file = dir.appendingPathComponent(log)
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ip", "netns", "exec", space] + arguments
        process.standardOutput = try FileHandle(forWritingTo: file)
        process.standardError = try FileHandle(forWritingTo: file)
        try process.run()
        processes.append(process)
    }

    func log(_ name: String) -> String { (try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)) ?? "" }

    func writeConfig(port: Int) throws {
        try """
            store: { sqlite: { path: \(dir.path)/netwarden.sqlite } }
            http:
              listen: 127.0.0.1:\(port)
              tokens: [{ name: admin, token: \(DaemonPassiveDiscoveryTests.token) }]
            credentials:
              lab: { version: v2c, community: public }
            defaults:
              credentials: [lab]
              polling: { interval: 1h, timeout: 300ms, retries: 0 }
            notifications:
              channels:
                hook: { type: webhook, url: "http://127.0.0.1:19098/hook" }
              routes:
                - { channels: [hook], kinds: [new_device], min_severity: info }
            tenants:
              - name: acme
                sites:
                  - name: lab
                    devices:
                      - { address: 10.9.0.8, name: printer-gw }
            discovery:
              passive:
                enabled: true
                interfaces:
                  - { name: \(listen), tenant: acme, site: lab }
            """.write(to: dir.appendingPathComponent("netwarden.yaml"), atomically: true, encoding: .utf8)
    }

    func api(_ path: String, port: Int) throws -> Any? {
        let out = try Lab.run(["ip", "netns", "exec", daemonSpace, "curl", "-s", "-H", "Authorization: Bearer \(DaemonPassiveDiscoveryTests.token)",
                               "http://127.0.0.1:\(port)\(path)"])
        return try? JSONSerialization.jsonObject(with: Data(out.stdout.utf8))
    }

    func webhooks() -> [[String: Any]] {
        log("webhook.log").split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func wait(_ seconds: Double, _ what: String, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.25)
        }
        throw LabError("timed out waiting for \(what); daemon log: \(log("daemon.log").suffix(2000))")
    }

    /// Stops what the test started (processes in its namespaces included), removes the
    /// namespaces (and with them the veth and macvlans) and the folder.
    func tearDown() {
        for process in processes { Lab.stop(process) }
        for space in [hostSpace, daemonSpace] {
            let pids = (try? Lab.run(["ip", "netns", "pids", space]).stdout) ?? ""
            for pid in pids.split(separator: "\n").compactMap({ pid_t($0) }) { kill(pid, SIGKILL) }
            _ = try? Lab.run(["ip", "netns", "del", space])
        }
        try? FileManager.default.removeItem(at: dir)
    }
}
