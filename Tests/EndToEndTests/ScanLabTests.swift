import Foundation
import Testing

/// `netwarden scan` and `netwarden inventory export` in scripts/lab/scan-lab: a bridge of
/// namespaces on 10.123.0.0/24 with SNMP v2c and v3 agents (LLDP and CDP rows), hosts that
/// answer only ping, one that drops ping but answers ARP, and one that answers nothing.
@Suite(.serialized, .enabled(if: Lab.peersAvailable, "needs root and snmpd (`scripts/install-deps.sh --peers`)"))
struct ScanLabTests {
    static let script = Lab.packageRoot.appendingPathComponent("scripts/lab/scan-lab").path
    static let live = ["10.123.0.1", "10.123.0.11", "10.123.0.12", "10.123.0.13", "10.123.0.14", "10.123.0.15", "10.123.0.16"]
    static let secrets = ["labauthpass1", "labprivpass1", "lab-ro-b"]

    /// A config with the lab's three credential sets and a store in a fresh folder.
    static func config() throws -> (file: String, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nw-scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let root = Lab.packageRoot.path
        let file = folder.appendingPathComponent("netwarden.yaml").path
        try """
            credentials:
              lab-a: { version: v2c, community: public }
              lab-b: { version: v2c, community: lab-ro-b }
              lab-v3:
                version: v3
                user: labuser
                auth_protocol: SHA
                auth_password: labauthpass1
                priv_protocol: AES
                priv_password: labprivpass1
            store:
              sqlite:
                path: inventory.sqlite
            identification_rules: \(root)/config/identification.yaml
            firmware_policy: \(root)/config/firmware-policy.yaml
            """.write(toFile: file, atomically: true, encoding: .utf8)
        return (file, folder)
    }

    func withLab<T>(_ body: () throws -> T) throws -> T {
        let up = try Lab.run([Self.script, "up"], timeout: 120)
        guard up.status == 0 else { throw LabError("scan-lab up failed: \(up.stderr)") }
        defer { _ = try? Lab.run([Self.script, "down"]) }
        return try body()
    }

    func scan(_ arguments: [String], privileged: Bool = true) throws -> Lab.Output {
        // setpriv drops CAP_NET_RAW from the bounding set: root without raw sockets.
        let prefix = privileged ? [] : ["setpriv", "--bounding-set=-net_raw"]
        return try Lab.run(["ip", "netns", "exec", "nwscan-core"] + prefix + [Lab.netwarden, "scan"] + arguments, timeout: 120)
    }

