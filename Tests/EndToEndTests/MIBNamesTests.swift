import Foundation
import Testing

/// `--names` against a real snmpd: the same lines as snmpbulkwalk prints with the same MIBs
/// loaded (names, decoded indexes, enums, display hints, units, wrapped Hex-STRINGs).
@Suite(.enabled(if: Lab.peersAvailable && (Lab.sharedMIBs != nil || Lab.isCI), "needs root, snmpd and ../shared/mibs"))
struct MIBNamesTests {
    /// `NAME = VALUE` pairs; continuation lines of a wrapped value belong to the line before.
    static func entries(_ text: String) -> [(name: String, value: String)] {
        var result: [(String, String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let range = line.range(of: " = "), line.contains("::") {
                result.append((String(line[..<range.lowerBound]), String(line[range.upperBound...])))
            } else if !line.isEmpty, !result.isEmpty {
                result[result.count - 1].1 += "\n" + line
            }
        }
        return result
    }

    /// Objects whose values move between two walks a moment apart.
    static let volatile = [
        "sysUpTime", "sysUpTimeInstance", "hrSystemUptime", "hrSystemDate", "hrStorageUsed", "hrStorageAllocationFailures", "hrProcessorLoad",
        "snmpEngineTime", "ifInOctets", "ifInUcastPkts", "ifOutOctets", "ifOutUcastPkts", "ifHCInOctets", "ifHCOutOctets",
        "ifHCInUcastPkts", "ifHCOutUcastPkts", "ifInMulticastPkts", "ifHCInMulticastPkts", "ifInBroadcastPkts",
        "ifHCInBroadcastPkts", "ifOutMulticastPkts", "ifHCOutMulticastPkts", "ifOutBroadcastPkts", "ifHCOutBroadcastPkts",
        "ipAddressLastChanged", "usmStatsUnknownEngineIDs", "usmStatsNotInTimeWindows", "snmpEngineBoots",
        "hrSWRunPerfCPU", "hrSWRunPerfMem", "ipAddressCreated",
    ]

    static func isVolatile(_ name: String) -> Bool {
        guard let label = name.split(separator: "::").last?.split(separator: ".").first else { return false }
        return volatile.contains(String(label))
    }

    @Test func walkWithNamesMatchesSnmpbulkwalkWithTheSameMIBs() throws {
        let shared = try #require(Lab.sharedMIBs, "../shared/mibs is missing (CI must have it)")
        try Lab.withSNMPD("nwe2e-names", interfaces: 6) { lab in
            var compared = 0
            for root in ["SNMPv2-MIB::system", "ifTable", "ifXTable", "ipAddressTable", "hrStorageTable", "hrDeviceTable", "hrProcessorTable",
                         "snmpEngine", "usmUserTable", "vacmSecurityToGroupTable", "vacmAccessTable", "vacmViewTreeFamilyTable"] {
                let ours = try lab.exec([Lab.netwarden, "walk", "--names", "-M", shared, "-c", "public", "127.0.0.1", root])
                let theirs = try lab.exec(["snmpbulkwalk", "-v2c", "-c", "public", "-M", shared, "-m", "ALL", "127.0.0.1", root])
                #expect(ours.status == 0, "\(root): \(ours.stderr)")
                #expect(ours.stderr.isEmpty, "\(root): \(ours.stderr)")
                // At the very end of the agent's view snmpbulkwalk also prints the endOfMibView
                // varbind; netwarden does not (a known difference, README).
                let a = Self.entries(ours.stdout)
                let b = Self.entries(theirs.stdout).filter { !$0.value.hasPrefix("No more variables left") }
                #expect(a.count == b.count && !a.isEmpty, "\(root): \(a.count) lines vs snmpbulkwalk's \(b.count)")
                for (x, y) in zip(a, b) {
                    #expect(x.name == y.name, "\(root)")
                    if Self.isVolatile(x.name) {
                        #expect(x.value.prefix(while: { $0 != ":" }) == y.value.prefix(while: { $0 != ":" }), "\(x.name)")
                    } else {
                        #expect(x.value == y.value, "\(x.name)")
                    }
                    compared += 1
                }
            }
            #expect(compared > 300)
        }
    }

    /// A folder with a few real modules: without RFC1213-MIB, which under -m ALL renames the
    /// ifTable columns (as in net-snmp, the last definition of a node wins).
    static func folder(_ modules: [String]) throws -> String {
        let shared = try #require(Lab.sharedMIBs, "../shared/mibs is missing (CI must have it)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nw-mibs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for module in modules { try FileManager.default.copyItem(atPath: "\(shared)/\(module)", toPath: "\(folder)/\(module)") }
        return folder
    }

    @Test func namesAreAcceptedAsOIDsAndJSONCarriesNameAndRenderedValue() throws {
        let shared = try Self.folder(["SNMPv2-SMI", "SNMPv2-TC", "SNMPv2-CONF", "SNMPv2-MIB", "IANAifType-MIB", "IF-MIB", "INET-ADDRESS-MIB", "IP-MIB"])
        defer { try? FileManager.default.removeItem(atPath: shared) }
        try Lab.withSNMPD("nwe2e-names-get", interfaces: 2) { lab in
            // Names in, numeric out: nothing changes in the output without --names.
            let byName = try lab.exec([Lab.netwarden, "get", "-M", shared, "127.0.0.1", "IF-MIB::ifDescr.2", "sysName.0"])
            #expect(byName.stderr.isEmpty, "\(byName.stderr)")
            let byNumber = try lab.exec([Lab.netwarden, "get", "127.0.0.1", "1.3.6.1.2.1.2.2.1.2.2", "1.3.6.1.2.1.1.5.0"])
            #expect(byName.status == 0, "\(byName.stderr)")
            #expect(byName.stdout == byNumber.stdout)
            #expect(byNumber.stdout.hasPrefix(".1.3.6.1.2.1.2.2.1.2.2 = STRING: \"nw0\""))

            let json = try lab.exec([Lab.netwarden, "get", "--names", "--json", "-M", shared, "127.0.0.1", "ifPhysAddress.2", "ifAdminStatus.2"])
            let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
            #expect(objects.count == 2)
            #expect(objects.first?["rendered"] as? String == "STRING: 2:4e:57:0:0:0")
            #expect(objects.first?["hex"] as? String == "024e57000000")
            #expect(objects.last?["name"] as? String == "IF-MIB::ifAdminStatus.2")
            #expect(objects.last?["rendered"] as? String == "INTEGER: up(1)")
            #expect(objects.last?["value"] as? Int == 1)

            // A table by its name, columns by name, the InetAddress index decoded.
            let table = try lab.exec([Lab.netwarden, "table", "--names", "-M", shared, "127.0.0.1", "IP-MIB::ipAddressTable", "--columns", "3,4"])
            #expect(table.status == 0, "\(table.stderr)")
            let lines = table.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "index\tipAddressIfIndex\tipAddressType")
            #expect(lines.contains("ipv4.\"127.0.0.1\"\tINTEGER: 1\tINTEGER: unicast(1)"), "\(lines)")

            let unknown = try lab.exec([Lab.netwarden, "get", "-M", shared, "127.0.0.1", "NOPE-MIB::nothing.0"])
            #expect(unknown.status != 0)
            #expect(unknown.stderr.contains("'NOPE-MIB::nothing.0' is neither a numeric OID nor a known name"), "\(unknown.stderr)")
        }
    }
}
