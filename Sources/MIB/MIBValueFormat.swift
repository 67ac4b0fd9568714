import SNMPCodec

/// Values rendered as net-snmp renders them with MIBs loaded (`snmpwalk` without `-On -Oe`):
/// the printer is chosen by the object's SYNTAX, enumerations become `up(1)`, DISPLAY-HINTs
/// and UNITS apply, and a value of another type than the MIB says is flagged "Wrong Type".
extension MIBTree {
    /// `numericEnums`: net-snmp's `-Oe`, enumerations and named bits as numbers.
    func render(_ value: SNMPValue, at node: Node?, numericEnums: Bool = false) -> String {
        switch value {
        case .noSuchObject, .noSuchInstance, .endOfMibView:
            return NetSNMPFormat.value(value)
        default:
            break
        }
        guard let node else { return byType(value, enums: [], hint: nil, units: nil) }
        let enums = numericEnums ? [] : node.object?.enumerations ?? [], hint = node.object?.displayHint, units = node.object?.units
        switch node.type {
        case .objectIdentifier: return objectIdentifier(value, units: units)
        case .octetString: return octetString(value, hint: hint, units: units)
        case .integer, .integer32: return integer(value, enums: enums, hint: hint, units: units)
        case .networkAddress:
            guard case .ipAddress(let address) = value else { return wrongType("NetworkAddress", value) }
            return "Network Address: " + address.octets.map { byte in
                let hex = String(byte, radix: 16, uppercase: true)
                return hex.count == 1 ? "0" + hex : hex
            }.joined(separator: ":")
        case .ipAddress: return ipAddress(value)
        case .counter32: return counter32(value, units: units)
        case .gauge32, .unsigned32: return gauge32(value, hint: hint, units: units)
        case .timeTicks: return timeTicks(value, units: units)
        case .opaque: return opaque(value, units: units)
        case .null: return null(value)
        case .bits: return bits(value, enums: enums)
        case .counter64: return counter64(value, units: units)
        // No SNMPv2 value carries these BER types (NsapAddress, UInteger32), so net-snmp flags them.
        case .nsapAddress: return wrongType("NsapAddress", value)
        case .uinteger32: return wrongType("UInteger32", value)
        default: return byType(value, enums: enums, hint: hint, units: units)
        }
    }

    private func byType(_ value: SNMPValue, enums: [MIBEnumeration], hint: String?, units: String?) -> String {
        switch value {
        case .integer: integer(value, enums: enums, hint: hint, units: units)
        case .octetString: octetString(value, hint: hint, units: units)
        case .opaque: opaque(value, units: units)
        case .objectIdentifier: objectIdentifier(value, units: units)
        case .timeTicks: timeTicks(value, units: units)
        case .gauge32: gauge32(value, hint: hint, units: units)
        case .counter32: counter32(value, units: units)
        case .ipAddress: ipAddress(value)
        case .null: null(value)
        case .counter64: counter64(value, units: units)
        case .noSuchObject, .noSuchInstance, .endOfMibView: NetSNMPFormat.value(value)
        }
    }

    private func wrongType(_ expected: String, _ value: SNMPValue) -> String {
        "Wrong Type (should be \(expected)): " + byType(value, enums: [], hint: nil, units: nil)
    }

    private func withUnits(_ text: String, _ units: String?) -> String {
        units.map { text + " " + $0 } ?? text
    }

    private func integer(_ value: SNMPValue, enums: [MIBEnumeration], hint: String?, units: String?) -> String {
        guard case .integer(let v) = value else { return wrongType("INTEGER", value) }
        let text: String
        if let label = enums.first(where: { $0.value == Int64(v) })?.label {
            text = "\(label)(\(v))"
        } else if let hint {
            text = DisplayHint.integer(Int64(v), hint: hint, unsigned: false)
        } else {
            text = String(v)
        }
        return withUnits("INTEGER: " + text, units)
    }

    private func gauge32(_ value: SNMPValue, hint: String?, units: String?) -> String {
        guard case .gauge32(let v) = value else { return wrongType("Gauge32 or Unsigned32", value) }
        let text = hint.map { DisplayHint.integer(Int64(v), hint: $0, unsigned: true) } ?? String(v)
        return withUnits("Gauge32: " + text, units)
    }

    private func counter32(_ value: SNMPValue, units: String?) -> String {
        guard case .counter32(let v) = value else { return wrongType("Counter32", value) }
        return withUnits("Counter32: \(v)", units)
    }

    private func counter64(_ value: SNMPValue, units: String?) -> String {
        guard case .counter64(let v) = value else { return wrongType("Counter64", value) }
        return withUnits("Counter64: \(v)", units)
    }

    private func timeTicks(_ value: SNMPValue, units: String?) -> String {
        guard case .timeTicks(let v) = value else { return wrongType("Timeticks", value) }
        return withUnits("Timeticks: (\(v)) " + NetSNMPFormat.uptime(v), units)
    }

    private func ipAddress(_ value: SNMPValue) -> String {
        guard case .ipAddress(let address) = value else { return wrongType("IpAddress", value) }
        return "IpAddress: \(address)"
    }

    private func null(_ value: SNMPValue) -> String {
        guard case .null = value else { return wrongType("NULL", value) }
        return "NULL"
    }

    private func objectIdentifier(_ value: SNMPValue, units: String?) -> String {
        guard case .objectIdentifier(let oid) = value else { return wrongType("OBJECT IDENTIFIER", value) }
        return withUnits("OID: " + instance(oid.arcs).name, units)
    }

    private func opaque(_ value: SNMPValue, units: String?) -> String {
        guard case .opaque = value else { return wrongType("Opaque", value) }
        return withUnits(NetSNMPFormat.value(value), units)
    }

    private func octetString(_ value: SNMPValue, hint: String?, units: String?) -> String {
        guard case .octetString(let s) = value else { return wrongType("OCTET STRING", value) }
        if let hint {
            guard let text = DisplayHint.octets(s.bytes, hint: hint) else {
                return "(Bad hint ignored: \(hint)) " + octetString(value, hint: nil, units: nil)
            }
            return withUnits("STRING: " + String(decoding: text, as: UTF8.self), units)
        }
        if s.bytes.isEmpty { return "\"\"" }
        var out: [UInt8] = []
        NetSNMPFormat.appendOctetString(s.bytes, to: &out)
        return withUnits(String(decoding: out, as: UTF8.self), units)
    }

    /// `BITS: 80 00 ` then the set bits by name; like net-snmp, the search for a bit's name
    /// resumes where the previous one stopped.
    private func bits(_ value: SNMPValue, enums: [MIBEnumeration]) -> String {
        guard case .octetString(let s) = value else { return wrongType("BITS", value) }
        var out = Array("BITS: ".utf8)
        NetSNMPFormat.appendHex(s.bytes, to: &out)
        var cursor = 0
        for (byteIndex, byte) in s.bytes.enumerated() {
            for bit in 0..<8 where byte & (0x80 >> bit) != 0 {
                let number = byteIndex * 8 + bit
                while cursor < enums.count && enums[cursor].value != Int64(number) { cursor += 1 }
                if cursor < enums.count {
                    out.append(contentsOf: "\(enums[cursor].label)(\(number)) ".utf8)
                } else {
                    out.append(contentsOf: "\(number) ".utf8)
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
