import Foundation
import Testing
@testable import MIB
import SNMPCodec

/// The real-world MIB folder in ../shared/mibs (175 standard and vendor modules, never copied
/// into the project), loaded through libsnmp and checked against net-snmp's snmptranslate.
/// A user's clone has no ../shared: the test then does not run; CI always has it.
enum SharedMIBs {
    /// `$NETWARDEN_SHARED_MIBS`, else ../shared/mibs beside the clone.
    static let path: String? = {
        if let given = ProcessInfo.processInfo.environment["NETWARDEN_SHARED_MIBS"] { return given }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        let path = url.appendingPathComponent("shared/mibs").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    /// libsnmp holds one MIB tree per process: every test in this target shares one registry.
    static let registry: Result<MIBRegistry, any Error>? = path.map { path in Result { try MIBRegistry.load(directories: [path]) } }

    static func load() throws -> (MIBRegistry, String) {
        let directory = try #require(path, "../shared/mibs is missing (CI must have it)")
        return (try #require(registry).get(), directory)
    }
}

@Suite(.enabled(if: SharedMIBs.path != nil || ProcessInfo.processInfo.environment["CI"] == "true"))
struct MIBRegistryTests {

    static func snmptranslate(_ arguments: [String]) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/snmptranslate")
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func everySharedModuleLoadsAndTranslatesLikeSnmptranslate() throws {
        let (registry, directory) = try SharedMIBs.load()
        #expect(registry.warnings.isEmpty, "\(registry.warnings.prefix(10))")

        // About 300 objects spread over the whole tree, with an instance index appended; one
        // snmptranslate each (it stops at the first object it cannot translate).
        let all = try Self.snmptranslate(["-M", directory, "-m", "ALL", "-To"]).filter { $0.hasPrefix(".1.") }
        #expect(all.count > 10_000)
        let sample = stride(from: 0, to: all.count, by: max(1, all.count / 300)).map { all[$0] + ".7" }
        var checked = 0
        for numeric in sample {
            guard let name = try Self.snmptranslate(["-M", directory, "-m", "ALL", numeric]).first else { continue }
            let oid = try OID(parsing: numeric)
            #expect(registry.name(for: oid) == name, "\(numeric)")
            // Names back to OIDs: as snmptranslate resolves the same name (a label defined
            // twice in one module, or a numeric label, does not round-trip in net-snmp either).
            let ours = try? registry.oid(for: name)
            if ours != oid {
                let theirs = try Self.snmptranslate(["-M", directory, "-m", "ALL", "-On", name]).first
                #expect(ours.map { "." + $0.description } == theirs, "\(name)")
            }
            checked += 1
        }
        #expect(checked >= 250)
        // Short names resolve too, as in snmptranslate (-IR is the default for a bare label).
        #expect(try registry.oid(for: "ifHCInOctets.3") == OID("1.3.6.1.2.1.31.1.1.1.6.3"))
        #expect(throws: MIBError.self) { try registry.oid(for: "NO-SUCH-MIB::nothing") }
    }
}