    static func hosts(_ output: Lab.Output) throws -> [String: [String: Any]] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any], "\(output.stdout) \(output.stderr)")
        let hosts = try #require(document["hosts"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: hosts.map { ($0["address"] as? String ?? "?", $0) })
    }

    @Test func scanFindsExactlyTheLiveHostsAndIdentifiesTheSNMPOnes() throws {
        let (config, folder) = try Self.config()
        defer { try? FileManager.default.removeItem(at: folder) }
        try withLab {
            let output = try scan(["10.123.0.0/24", "--config", config, "--json"])
            #expect(output.status == 0, "\(output.stderr)")
            let hosts = try Self.hosts(output)
            #expect(hosts.keys.sorted() == Self.live, "the silent host and empty addresses stay out")
            func seen(_ address: String) -> [String] { hosts[address]?["seen_by"] as? [String] ?? [] }
            #expect(seen("10.123.0.16") == ["arp"], "drops ping, answers ARP")
            #expect(seen("10.123.0.14") == ["arp", "icmp"])
            #expect(seen("10.123.0.1") == ["local"])
            #expect(hosts["10.123.0.14"]?["mac"] as? String == "00:1b:21:00:00:0e")
            #expect(hosts["10.123.0.14"]?["mac_vendor"] as? String == "Intel Corporate")
            #expect(hosts["10.123.0.16"]?["mac_vendor"] as? String == "Microsoft")
            #expect(hosts["10.123.0.15"]?["mac"] as? String == "02:7b:00:00:00:0f")

            let expected = [("10.123.0.11", "lab-a", "v2c", "snmp-a"), ("10.123.0.12", "lab-b", "v2c", "snmp-b"), ("10.123.0.13", "lab-v3", "v3", "snmp-v3")]
            for (address, set, version, name) in expected {
                let host = try #require(hosts[address])
                #expect(host["credential_set"] as? String == set, "\(address)")
                #expect(host["snmp_version"] as? String == version, "\(address)")
                let identity = try #require(host["identity"] as? [String: Any], "\(address)")
                #expect(identity["sys_name"] as? String == name)
                #expect(identity["os"] as? String == "Linux")
                #expect(identity["version"] as? String == "6.1.0")
                #expect(identity["sys_location"] as? String == "scan-lab rack 1")
                #expect(host["interfaces"] as? Int == 2, "lo and eth0")
            }
            for address in ["10.123.0.1", "10.123.0.14", "10.123.0.15", "10.123.0.16"] {
                #expect(hosts[address]?["credential_set"] == nil, "\(address) runs no agent")
            }
            let lldp = try #require((hosts["10.123.0.11"]?["neighbours"] as? [[String: Any]])?.first)
            #expect(lldp["source"] as? String == "lldp")
            #expect(lldp["name"] as? String == "snmp-b")
            #expect(lldp["port"] as? String == "eth0")
            #expect(lldp["chassis_id"] as? String == "02:7b:00:00:00:0c")
            #expect(lldp["address"] as? String == "10.123.0.12")
            let cdp = try #require((hosts["10.123.0.12"]?["neighbours"] as? [[String: Any]])?.first)
            #expect(cdp["source"] as? String == "cdp")
            #expect(cdp["name"] as? String == "snmp-v3")
            #expect(cdp["address"] as? String == "10.123.0.13")
            for secret in Self.secrets { #expect(!output.stdout.contains(secret)) }

            // The table and CSV say the same.
            let table = try scan(["10.123.0.0/24", "--config", config])
            #expect(table.stdout.contains("7 live of 256 addressed, 3 answering SNMP"), "\(table.stdout)")
            let csv = try scan(["10.123.0.0/24", "--exclude", "10.123.0.12-10.123.0.13", "--config", config, "--csv", "--no-tcp"])
            let lines = csv.stdout.split(separator: "\r\n")
            #expect(lines.first?.hasPrefix("address,mac,mac_vendor,seen_by") == true)
            #expect(lines.dropFirst().map { String($0.split(separator: ",")[0]) } == Self.live.filter { $0 != "10.123.0.12" && $0 != "10.123.0.13" })
        }
    }

    @Test func followNeighborsCrawlsInsideTheAllowedPrefixOnly() throws {
        let (config, folder) = try Self.config()
        defer { try? FileManager.default.removeItem(at: folder) }
        try withLab {
            let inside = try Self.hosts(try scan(["10.123.0.11", "--config", config, "--json", "--follow-neighbors", "--within", "10.123.0.0/24"]))
            #expect(inside.keys.sorted() == ["10.123.0.11", "10.123.0.12", "10.123.0.13"], "LLDP to .12, then CDP to .13")
            #expect(inside["10.123.0.13"]?["credential_set"] as? String == "lab-v3")
            #expect((inside["10.123.0.12"]?["seen_by"] as? [String])?.contains("neighbour") == true)
            let fenced = try Self.hosts(try scan(["10.123.0.11", "--config", config, "--json", "--follow-neighbors", "--within", "10.123.0.8/30"]))
            #expect(fenced.keys.sorted() == ["10.123.0.11"], ".12 lies outside 10.123.0.8/30")
        }
    }

    @Test func withoutRawSocketsItSaysSoOnceAndUsesTCPAndSNMP() throws {
        let (config, folder) = try Self.config()
        defer { try? FileManager.default.removeItem(at: folder) }
        try withLab {
            let output = try scan(["10.123.0.0/24", "--config", config, "--json"], privileged: false)
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stderr.components(separatedBy: "no root or CAP_NET_RAW").count == 2, "said once: \(output.stderr)")
            let hosts = try Self.hosts(output)
            // TCP RSTs answer for every host with an address here, the ping-dropping one too.
            #expect(hosts.keys.sorted() == Self.live)
            #expect(hosts["10.123.0.14"]?["seen_by"] as? [String] == ["tcp"])
            #expect(hosts["10.123.0.14"]?["mac"] == nil, "no ARP, no MAC")
            #expect(hosts["10.123.0.13"]?["credential_set"] as? String == "lab-v3")
        }
    }

    @Test func adoptThenExportHoldsWhatTheScanFoundAndNoSecret() throws {
        let (config, folder) = try Self.config()
        defer { try? FileManager.default.removeItem(at: folder) }
        try withLab {
            let adopt = try scan(["10.123.0.0/24", "--config", config, "--adopt", "acme/hq"])
            #expect(adopt.status == 0, "\(adopt.stderr)")
            #expect(adopt.stderr.contains("adopted into acme/hq: 3 SNMP devices, 7 hosts"), "\(adopt.stderr)")
        }
        let export = { (format: String) in try Lab.run([Lab.netwarden, "inventory", "export", "--format", format, "--config", config]) }
        let json = try export("json")
        #expect(json.status == 0, "\(json.stderr)")
        let records = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let byAddress = Dictionary(uniqueKeysWithValues: records.map { (($0["addresses"] as? [String])?.first ?? "?", $0) })
        #expect(byAddress.keys.sorted() == Self.live)
        let device = try #require(byAddress["10.123.0.13"])
        #expect(device["tenant"] as? String == "acme")
        #expect(device["site"] as? String == "hq")
        #expect(device["name"] as? String == "snmp-v3")
        #expect(device["monitored"] as? Bool == true)
        #expect(device["credential_set"] as? String == "lab-v3")
        #expect(device["os_version"] as? String == "6.1.0")
        #expect(device["macs"] as? [String] == ["02:7b:00:00:00:0d"])
        #expect(device["contact"] as? String == "noc@scan-lab.example")
        #expect(device["firmware_status"] as? String == "unknown")
        #expect(device["last_seen"] is String)
        #expect(byAddress["10.123.0.11"]?["neighbours"] as? [String] == ["lldp snmp-b port eth0 at 10.123.0.12"])
        #expect(byAddress["10.123.0.12"]?["neighbours"] as? [String] == ["cdp snmp-v3 port eth0 at 10.123.0.13"])
        let pingOnly = try #require(byAddress["10.123.0.14"])
        #expect(pingOnly["monitored"] as? Bool == false)
        #expect(pingOnly["mac_vendors"] as? [String] == ["Intel Corporate"])

        let csv = try export("csv")
        #expect(csv.stdout.contains("acme,hq,snmp-b,10.123.0.12,02:7b:00:00:00:0c,,yes,"), "\(csv.stdout)")
        let netbox = try export("netbox").stdout.split(separator: "\r\n")
        #expect(netbox.first == "name,device_role,manufacturer,device_type,site,tenant,status,serial,platform,description,comments")
        #expect(netbox.count == 4, "the three SNMP devices: \(netbox)")
        #expect(netbox.contains { $0.hasPrefix("snmp-a,server,") && $0.contains(",hq,acme,active,,Linux,Linux 6.1.0,") })
        let onlyHQ = try Lab.run([Lab.netwarden, "inventory", "export", "--site", "elsewhere", "--config", config])
        #expect(onlyHQ.stdout.split(separator: "\r\n").count == 1, "header only")
        for output in [json.stdout, csv.stdout, netbox.joined()] {
            for secret in Self.secrets { #expect(!output.contains(secret), "\(secret) leaked") }
        }
    }

    @Test func malformedTargetsFailClearly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nw-targets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("empty.txt").path
        try "# nobody\n\n".write(toFile: empty, atomically: true, encoding: .utf8)
        let cases = [
            ("10.0.0.0/33", "'10.0.0.0/33': prefix length must be 0 to 32"),
            ("300.1.1.1", "'300.1.1.1' is not a valid IPv4 address (four numbers 0-255)"),
            ("@\(empty)", "target file \(empty) lists no targets"),
            ("2001:db8::/64", "scan /112 or longer"),
        ]
        for (target, message) in cases {
            let output = try Lab.run([Lab.netwarden, "scan", target])
            #expect(output.status != 0, "\(target)")
            #expect(output.stderr.contains(message), "\(target): \(output.stderr)")
            #expect(output.stdout.isEmpty)
        }
    }
}
