/// Renders varbinds the way net-snmp's tools print them with numeric OIDs and no MIB
/// (`snmpwalk -On -Oe`), so output diffs cleanly against theirs.
///
/// Writes ASCII into a byte buffer: printing a walk of 80,000 varbinds must cost less than
/// fetching it.
public enum NetSNMPFormat {
    /// Octets per line of a Hex-STRING (net-snmp's default hex output length).
    static let hexLineLength = 16

    /// Appends `.OID = TYPE: value` and a newline.
    public static func appendLine(_ varBind: VarBind, to out: inout [UInt8]) {
        varBind.oid.appendDotted(to: &out, leadingDot: true)
        out.append(contentsOf: " = ".utf8)
        appendValue(varBind.value, to: &out)
        out.append(UInt8(ascii: "\n"))
    }

    public static func line(_ varBind: VarBind) -> String {
        var out: [UInt8] = []
        appendLine(varBind, to: &out)
        out.removeLast()
        return String(decoding: out, as: UTF8.self)
    }

    public static func value(_ value: SNMPValue) -> String {
        var out: [UInt8] = []
        appendValue(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func appendValue(_ value: SNMPValue, to out: inout [UInt8]) {
        switch value {
        case .integer(let v):
            out.append(contentsOf: "INTEGER: ".utf8)
            if v < 0 { out.append(UInt8(ascii: "-")) }
            appendDecimal(UInt64(v.magnitude), to: &out)
        case .octetString(let s):
            appendOctetString(s.bytes, to: &out)
        case .null:
            out.append(contentsOf: "NULL".utf8)
        case .objectIdentifier(let oid):
            out.append(contentsOf: "OID: ".utf8)
            oid.appendDotted(to: &out, leadingDot: true)
        case .ipAddress(let address):
            out.append(contentsOf: "IpAddress: ".utf8)
            out.append(contentsOf: address.description.utf8)
        case .counter32(let v):
            out.append(contentsOf: "Counter32: ".utf8)
            appendDecimal(UInt64(v), to: &out)
        case .gauge32(let v):
            out.append(contentsOf: "Gauge32: ".utf8)
            appendDecimal(UInt64(v), to: &out)
        case .timeTicks(let v):
            out.append(contentsOf: "Timeticks: (".utf8)
            appendDecimal(UInt64(v), to: &out)
            out.append(contentsOf: ") ".utf8)
            out.append(contentsOf: uptime(v).utf8)
        case .opaque(let s):
            if let number = opaqueFloat(s.bytes) {
                // net-snmp's special Opaque types (draft-perkins-opaque): printed with C's %f.
                out.append(contentsOf: "Opaque: Float: ".utf8)
                out.append(contentsOf: formatFixed6(number).utf8)
            } else {
                out.append(contentsOf: "OPAQUE: ".utf8)
                appendHex(s.bytes, to: &out)
            }
        case .counter64(let v):
            out.append(contentsOf: "Counter64: ".utf8)
            appendDecimal(v, to: &out)
        case .noSuchObject:
            out.append(contentsOf: "No Such Object available on this agent at this OID".utf8)
        case .noSuchInstance:
            out.append(contentsOf: "No Such Instance currently exists at this OID".utf8)
        case .endOfMibView:
            out.append(contentsOf: "No more variables left in this MIB View (It is past the end of the MIB tree)".utf8)
        }
    }

    /// The float or double inside an Opaque that wraps net-snmp's ASN_OPAQUE_FLOAT (0x9F78) or
    /// ASN_OPAQUE_DOUBLE (0x9F79); nil for any other Opaque.
    public static func opaqueFloat(_ bytes: ArraySlice<UInt8>) -> Double? {
        let b = Array(bytes)
        guard b.count >= 3, b[0] == 0x9F else { return nil }
        if b[1] == 0x78, b[2] == 4, b.count == 7 {
            let bits = UInt32(b[3]) << 24 | UInt32(b[4]) << 16 | UInt32(b[5]) << 8 | UInt32(b[6])
            return Double(Float(bitPattern: bits))
        }
        if b[1] == 0x79, b[2] == 8, b.count == 11 {
            var bits: UInt64 = 0
            for byte in b[3..<11] { bits = bits << 8 | UInt64(byte) }
            return Double(bitPattern: bits)
        }
        return nil
    }

    /// C's `%f`: six decimals, rounded half to even as glibc does for exact binary values.
    public static func formatFixed6(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        let negative = value < 0 || (value == 0 && value.sign == .minus)
        let scaled = (abs(value) * 1_000_000).rounded(.toNearestOrEven)
        guard scaled < 9.0e18 else { return String(value) }
        let units = UInt64(scaled)
        let fraction = String(units % 1_000_000)
        return (negative ? "-" : "") + "\(units / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }

    /// `H:MM:SS.cc`, or `D day(s), H:MM:SS.cc`.
    public static func uptime(_ ticks: UInt32) -> String {
        let centiseconds = ticks % 100
        var seconds = ticks / 100
        let days = seconds / 86_400
        seconds %= 86_400
        let hours = seconds / 3600, minutes = seconds % 3600 / 60, secs = seconds % 60
        func two(_ v: UInt32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let clock = "\(hours):\(two(minutes)):\(two(secs)).\(two(centiseconds))"
        switch days {
        case 0: return clock
        case 1: return "1 day, \(clock)"
        default: return "\(days) days, \(clock)"
        }
    }

    /// C's `isprint(c) || isspace(c)` in the C locale: what net-snmp prints as text.
    @inline(__always)
    public static func isTextual(_ byte: UInt8) -> Bool {
        (byte >= 0x20 && byte < 0x7F) || (byte >= 0x09 && byte <= 0x0D)
    }

    public static func appendOctetString(_ bytes: ArraySlice<UInt8>, to out: inout [UInt8]) {
        if bytes.isEmpty {
            out.append(contentsOf: "\"\"".utf8)
            return
        }
        guard bytes.allSatisfy(isTextual) else {
            out.append(contentsOf: "Hex-STRING: ".utf8)
            appendHex(bytes, to: &out)
            return
        }
        out.append(contentsOf: "STRING: \"".utf8)
        for byte in bytes {
            if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") { out.append(UInt8(ascii: "\\")) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `XX XX ` per octet, a newline after every 16 octets but the last line.
    public static func appendHex(_ bytes: ArraySlice<UInt8>, to out: inout [UInt8]) {
        var inLine = 0
        for (offset, byte) in bytes.enumerated() {
            if inLine == hexLineLength && offset < bytes.count {
                out.append(UInt8(ascii: "\n"))
                inLine = 0
            }
            appendHexByte(byte, to: &out)
            out.append(UInt8(ascii: " "))
            inLine += 1
        }
    }
}
