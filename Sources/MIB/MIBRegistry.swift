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
/// process, loaded once at start. Loading copies the tree, under the lock, into Swift values
/// (``MIBObject``: syntax, enumerations, hints, units, access, INDEX); names, index decoding
/// and value rendering then run on that copy without libsnmp. Only name-to-OID parsing goes
/// back to libsnmp, holding the lock. Netwarden polls and decodes without any of it: MIBs only
/// add names.
public final class MIBRegistry: Sendable {
    private static let lock = Mutex<Bool>(false)  // true once loaded
    nonisolated(unsafe) private static var collected: [String] = []  // guarded by `lock`

    public let warnings: [MIBWarning]
    public let directories: [String]
    let tree: MIBTree

    private init(directories: [String], warnings: [MIBWarning], tree: MIBTree) {
        self.directories = directories
        self.warnings = warnings
        self.tree = tree
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
            return MIBRegistry(directories: directories, warnings: warnings, tree: MIBTree.snapshot())
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

    /// `MODULE::name.index` for an OID, as `snmptranslate` and `snmpwalk` print it, the
    /// index decoded into its parts (`IP-MIB::ipAddressIfIndex.ipv4."127.0.0.1"`); numeric
    /// when no module knows it.
    public func name(for oid: OID) -> String {
        tree.instance(oid.arcs).name
    }

    /// The deepest object on `oid`'s path, the instance arcs after it, and their INDEX parts.
    public func instance(of oid: OID) -> MIBInstance {
        tree.instance(oid.arcs)
    }

    /// The node at exactly `oid`, with its syntax, enumerations, hints, units and INDEX.
    public func object(at oid: OID) -> MIBObject? {
        tree.node(at: oid.arcs)?.object
    }

    /// The node named `IF-MIB::ifDescr` or `ifDescr` (or a numeric OID).
    public func object(named name: String) -> MIBObject? {
        (try? oid(for: name)).flatMap { object(at: $0) }
    }

    /// The INDEX a row's instances carry: its own, or that of the row it AUGMENTS.
    public func indexItems(of entry: MIBObject) -> [MIBIndexItem] {
        tree.indexItems(of: entry) ?? []
    }

    /// The object an INDEX item or AUGMENTS clause names, as net-snmp resolves the descriptor.
    public func indexObject(named name: String) -> MIBObject? {
        tree.byLabel[name]
    }

    /// A value as snmpwalk prints it with MIBs: `INTEGER: up(1)`, `STRING: 2:4e:57:0:0:1`,
    /// `STRING: 2026-11-22,4:13:5.0,+0:0`, `INTEGER: 4096 Bytes`.
    /// `numericEnums` prints enumerations as numbers, as net-snmp's `-Oe` does.
    public func render(_ value: SNMPValue, for oid: OID, numericEnums: Bool = false) -> String {
        tree.render(value, at: tree.deepest(oid.arcs)?.node, numericEnums: numericEnums)
    }

    /// `NAME = VALUE`, as snmpwalk prints a varbind with MIBs.
    public func line(_ varBind: VarBind, numericEnums: Bool = false) -> String {
        let instance = tree.instance(varBind.oid.arcs)
        return instance.name + " = " + render(varBind.value, for: varBind.oid, numericEnums: numericEnums)
    }

    /// libsnmp's own `snprint_objid`: the reference `name(for:)` is tested against.
    func libsnmpName(for oid: OID) -> String {
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

extension MIBRegistry {
    /// libsnmp's own `snprint_variable` (`NAME = VALUE`): the reference `line(_:)` is tested against.
    func libsnmpLine(_ varBind: VarBind) -> String {
        let arcs = varBind.oid.arcs.map { CNetSNMP.oid($0) }
        let (type, bytes) = Self.libsnmpEncoding(varBind.value)
        return Self.lock.withLock { _ -> String in
            var list: UnsafeMutablePointer<netsnmp_variable_list>?
            let added = bytes.withUnsafeBytes { raw in
                snmp_varlist_add_variable(&list, arcs, arcs.count, type, raw.isEmpty ? nil : raw.baseAddress, raw.count)
            }
            defer { snmp_free_varbind(list) }
            guard added != nil else { return "" }
            var buffer = [CChar](repeating: 0, count: 1 << 16)
            let written = snprint_variable(&buffer, buffer.count, arcs, arcs.count, list)
            guard written > 0 else { return "" }
            return String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// The BER type and the C value libsnmp's `snmp_set_var_value` takes for each value.
    private static func libsnmpEncoding(_ value: SNMPValue) -> (UInt8, [UInt8]) {
        func long<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: Int(v)) { Array($0) } }
        switch value {
        case .integer(let v): return (0x02, long(v))
        case .octetString(let s): return (0x04, Array(s.bytes))
        case .null: return (0x05, [])
        case .objectIdentifier(let oid): return (0x06, oid.arcs.flatMap { withUnsafeBytes(of: UInt($0)) { Array($0) } })
        case .ipAddress(let address): return (0x40, address.octets)
        case .counter32(let v): return (0x41, long(v))
        case .gauge32(let v): return (0x42, long(v))
        case .timeTicks(let v): return (0x43, long(v))
        case .opaque(let s): return (0x44, Array(s.bytes))
        case .counter64(let v):
            return (0x46, withUnsafeBytes(of: UInt(v >> 32)) { Array($0) } + withUnsafeBytes(of: UInt(v & 0xFFFF_FFFF)) { Array($0) })
        case .noSuchObject: return (0x80, [])
        case .noSuchInstance: return (0x81, [])
        case .endOfMibView: return (0x82, [])
        }
    }
}
