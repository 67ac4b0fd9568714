import Foundation
import SNMP
import Testing

/// mibs/NETWARDEN-MIB: the Swift constants name what the module names, and an alert trap sent
/// with them is decoded by net-snmp's snmptrapd, by name, when it loads the project's mibs/.
struct NetwardenMIBTests {
    static let folder = Lab.packageRoot.appendingPathComponent("mibs").path

    @Test func swiftConstantsMatchTheModule() throws {
        var expected: [(OID, String)] = NetwardenMIB.Notification.allCases.map { notification in
            let name = switch notification {
            case .alertRaised: "netwardenAlertRaised"
            case .alertResolved: "netwardenAlertResolved"
            case .alertAcknowledged: "netwardenAlertAcknowledged"
            }
            return (notification.oid, "NETWARDEN-MIB::\(name)")
        }
        let objectNames: [NetwardenMIB.Object: String] = [
            .alertId: "netwardenAlertId", .tenant: "netwardenAlertTenant", .site: "netwardenAlertSite",
            .deviceName: "netwardenAlertDeviceName", .deviceAddressType: "netwardenAlertDeviceAddressType",
            .deviceAddress: "netwardenAlertDeviceAddress", .severity: "netwardenAlertSeverity", .kind: "netwardenAlertKind",
            .message: "netwardenAlertMessage", .dedupKey: "netwardenAlertDedupKey", .time: "netwardenAlertTime",
            .user: "netwardenAlertUser",
        ]
        expected += NetwardenMIB.Object.allCases.map { ($0.instance, "NETWARDEN-MIB::\(objectNames[$0]!).0") }
        expected.append((NetwardenMIB.module, "NETWARDEN-MIB::netwardenMIB"))
        let result = try Lab.run([Lab.netwarden, "mib", "translate", "-M", Self.folder] + expected.map { "." + $0.0.description })
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").map(String.init) == expected.map(\.1))

        // The module stands alone: its arc is numeric, it imports nothing from NET-SNMP-MIB.
        let alone = try Lab.run(["snmptranslate", "-M", Self.folder, "-m", "NETWARDEN-MIB", "-On", "NETWARDEN-MIB::netwardenAlertRaised"])
        #expect(alone.stdout == ".1.3.6.1.4.1.8072.9999.9999.7887.0.1\n")
        #expect(alone.stderr.isEmpty, "\(alone.stderr)")
        #expect(!(try String(contentsOfFile: Self.folder + "/NETWARDEN-MIB", encoding: .utf8)).contains("FROM NET-SNMP-MIB"))

        // Enumerations: the Swift cases, in order, are the module's labels and numbers.
        let described = try Lab.run(["snmptranslate", "-M", Self.folder, "-m", "NETWARDEN-MIB", "-Td",
                                     "NETWARDEN-MIB::netwardenAlertSeverity", "NETWARDEN-MIB::netwardenAlertKind"]).stdout
        let severities = NetwardenMIB.Severity.allCases.map { "\($0)(\($0.rawValue))" }.joined(separator: ", ")
        let kinds = NetwardenMIB.Kind.allCases.map { "\($0)(\($0.rawValue))" }.joined(separator: ", ")
        #expect(described.contains("SYNTAX\tINTEGER {\(severities)}"), "\(described)")
        #expect(described.contains("SYNTAX\tINTEGER {\(kinds)}"), "\(described)")
    }

