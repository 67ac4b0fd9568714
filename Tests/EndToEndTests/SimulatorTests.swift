import Foundation
import Testing

/// `netwarden simulate` against snmpsim itself: the same recordings of real devices (PyPI
/// snmpsim-data), served by both, walked by the same client, give the same variables.
@Suite(.enabled(if: Lab.peersAvailable && Lab.snmpsimAvailable, "needs root and snmpsim (`scripts/install-deps.sh --peers`)"))
struct SimulatorTests {
    static let recordings = ["cisco-c3560", "apc-7902b", "aruba-7010", "juniper-mx480", "arista-dcs-7150s-52-cl"]

    @Test func simulateAnswersLikeSnmpsim() throws {
        let script = Lab.packageRoot.appendingPathComponent("scripts/lab/snmpsim-lab").path
        let dir = "/tmp/netwarden-lab/e2e-snmpsim"
        let available = try Lab.run([script, "list"]).stdout.split(separator: "\n").map { String($0.split(separator: "\t")[0]) }
        let chosen = Self.recordings.filter(available.contains)
        #expect(chosen.count >= 4, "snmpsim-data lacks the test's recordings: \(chosen)")
        let up = try Lab.run([script, "up", "21190", dir] + chosen, timeout: 300)
        #expect(up.status == 0, "\(up.stderr)")
        defer { _ = try? Lab.run([script, "down", "21190"]) }

        let simulate = Process()
        simulate.executableURL = URL(fileURLWithPath: Lab.netwarden)
        simulate.arguments = ["simulate", "--recordings", dir + "/data", "--listen", "127.0.0.1:21191"]
        simulate.standardError = FileHandle.nullDevice
        try simulate.run()
        defer { Lab.stop(simulate) }
        Thread.sleep(forTimeInterval: 2)

        for recording in chosen {
            // Variables recorded with a variation module (`2:numeric|…`) change with each
            // simulator's own clock; compare their presence, not their value.
            let lines = (try? String(contentsOfFile: "\(dir)/data/\(recording).snmprec", encoding: .utf8)) ?? ""
            let varying = Set(lines.split(separator: "\n").compactMap { line -> String? in
                let fields = line.split(separator: "|", maxSplits: 2)
                return fields.count >= 2 && fields[1].contains(":") ? "." + fields[0] : nil
            } + [".1.3.6.1.2.1.1.3.0"])
            // The same client (netwarden walk) on both simulators.
            let theirs = try Lab.run([Lab.netwarden, "walk", "-c", recording, "-Cr25", "-t", "10", "127.0.0.1:21190", "1.3.6.1"], timeout: 300)
            let ours = try Lab.run([Lab.netwarden, "walk", "-c", recording, "-Cr25", "-t", "10", "127.0.0.1:21191", "1.3.6.1"], timeout: 300)
            #expect(theirs.status == 0 && ours.status == 0, "\(recording): \(theirs.stderr) \(ours.stderr)")
            let a = NetSNMPAgentTests.entries(theirs.stdout), b = NetSNMPAgentTests.entries(ours.stdout)
            #expect(a.count == b.count && a.count > 20, "\(recording): snmpsim \(a.count) variables, simulate \(b.count)")
            for (x, y) in zip(a, b) {
                #expect(x.oid == y.oid, "\(recording)")
                if x.oid != y.oid { break }
                // Uptime and variations run from each simulator's own start; the rest is the recording.
                if !varying.contains(x.oid) { #expect(x.value == y.value, "\(recording) \(x.oid)") }
            }
        }
    }
}

extension Lab {
    /// snmpsim comes from the venv that `scripts/install-deps.sh --peers` builds.
    static var snmpsimAvailable: Bool {
        isCI || FileManager.default.isExecutableFile(atPath: "/opt/netwarden-lab/simvenv/bin/snmpsim-command-responder")
    }
}

/// `netwarden mib translate` with a folder that holds one broken module.
@Suite(.enabled(if: Lab.sharedMIBs != nil || Lab.isCI))
struct MIBCommandTests {
    @Test func aBrokenModuleIsAWarningNamingItsFileAndTheRestLoads() throws {
        let shared = try #require(Lab.sharedMIBs, "../shared/mibs is missing (CI must have it)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nw-mibs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for module in ["SNMPv2-SMI", "SNMPv2-TC", "SNMPv2-CONF", "SNMPv2-MIB", "IF-MIB", "IANAifType-MIB"] {
            try FileManager.default.copyItem(atPath: "\(shared)/\(module)", toPath: "\(folder)/\(module)")
        }
        try "BROKEN-MIB DEFINITIONS ::= BEGIN\nIMPORTS foo FROM NOWHERE-MIB;\nbar OBJECT IDENTIFIER ::= { baz 1\nEND\n"
            .write(toFile: "\(folder)/BROKEN-MIB", atomically: true, encoding: .utf8)
        let result = try Lab.run([Lab.netwarden, "mib", "translate", "-M", folder, "IF-MIB::ifHCInOctets.3", ".1.3.6.1.2.1.1.5.0"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == ".1.3.6.1.2.1.31.1.1.1.6.3\nSNMPv2-MIB::sysName.0\n")
        #expect(result.stderr.contains("Cannot find module (NOWHERE-MIB): At line 2 in \(folder)/BROKEN-MIB"), "\(result.stderr)")
        let unknown = try Lab.run([Lab.netwarden, "mib", "translate", "-M", folder, "NOPE::x"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("unknown object name 'NOPE::x'"))
    }
}

extension Lab {
    /// `$NETWARDEN_SHARED_MIBS`, else ../shared/mibs beside the clone.
    static var sharedMIBs: String? {
        if let given = ProcessInfo.processInfo.environment["NETWARDEN_SHARED_MIBS"] { return given }
        let path = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/mibs").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}

/// The project's own mibs/: they load with no warning, and every object they define has the
/// name and OID the real standard modules give it.
struct ProjectMIBTests {
    @Test func projectModulesLoadCleanlyAndAgreeWithTheStandards() throws {
        let folder = Lab.packageRoot.appendingPathComponent("mibs").path
        let objects = try Lab.run(["snmptranslate", "-M", folder, "-m", "ALL", "-To"]).stdout
            .split(separator: "\n").map(String.init).filter { $0.hasPrefix(".1.3.6.1.") }
        #expect(objects.count > 60)
        let ours = try Lab.run([Lab.netwarden, "mib", "translate", "-M", folder] + objects)
        #expect(ours.status == 0)
        #expect(ours.stderr.isEmpty, "warnings: \(ours.stderr)")
        let names = ours.stdout.split(separator: "\n").map(String.init)
        #expect(names.count == objects.count)
        #expect(names.allSatisfy { $0.contains("::") }, "unnamed: \(names.filter { !$0.contains("::") })")
        guard let shared = Lab.sharedMIBs else { return }  // the real modules, when present (CI has them)
        let modules = Self.modules.joined(separator: ":")
        let real = try Lab.run(["snmptranslate", "-M", shared, "-m", modules] + objects).stdout.split(separator: "\n").map(String.init)
        #expect(real.count == objects.count)
        for (mine, theirs) in zip(names, real) {
            // zeroDotZero aside, the standard modules name every object the same way;
            // NETWARDEN-MIB is Netwarden's alone.
            if theirs.hasPrefix("SNMPv2-SMI::zeroDotZero") || mine.hasPrefix("NETWARDEN-MIB::") { continue }
            #expect(mine == theirs)
        }
        // And give each object the same SYNTAX (enumerations and ranges included), DISPLAY-HINT,
        // UNITS, MAX-ACCESS, INDEX and AUGMENTS.
        let ourFacts = Self.facts(try Lab.run(["snmptranslate", "-M", folder, "-m", "ALL", "-Td"] + objects).stdout)
        let realFacts = Self.facts(try Lab.run(["snmptranslate", "-M", shared, "-m", modules, "-Td"] + objects).stdout)
        #expect(ourFacts.count == objects.count)
        for (name, facts) in ourFacts where facts != realFacts[name] {
            if name.hasPrefix("SNMPv2-SMI::zeroDotZero") || name.hasPrefix("NETWARDEN-MIB::") { continue }
            Issue.record("\(name): ours \(facts), the standard's \(realFacts[name] ?? [])")
        }
    }

    /// The modules mibs/ renders, as the real ones are named.
    static let modules = [
        "SNMPv2-SMI", "SNMPv2-TC", "SNMPv2-CONF", "SNMPv2-MIB", "IANAifType-MIB", "IF-MIB", "SNMP-FRAMEWORK-MIB",
        "INET-ADDRESS-MIB", "ENTITY-MIB", "HOST-RESOURCES-MIB", "HOST-RESOURCES-TYPES", "LLDP-MIB", "CISCO-SMI",
        "CISCO-CONFIG-MAN-MIB", "NET-SNMP-MIB",
    ]

    /// `snmptranslate -Td` blocks by object name: the clause lines that are facts of the
    /// standard (descriptions, which are ours, left out).
    static func facts(_ text: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        var current: String?
        for line in text.split(separator: "\n") {
            if line.contains("::"), !line.contains(" "), !line.hasPrefix("::=") {
                current = String(line)
                result[String(line)] = []
            } else if let current, ["  SYNTAX\t", "  DISPLAY-HINT\t", "  UNITS\t", "  MAX-ACCESS\t", "  INDEX\t", "  AUGMENTS\t"].contains(where: line.hasPrefix) {
                result[current]?.append(line.trimmingCharacters(in: .whitespaces))
            }
        }
        return result
    }
}

/// The vendor health probes of config/identification.yaml: each probe's object is the one its
/// comment names, by the vendors' own MIB modules (../shared/mibs).
@Suite(.enabled(if: Lab.sharedMIBs != nil || Lab.isCI))
struct HealthProbeMIBTests {
    @Test func everyProbeReadsTheObjectItsCommentNames() throws {
        let shared = try #require(Lab.sharedMIBs, "../shared/mibs is missing (CI must have it)")
        let text = try String(contentsOf: Lab.packageRoot.appendingPathComponent("config/identification.yaml"), encoding: .utf8)
        let probes: [(oid: String, comment: String)] = text.split(separator: "\n").compactMap { line in
            guard line.contains("metric:"), let hash = line.firstIndex(of: "#"),
                  let match = line.firstMatch(of: /(?:get|sum|count|each): ([0-9.]+)/) else { return nil }
            return (String(match.1), String(line[hash...]))
        }
        #expect(probes.count >= 25)
        let result = try Lab.run([Lab.netwarden, "mib", "translate", "-M", shared] + probes.map { "." + $0.oid })
        #expect(result.status == 0, "\(result.stderr)")
        let names = result.stdout.split(separator: "\n").map(String.init)
        #expect(names.count == probes.count)
        for (probe, name) in zip(probes, names) {
            // MODULE::object.index: the object must be named in the comment.
            let object = name.split(separator: "::").last.map { String($0.prefix { $0 != "." }) } ?? name
            #expect(probe.comment.contains(object), "\(probe.oid) is \(name), the comment says \(probe.comment)")
        }
    }
}
