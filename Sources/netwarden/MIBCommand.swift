import ArgumentParser
import MIB
import SNMP

struct MIBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mib", abstract: "MIB modules: names and OIDs.", subcommands: [TranslateCommand.self])

    struct TranslateCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "translate",
            abstract: "Translate MIB names to OIDs and OIDs to names (like snmptranslate).")

        @Option(name: .customShort("M"), help: "MIB folder; repeat for many; +DIR adds to the defaults. Default: $NETWARDEN_MIB_DIRS, else the project's mibs/ and /etc/netwarden/mibs.")
        var mibDirectories: [String] = []

        @Argument(help: "Names (IF-MIB::ifHCInOctets.3, ifDescr) or numeric OIDs (.1.3.6.1.2.1.2.2.1.2.1).")
        var objects: [String]

        func run() throws {
            let registry = try CommandMIBs.registry(mibDirectories)
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
