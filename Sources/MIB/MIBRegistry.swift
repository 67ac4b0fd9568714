public import SNMPCodec
import CNetSNMP
import Glibc
import Synchronization

/// A problem met while loading MIB files: the rest still loads.
public struct MIBWarning: Sendable, Hashable, CustomStringConvertible {
    /// net-snmp's message, which names the file and line, or the module it could not find.
    public let message: String
    public var description: String { message }
}

public struct MIBError: Error, Sendable, Hashable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}

/// Names for OIDs, from MIB modules parsed by net-snmp's own parser (libsnmp).
///
/// libsnmp keeps one MIB tree per process and is not thread-safe, so there is one registry per
/// process, loaded once at start, and every lookup holds a lock. Netwarden polls and decodes
/// without it: it only adds names.
public final class MIBRegistry: Sendable {
    private static let lock = Mutex<Bool>(false)  // true once loaded
    nonisolated(unsafe) private static var collected: [String] = []  // guarded by `lock`

    public let warnings: [MIBWarning]
    public let directories: [String]

    private init(directories: [String], warnings: [MIBWarning]) {
        self.directories = directories
        self.warnings = warnings
    }

    /// Loads every module in `directories` (or only `modules`). Call once per process.
    /// - Throws: ``MIBError`` when MIBs were already loaded in this process.
    public static func load(directories: [String], modules: [String]? = nil) throws -> MIBRegistry {
        try lock.withLock { loaded -> MIBRegistry in
            guard !loaded else { throw MIBError(reason: "MIB modules are loaded once per process") }
            loaded = true
            // No config files, no default MIB list, no persistent state in /var/lib/snmp.
            setenv("MIBS", "", 1)
            setenv("SNMP_PERSISTENT_DIR", "/tmp/netwarden-snmp-\(getuid())", 1)
            netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1)
            netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_SAVE_MIB_DESCRS, 0)
            netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_MIB_ERRORS, 1)
            netsnmp_ds_set_int(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_MIB_WARNINGS, 0)  // errors only, as snmptranslate
            netsnmp_ds_set_int(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_OID_OUTPUT_FORMAT, NETSNMP_OID_OUTPUT_MODULE)
            // Send libsnmp's log to us instead of standard error.
            snmp_enable_calllog()
            snmp_register_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_LOGGING, { _, _, serverArgument, _ in
                if let message = serverArgument?.assumingMemoryBound(to: snmp_log_message.self).pointee.msg {
                    MIBRegistry.collected.append(String(cString: message).trimmingTrailingNewlines)
                }
                return 0
            }, nil)
            netsnmp_set_mib_directory(directories.joined(separator: ":"))
            init_mib()
            if let modules {
                for module in modules { _ = read_module(module) }
            } else {
                read_all_mibs()
            }
            let warnings = collected.map { MIBWarning(message: $0) }
            collected.removeAll()
            return MIBRegistry(directories: directories, warnings: warnings)
        }
    }

    /// `IF-MIB::ifHCInOctets.3`, `ifHCInOctets.3` or `.1.3.6.1.2.1.31.1.1.1.6.3` to an OID.
    public func oid(for name: String) throws -> OID {
        if let numeric = try? OID(parsing: name) { return numeric }
        return try Self.lock.withLock { _ -> OID in
            var buffer = [CNetSNMP.oid](repeating: 0, count: Int(MAX_OID_LEN))
            var length = buffer.count
            guard snmp_parse_oid(name, &buffer, &length) != nil else {
                Self.collected.removeAll()
                throw MIBError(reason: "unknown object name '\(name)'")
            }
            Self.collected.removeAll()
            return try OID(buffer.prefix(length).map { UInt32(truncatingIfNeeded: $0) })
        }
    }

    /// `MODULE::name.index` for an OID, as `snmptranslate` prints it; numeric when no module
    /// knows it.
    public func name(for oid: OID) -> String {
        let arcs = oid.arcs.map { CNetSNMP.oid($0) }
        return Self.lock.withLock { _ -> String in
            var buffer = [CChar](repeating: 0, count: 4096)
            let written = snprint_objid(&buffer, buffer.count, arcs, arcs.count)
            guard written > 0 else { return "." + oid.description }
            return String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var result = self
        while result.last == "\n" || result.last == "\r" { result.removeLast() }
        return result
    }
}
