import ArgumentParser
import MIB
import SNMP
import Synchronization

/// The MIB registry of this process, loaded the first time a command needs it: when an OID is
/// written as a name, or `--names` asks for names and rendered values. Numeric use loads none.
enum CommandMIBs {
    private static let loaded = Mutex<MIBRegistry?>(nil)

    static func registry(_ folders: [String]) throws -> MIBRegistry {
        try loaded.withLock { registry in
            if let registry { return registry }
            let fresh = try MIBRegistry.load(directories: MIBSearchPath.resolve(folders))
            for warning in fresh.warnings { printError("MIB warning: \(warning)") }
            registry = fresh
            return fresh
        }
    }
}

extension SNMPOptions {
    /// A numeric OID, or a name (`IF-MIB::ifDescr.1`, `ifDescr.1`) through the MIBs.
    func oid(_ text: String) throws -> OID {
        if let numeric = try? OID(parsing: text) { return numeric }
        do {
            return try CommandMIBs.registry(mibDirectories).oid(for: text)
        } catch let error as MIBError {
            throw ValidationError("'\(text)' is neither a numeric OID nor a known name (\(error))")
        }
    }

    /// The registry when `--names` is given.
    func namesRegistry() throws -> MIBRegistry? {
        names ? try CommandMIBs.registry(mibDirectories) : nil
    }
}
