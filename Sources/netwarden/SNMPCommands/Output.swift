import Foundation
import MIB
import SNMP

/// Buffered standard output: a walk prints tens of thousands of lines.
struct OutputBuffer {
    private var bytes: [UInt8] = []
    private let threshold = 1 << 16
    /// With `--names`: lines as snmpwalk prints them with MIBs.
    var registry: MIBRegistry?
    /// `-Oe` with `--names`: enumerations as numbers.
    var numericEnums = false

    init() { bytes.reserveCapacity(threshold + 4096) }

    mutating func append(_ varBind: VarBind) {
        if let registry {
            bytes.append(contentsOf: registry.line(varBind, numericEnums: numericEnums).utf8)
            bytes.append(UInt8(ascii: "\n"))
        } else {
            NetSNMPFormat.appendLine(varBind, to: &bytes)
        }
        if bytes.count >= threshold { flush() }
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        if bytes.count >= threshold { flush() }
    }

    mutating func flush() {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { break }
                offset += written
            }
        }
        bytes.removeAll(keepingCapacity: true)
    }
}

/// JSON for machines: one object per varbind with its SMI type name; with `--names` also its
/// MIB name, its INDEX parts and the value as rendered with the MIBs.
enum VarBindJSON {
    static func object(_ varBind: VarBind, registry: MIBRegistry? = nil) -> [String: Any] {
        var object: [String: Any] = ["oid": varBind.oid.description, "type": varBind.value.typeName]
        if let registry {
            let instance = registry.instance(of: varBind.oid)
            object["name"] = instance.name
            object["rendered"] = registry.render(varBind.value, for: varBind.oid)
            if !instance.index.isEmpty {
                object["index"] = instance.index.map { ["object": $0.object, "value": $0.text] }
            }
        }
        switch varBind.value {
        case .integer(let v): object["value"] = Int(v)
        case .octetString(let s), .opaque(let s):
            if let text = s.utf8String { object["value"] = text }
            object["hex"] = s.bytes.map { String(format: "%02x", $0) }.joined()
        case .null, .noSuchObject, .noSuchInstance, .endOfMibView: object["value"] = NSNull()
        case .objectIdentifier(let oid): object["value"] = oid.description
        case .ipAddress(let address): object["value"] = address.description
        case .counter32(let v), .gauge32(let v), .timeTicks(let v): object["value"] = Int(v)
        case .counter64(let v): object["value"] = v
        }
        return object
    }

    static func encode(_ value: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("null".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// Prints an error as one line on standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("netwarden: \(message)\n".utf8))
}
