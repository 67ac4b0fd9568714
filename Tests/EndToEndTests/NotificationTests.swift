import Foundation
import Testing

/// Notifications sent by Netwarden's engine and accepted by net-snmp's snmptrapd: the sender
/// side the daemon uses northbound. SNMPv3 traps are checked against a user bound to our
/// engine ID (`createUser -e`), informs against snmptrapd's own engine.
@Suite(.enabled(if: Lab.peersAvailable, "needs root and snmptrapd (run `make test`, or set CI=true to fail instead of skip)"))
struct NotificationTests {
    @Test func snmptrapdAcceptsTrapsAndInformsOfEveryVersion() throws {
        try Lab.withSNMPD("nwe2e-trap", interfaces: 1) { lab in
            let state = "/tmp/netwarden-lab/nwe2e-trap/trapd"
            try FileManager.default.createDirectory(atPath: state + "/persist", withIntermediateDirectories: true)
            // netwarden's default engine ID for traps: RFC 3411 text format, "netwarden".
            let engineID = "0x80001f88046e657477617264656e"
            let config = """
                createUser -e \(engineID) trapuser SHA-512 trap-auth-pass AES-256 trap-priv-pass
                createUser informuser SHA-256 inform-auth-pass AES inform-priv-pass
                authUser log trapuser
                authUser log informuser
                authCommunity log public
                """
            try config.write(toFile: state + "/snmptrapd.conf", atomically: true, encoding: .utf8)
            let trapd = Process()
            trapd.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            trapd.arguments = ["MIBS=", "SNMP_PERSISTENT_DIR=\(state)/persist", "ip", "netns", "exec", lab.name,
                               "snmptrapd", "-f", "-C", "-c", state + "/snmptrapd.conf", "-Lf", state + "/log", "-On",
                               "udp:127.0.0.1:162"]
            try trapd.run()
            defer { Lab.stop(trapd) }
            Thread.sleep(forTimeInterval: 1)

            let sends: [(String, [String])] = [
                ("v1-trap", ["trap", "-v1", "-c", "public", "127.0.0.1", "1.3.6.1.4.1.8072.2.3", "198.18.0.1", "6", "17", "", "1.3.6.1.2.1.1.5.0", "s", "v1-trap"]),
                ("v2c-trap", ["trap", "-v2c", "-c", "public", "127.0.0.1", "", "1.3.6.1.6.3.1.1.5.3", "1.3.6.1.2.1.1.5.0", "s", "v2c-trap"]),
                ("v2c-inform", ["inform", "-v2c", "-c", "public", "127.0.0.1", "", "1.3.6.1.6.3.1.1.5.4", "1.3.6.1.2.1.1.5.0", "s", "v2c-inform"]),
                ("v3-trap", ["trap", "-v3", "-u", "trapuser", "-l", "authPriv", "-a", "SHA-512", "-A", "trap-auth-pass",
                             "-x", "AES-256", "-X", "trap-priv-pass", "127.0.0.1", "", "1.3.6.1.6.3.1.1.5.4", "1.3.6.1.2.1.1.5.0", "s", "v3-trap"]),
                ("v3-inform", ["inform", "-v3", "-u", "informuser", "-l", "authPriv", "-a", "SHA-256", "-A", "inform-auth-pass",
                               "-x", "AES", "-X", "inform-priv-pass", "127.0.0.1", "", "1.3.6.1.6.3.1.1.5.4", "1.3.6.1.2.1.1.5.0", "s", "v3-inform"]),
            ]
            for (name, arguments) in sends {
                let result = try lab.exec([Lab.netwarden] + arguments, timeout: 30)
                #expect(result.status == 0, "\(name): \(result.stderr)")
            }
            // A v3 trap signed for another engine ID must not be accepted.
            _ = try lab.exec([Lab.netwarden, "trap", "-v3", "-u", "trapuser", "-l", "authPriv", "-a", "SHA-512", "-A", "trap-auth-pass",
                              "-x", "AES-256", "-X", "trap-priv-pass", "-e", "80001f880401020304", "127.0.0.1", "",
                              "1.3.6.1.6.3.1.1.5.4", "1.3.6.1.2.1.1.5.0", "s", "v3-foreign"])
            Thread.sleep(forTimeInterval: 1)
            let log = (try? String(contentsOfFile: state + "/log", encoding: .utf8)) ?? ""
            for (name, _) in sends {
                #expect(log.contains("\"\(name)\""), "snmptrapd did not log \(name):\n\(log)")
            }
            #expect(!log.contains("v3-foreign"))
        }
    }
}
