import ArgumentParser
import Foundation
import MIB
import SNMP

struct MIBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mib", abstract: "MIB modules: names and OIDs.", subcommands: [TranslateCommand.self])

    struct TranslateCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "translate",
            abstract: "Translate MIB names to OIDs and OIDs to names (like snmptranslate).")

        @Option(name: .customShort("M"), help: "MIB folder; repeat for many. Default: $NETWARDEN_MIB_DIRS, then the project's mibs/.")
        var mibDirectories: [String] = []

        @Argument(help: "Names (IF-MIB::ifHCInOctets.3, ifDescr) or numeric OIDs (.1.3.6.1.2.1.2.2.1.2.1).")
        var objects: [String]

        func run() throws {
            let registry = try MIBRegistry.load(directories: MIBDirectories.resolve(mibDirectories))
            for warning in registry.warnings { printError("MIB warning: \(warning)") }
            var failed = false
            for object in objects {
                if let numeric = try? OID(parsing: object) {
                    print(registry.name(for: numeric))
                } else {
                    do {
                        print("." + (try registry.oid(for: object)).description)
                    } catch {
                        printError("\(error)")
                        failed = true
                    }
                }
            }
            if failed { throw ExitCode(1) }
        }
    }
}

enum MIBDirectories {
    /// `-M` folders, else `NETWARDEN_MIB_DIRS` (colon-separated), else the project's mibs/.
    static func resolve(_ given: [String]) -> [String] {
        if !given.isEmpty { return given }
        if let env = ProcessInfo.processInfo.environment["NETWARDEN_MIB_DIRS"], !env.isEmpty {
            return env.split(separator: ":").map(String.init)
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for candidate in ["/usr/share/netwarden/mibs", executable.deletingLastPathComponent().path + "/../share/netwarden/mibs"] {
            if FileManager.default.fileExists(atPath: candidate) { return [candidate] }
        }
        return ["mibs"]
    }
}
