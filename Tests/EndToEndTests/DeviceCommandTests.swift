import Foundation
import Testing

/// `netwarden identify`, `check config` and `check firmware` against net-snmp's snmpd in a
/// namespace: a Linux host answering `public` (read-only) and `private` (read-write), with an
/// SNMPv3 user that needs no authentication.
@Suite(.enabled(if: Lab.peersAvailable, "needs root and snmpd (`scripts/install-deps.sh --peers`)"))
struct DeviceCommandTests {
    @Test func identifyCheckConfigAndFirmwareOnSnmpd() throws {
        // The sysDescr net-snmp gives a Linux host (uname -a), with a fixed kernel version.
        let descr = "sysDescr Linux lab-host 5.10.0-28-amd64 #1 SMP Debian 5.10.209-2 x86_64"
        try Lab.withSNMPD("nwe2e-check", interfaces: 2, extraConfig: descr) { lab in
            let identify = try lab.exec([Lab.netwarden, "identify", "--json", "-c", "public", "127.0.0.1"])
            #expect(identify.status == 0, "\(identify.stderr)")
            let identity = try #require(try JSONSerialization.jsonObject(with: Data(identify.stdout.utf8)) as? [String: Any])
            #expect(identity["kind"] as? String == "server")  // HOST-RESOURCES-MIB answers
            #expect(identity["os"] as? String == "Linux")
            #expect(identity["version"] as? String == "5.10.0-28-amd64")
            #expect((identity["round_trips"] as? Int ?? 99) <= 3)

            let config = try lab.exec([Lab.netwarden, "check", "config", "--json", "-c", "public", "127.0.0.1"])
            #expect(config.status == 3, "problems exit with 3: \(config.stderr)")
            let findings = config.stdout.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String]
            }
            let kinds = findings.compactMap { $0["finding"] }
            #expect(kinds.filter { $0 == "default-community" }.count == 2, "\(findings)")
            #expect(kinds.contains("writable-community"), "rwcommunity private: \(findings)")
            #expect(kinds.contains("no-auth-no-priv"), "u_none_none reads without auth: \(findings)")
            #expect(!kinds.contains("unsaved-config"))

            let v3 = try lab.exec([Lab.netwarden, "check", "config", "-v3", "-l", "noAuthNoPriv", "-u", "u_none_none", "127.0.0.1"])
            #expect(v3.stdout.contains("SNMPv3 user 'u_none_none' is answered without authentication"), "\(v3.stdout) \(v3.stderr)")

            // A policy for Linux hosts judges the kernel version the rules identified.
            let policy = FileManager.default.temporaryDirectory.appendingPathComponent("nw-policy-\(UUID().uuidString).yaml")
            try """
                policies:
                  - name: linux-kernel
                    match: { os: Linux }
                    scheme: semantic
                    minimum: 999.0.0
                    source: test
                """.write(to: policy, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: policy) }
            let firmware = try lab.exec([Lab.netwarden, "check", "firmware", "--policy", policy.path, "-c", "public", "127.0.0.1"])
            #expect(firmware.status == 3, "\(firmware.stdout) \(firmware.stderr)")
            #expect(firmware.stdout.contains("belowMinimum: 5.10.0-28-amd64 is below the minimum 999.0.0"), "\(firmware.stdout)")
            #expect(firmware.stdout.contains("[policy linux-kernel]"))
        }
    }

    @Test func badRulesFileNamesFileLineAndKey() throws {
        let rules = FileManager.default.temporaryDirectory.appendingPathComponent("nw-rules-\(UUID().uuidString).yaml")
        try "rules:\n  - name: x\n    match: { sys_descr: '(' }\n".write(to: rules, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: rules) }
        let result = try Lab.run([Lab.netwarden, "identify", "--rules", rules.path, "-c", "public", "127.0.0.1:9"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(rules.path):3:"), "\(result.stderr)")
        #expect(result.stderr.contains("rules[0].match.sys_descr"), "\(result.stderr)")
    }
}