    @Test(.enabled(if: Lab.peersAvailable, "needs root and snmptrapd"))
    func snmptrapdDecodesAnAlertTrapByNameWithTheProjectMIBs() throws {
        try Lab.withSNMPD("nwe2e-nwmib", interfaces: 1) { lab in
            let state = "/tmp/netwarden-lab/nwe2e-nwmib/trapd"
            try FileManager.default.createDirectory(atPath: state + "/persist", withIntermediateDirectories: true)
            try "authCommunity log public\n".write(toFile: state + "/snmptrapd.conf", atomically: true, encoding: .utf8)
            let trapd = Process()
            trapd.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            trapd.arguments = ["MIBS=", "SNMP_PERSISTENT_DIR=\(state)/persist", "ip", "netns", "exec", lab.name,
                               "snmptrapd", "-f", "-C", "-c", state + "/snmptrapd.conf", "-Lf", state + "/log",
                               "-M", Self.folder, "-m", "ALL", "udp:127.0.0.1:162"]
            try trapd.run()
            defer { Lab.stop(trapd) }
            Thread.sleep(forTimeInterval: 1)

            // The trap and its varbinds by name (netwarden reads the same mibs/), and the
            // acknowledgement by the numeric constants the daemon will use.
            let raised = try lab.exec([Lab.netwarden, "trap", "-M", Self.folder, "-c", "public", "127.0.0.1", "",
                                       "NETWARDEN-MIB::netwardenAlertRaised",
                                       "netwardenAlertId.0", "s", "A-1042",
                                       "netwardenAlertTenant.0", "s", "acme",
                                       "netwardenAlertSite.0", "s", "hq",
                                       "netwardenAlertDeviceName.0", "s", "core-sw1",
                                       "netwardenAlertDeviceAddressType.0", "i", "1",
                                       "netwardenAlertDeviceAddress.0", "x", "C0000201",
                                       "netwardenAlertSeverity.0", "i", "1",
                                       "netwardenAlertKind.0", "i", "1",
                                       "netwardenAlertMessage.0", "s", "core-sw1 does not answer",
                                       "netwardenAlertDedupKey.0", "s", "acme/core-sw1/deviceDown",
                                       "netwardenAlertTime.0", "x", "07EA0B16040D05002B0100"], timeout: 30)
            #expect(raised.status == 0, "\(raised.stderr)")
            let ack = try lab.exec([Lab.netwarden, "trap", "-c", "public", "127.0.0.1", "",
                                    NetwardenMIB.Notification.alertAcknowledged.oid.description,
                                    NetwardenMIB.Object.alertId.instance.description, "s", "A-1042",
                                    NetwardenMIB.Object.kind.instance.description, "i", String(NetwardenMIB.Kind.unsavedConfig.rawValue),
                                    NetwardenMIB.Object.user.instance.description, "s", "noc-anna"], timeout: 30)
            #expect(ack.status == 0, "\(ack.stderr)")
            Thread.sleep(forTimeInterval: 1)
            let log = (try? String(contentsOfFile: state + "/log", encoding: .utf8)) ?? ""
            for line in [
                "SNMPv2-MIB::snmpTrapOID.0 = OID: NETWARDEN-MIB::netwardenAlertRaised",
                "NETWARDEN-MIB::netwardenAlertId.0 = STRING: A-1042",
                "NETWARDEN-MIB::netwardenAlertDeviceAddressType.0 = INTEGER: ipv4(1)",
                "NETWARDEN-MIB::netwardenAlertDeviceAddress.0 = Hex-STRING: C0 00 02 01",
                "NETWARDEN-MIB::netwardenAlertSeverity.0 = INTEGER: critical(1)",
                "NETWARDEN-MIB::netwardenAlertKind.0 = INTEGER: deviceDown(1)",
                "NETWARDEN-MIB::netwardenAlertMessage.0 = STRING: core-sw1 does not answer",
                "NETWARDEN-MIB::netwardenAlertTime.0 = STRING: 2026-11-22,4:13:5.0,+1:0",
                "SNMPv2-MIB::snmpTrapOID.0 = OID: NETWARDEN-MIB::netwardenAlertAcknowledged",
                "NETWARDEN-MIB::netwardenAlertKind.0 = INTEGER: unsavedConfig(8)",
                "NETWARDEN-MIB::netwardenAlertUser.0 = STRING: noc-anna",
            ] {
                #expect(log.contains(line), "snmptrapd did not log «\(line)»:\n\(log)")
            }
        }
    }
}
