public import SNMP
import SNMPCodec

/// LLDP-MIB (IEEE 802.1AB) and CISCO-CDP-MIB neighbour tables, read by scans and by the daemon.
public enum NeighbourTables {
    // lldpRemEntry: 1.0.8802.1.1.2.1.4.1.1; index timeMark, localPortNum, remIndex
    static let lldpRemChassisId = OID("1.0.8802.1.1.2.1.4.1.1.5")
    static let lldpRemPortId = OID("1.0.8802.1.1.2.1.4.1.1.7")
    static let lldpRemSysName = OID("1.0.8802.1.1.2.1.4.1.1.9")
    // lldpRemManAddrIfSubtype; index timeMark, localPortNum, remIndex, addrSubtype, addr (length-prefixed)
    static let lldpRemManAddrIfSubtype = OID("1.0.8802.1.1.2.1.4.2.1.3")
    // cdpCacheEntry: 1.3.6.1.4.1.9.9.23.1.2.1.1; index ifIndex, deviceIndex
    static let cdpCacheAddressType = OID("1.3.6.1.4.1.9.9.23.1.2.1.1.3")
    static let cdpCacheAddress = OID("1.3.6.1.4.1.9.9.23.1.2.1.1.4")
    static let cdpCacheDeviceId = OID("1.3.6.1.4.1.9.9.23.1.2.1.1.6")
    static let cdpCacheDevicePort = OID("1.3.6.1.4.1.9.9.23.1.2.1.1.7")

    /// Rows a table may hold before the scan stops reading it.
    static let rowLimit = 512

    public static func lldp(_ agent: SNMPAgent) async -> [Neighbour] {
        guard let rows = try? await agent.table(columns: [lldpRemChassisId, lldpRemPortId, lldpRemSysName]), !rows.isEmpty else { return [] }
        var addresses: [[UInt32]: String] = [:]
        if let managed = try? await collect(agent.walk(lldpRemManAddrIfSubtype)) {
            for varBind in managed {
                guard let index = varBind.oid.suffix(after: lldpRemManAddrIfSubtype), index.count >= 5 else { continue }
                // subtype 1 = IPv4, 2 = IPv6 (IANA address family numbers), then length and bytes
                let key = Array(index[0..<3]), length = Int(index[4])
                guard index.count == 5 + length, index[3] == 1 || index[3] == 2, addresses[key] == nil,
                      let address = IPAddress(bytes: index[5...].map { UInt8(truncatingIfNeeded: $0) }) else { continue }
                addresses[key] = address.description
            }
        }
        return rows.prefix(rowLimit).map { row in
            Neighbour(source: .lldp, name: text(row.values[2]), port: text(row.values[1]),
                      chassisID: text(row.values[0]), address: addresses[Array(row.index.prefix(3))],
                      localPort: row.index.count >= 2 ? Int(row.index[1]) : nil)
        }
    }

    public static func cdp(_ agent: SNMPAgent) async -> [Neighbour] {
        guard let rows = try? await agent.table(columns: [cdpCacheAddressType, cdpCacheAddress, cdpCacheDeviceId, cdpCacheDevicePort]) else { return [] }
        return rows.prefix(rowLimit).map { row in
            var address: String?
            // cdpCacheAddressType 1 = ip: the address is the 4 raw bytes
            if case .integer(1)? = row.values[0] {
                switch row.values[1] {
                case .octetString(let raw)?: address = IPAddress(bytes: raw.bytes)?.description
                case .ipAddress(let ip)?: address = "\(ip)"
                default: break
                }
            }
            return Neighbour(source: .cdp, name: text(row.values[2]), port: text(row.values[3]), address: address,
                             localPort: row.index.first.map { Int($0) })
        }
    }

    static func collect(_ walk: SNMPWalk) async throws -> [VarBind] {
        var result: [VarBind] = []
        for try await varBind in walk {
            result.append(varBind)
            if result.count >= rowLimit { break }
        }
        return result
    }

    /// Printable text as is; anything else (a MAC chassis ID) as colon hex.
    static func text(_ value: SNMPValue?) -> String? {
        switch value {
        case .octetString(let octets)?:
            if let text = octets.utf8String, !text.isEmpty, text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) {
                return text
            }
            return octets.bytes.isEmpty ? nil : octets.bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: ":")
        case .integer(let number)?: return String(number)
        case .ipAddress(let address)?: return "\(address)"
        default: return nil
        }
    }
}
