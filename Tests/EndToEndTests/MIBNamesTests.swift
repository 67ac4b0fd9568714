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

            // -Oe: enumerations as numbers, as snmpget -Oe prints them.
            let numericEnums = try lab.exec([Lab.netwarden, "get", "--names", "-Oe", "-M", shared, "127.0.0.1", "ifAdminStatus.2", "ifType.2"])
            let theirEnums = try lab.exec(["snmpget", "-v2c", "-c", "public", "-Oe", "-M", shared, "-m", "ALL", "127.0.0.1", "ifAdminStatus.2", "ifType.2"])
            #expect(numericEnums.stdout == theirEnums.stdout)
            #expect(numericEnums.stdout == "IF-MIB::ifAdminStatus.2 = INTEGER: 1\nIF-MIB::ifType.2 = INTEGER: 6\n")

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

/// `--names` on recordings of real devices (snmpsim-data, served by `netwarden simulate`)
/// with all 175 real modules loaded: vendor MIBs, ENTITY-MIB, LLDP and their hints, line for
/// line as snmpbulkwalk prints them.
@Suite(.enabled(if: Lab.snmpsimAvailable && (Lab.sharedMIBs != nil || Lab.isCI), "needs snmpsim-data and ../shared/mibs"))
struct MIBNamesOnRecordingsTests {
    static let recordings = ["cisco-c3560", "cisco-controller", "aruba-7010", "apc-7902b", "arista-dcs-7150s-52-cl"]

    /// Decompressed copies of the chosen recordings in a folder of their own.
    static func prepare(_ folder: String) throws -> [String] {
        let venv = ProcessInfo.processInfo.environment["NETWARDEN_LAB_VENV"] ?? "/opt/netwarden-lab/simvenv"
        let lib = try FileManager.default.contentsOfDirectory(atPath: venv + "/lib").first { $0.hasPrefix("python3") }
        let data = "\(venv)/lib/\(try #require(lib))/site-packages/snmpsim_data/data"
        let all = FileManager.default.enumerator(atPath: data)?.compactMap { $0 as? String } ?? []
        var chosen: [String] = []
        for name in recordings {
            guard let path = all.first(where: { ($0 as NSString).lastPathComponent.hasPrefix(name + ".snmprec") }) else { continue }
            let target = "\(folder)/\(name).snmprec"
            if path.hasSuffix(".bz2") {
                let out = try Lab.run(["bzcat", "\(data)/\(path)"])
                try out.stdout.write(toFile: target, atomically: true, encoding: .utf8)
            } else {
                try FileManager.default.copyItem(atPath: "\(data)/\(path)", toPath: target)
            }
            chosen.append(name)
        }
        return chosen
    }

    @Test func walksOfRecordedDevicesMatchSnmpbulkwalkWithEveryModule() throws {
        let shared = try #require(Lab.sharedMIBs, "../shared/mibs is missing (CI must have it)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nw-recordings-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let chosen = try Self.prepare(folder)
        #expect(chosen.count >= 4, "snmpsim-data lacks the test's recordings: \(chosen)")

        let simulate = Process()
        simulate.executableURL = URL(fileURLWithPath: Lab.netwarden)
        simulate.arguments = ["simulate", "--recordings", folder, "--listen", "127.0.0.1:21291"]
        simulate.standardError = FileHandle.nullDevice
        try simulate.run()
        defer { Lab.stop(simulate) }
        Thread.sleep(forTimeInterval: 2)

        var compared = 0
        for recording in chosen {
            // Variables recorded with a variation module change with the simulator's clock.
            let lines = (try? String(contentsOfFile: "\(folder)/\(recording).snmprec", encoding: .utf8)) ?? ""
            let varying = Set(lines.split(separator: "\n").compactMap { line -> String? in
                let fields = line.split(separator: "|", maxSplits: 2)
                return fields.count >= 2 && fields[1].contains(":") ? "." + fields[0] : nil
            } + [".1.3.6.1.2.1.1.3.0"])
            let numeric = try Lab.run([Lab.netwarden, "walk", "-c", recording, "-Cr25", "-t", "10", "127.0.0.1:21291", "1.3.6.1"], timeout: 300)
            let ours = try Lab.run([Lab.netwarden, "walk", "--names", "-M", shared, "-c", recording, "-Cr25", "-t", "10",
                                    "127.0.0.1:21291", "1.3.6.1"], timeout: 300)
            let theirs = try Lab.run(["snmpbulkwalk", "-v2c", "-c", recording, "-Cr25", "-t", "10", "-M", shared, "-m", "ALL",
                                      "127.0.0.1:21291", "1.3.6.1"], timeout: 300)
            #expect(ours.status == 0, "\(recording): \(ours.stderr)")
            let oids = NetSNMPAgentTests.entries(numeric.stdout).map(\.oid)
            let a = MIBNamesTests.entries(ours.stdout)
            let b = MIBNamesTests.entries(theirs.stdout).filter { !$0.value.hasPrefix("No more variables left") }
            #expect(a.count == b.count && a.count == oids.count && a.count > 20, "\(recording): \(a.count) vs \(b.count) vs \(oids.count)")
            for (i, (x, y)) in zip(a, b).enumerated() {
                #expect(x.name == y.name, "\(recording)")
                if x.name != y.name { break }
                if i < oids.count, varying.contains(oids[i]) {
                    #expect(x.value.prefix(while: { $0 != ":" }) == y.value.prefix(while: { $0 != ":" }), "\(recording) \(x.name)")
                } else {
                    #expect(x.value == y.value, "\(recording) \(x.name)")
                }
                compared += 1
            }
        }
        #expect(compared > 5_000)
    }
}
