public import SNMP
import SNMPCodec

/// Reads IF-MIB's ifTable and ifXTable from a device in two table walks (GetBulk), with
/// sysUpTime, and turns them into ``InterfaceReading``s: 64-bit counters where the agent has
/// them, 32-bit otherwise.
public struct InterfaceCollector: Sendable {
    static let ifEntry = OID("1.3.6.1.2.1.2.2.1")
    static let ifXEntry = OID("1.3.6.1.2.1.31.1.1.1")
    static let sysUpTime = OID("1.3.6.1.2.1.1.3.0")
    // EtherLike-MIB (RFC 3635) dot3StatsDuplexStatus, indexed by ifIndex.
    static let dot3StatsDuplexStatus = OID("1.3.6.1.2.1.10.7.2.1.19")

    // ifTable columns (RFC 2863), in the order they are requested.
    static let ifColumns: [UInt32] = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 16, 17, 19, 20]
    // ifXTable: ifName, ifHCInOctets, ifHCInUcastPkts, ifHCOutOctets, ifHCOutUcastPkts, ifHighSpeed,
    // ifAlias, ifCounterDiscontinuityTime.
    static let ifXColumns: [UInt32] = [1, 6, 7, 10, 11, 15, 18, 19]

    public init() {}

    /// - Parameter time: The monotonic time of the poll, in seconds; rates divide by it.
    public func collect(_ agent: SNMPAgent, time: Double) async throws -> (uptime: UInt32?, interfaces: [InterfaceReading]) {
        async let uptimeAnswer = agent.get([Self.sysUpTime])
        async let ifRows = agent.table(columns: Self.ifColumns.map { Self.ifEntry.appending([$0]) })
        // An agent without ifXTable (old gear) answers past it; that is not an error.
        async let ifXRows = (try? agent.table(columns: Self.ifXColumns.map { Self.ifXEntry.appending([$0]) })) ?? []
        async let duplexRows = (try? agent.table(columns: [Self.dot3StatsDuplexStatus])) ?? []
        let (upAnswer, rows, xRows, duplexes) = try await (uptimeAnswer, ifRows, ifXRows, duplexRows)
        var uptime: UInt32?
        if case .timeTicks(let ticks)? = upAnswer.first?.value { uptime = ticks }

        var byIndex: [UInt32: InterfaceReading] = [:]
        for row in rows where row.index.count == 1 {
            var reading = InterfaceReading(index: row.index[0])
            let v = row.values
            reading.descr = v[0]?.text
            reading.type = v[1]?.integer
            reading.mtu = v[2]?.integer
            reading.speed = v[3]?.unsigned
            if case .octetString(let mac)? = v[4], !mac.bytes.isEmpty { reading.mac = Array(mac.bytes) }
            reading.adminStatus = v[5]?.integer.flatMap(InterfaceReading.Status.init(rawValue:))
            reading.operStatus = v[6]?.integer.flatMap(InterfaceReading.Status.init(rawValue:))
            if case .timeTicks(let ticks)? = v[7] { reading.lastChange = ticks }
            func counter(_ value: SNMPValue?) -> CounterReading? {
                guard case .counter32(let count)? = value else { return nil }
                return CounterReading(value: UInt64(count), width: .bits32, time: time, uptime: uptime)
            }
            reading.inOctets = counter(v[8])
            reading.inPackets = counter(v[9])
            reading.inDiscards = counter(v[10])
            reading.inErrors = counter(v[11])
            reading.outOctets = counter(v[12])
            reading.outPackets = counter(v[13])
            reading.outDiscards = counter(v[14])
            reading.outErrors = counter(v[15])
            byIndex[reading.index] = reading
        }
        for row in xRows where row.index.count == 1 {
            guard var reading = byIndex[row.index[0]] else { continue }
            let v = row.values
            var discontinuity: UInt32?
            if case .timeTicks(let ticks)? = v[7] { discontinuity = ticks }
            func counter64(_ value: SNMPValue?) -> CounterReading? {
                guard case .counter64(let count)? = value else { return nil }
                return CounterReading(value: count, width: .bits64, time: time, uptime: uptime, discontinuity: discontinuity)
            }
            reading.name = v[0]?.text
            reading.inOctets = counter64(v[1]) ?? reading.inOctets
            reading.inPackets = counter64(v[2]) ?? reading.inPackets
            reading.outOctets = counter64(v[3]) ?? reading.outOctets
            reading.outPackets = counter64(v[4]) ?? reading.outPackets
            if let high = v[5]?.unsigned, high > 0 { reading.speed = high * 1_000_000 }
            reading.alias = v[6]?.text
            reading.discontinuity = discontinuity
            for path in [\InterfaceReading.inErrors, \.outErrors, \.inDiscards, \.outDiscards] {
                reading[keyPath: path]?.discontinuity = discontinuity
            }
            byIndex[reading.index] = reading
        }
        for row in duplexes where row.index.count == 1 {
            if let duplex = row.values[0]?.integer, (1...3).contains(duplex) { byIndex[row.index[0]]?.duplex = duplex }
        }
        return (uptime, byIndex.values.sorted { $0.index < $1.index })
    }
}

extension SNMPValue {
    var text: String? {
        if case .octetString(let octets) = self { return String(decoding: octets.bytes, as: UTF8.self) }
        return nil
    }

    var integer: Int? {
        switch self {
        case .integer(let value): Int(value)
        case .gauge32(let value), .counter32(let value): Int(value)
        default: nil
        }
    }

    var unsigned: UInt64? {
        switch self {
        case .gauge32(let value), .counter32(let value), .timeTicks(let value): UInt64(value)
        case .integer(let value) where value >= 0: UInt64(value)
        case .counter64(let value): value
        default: nil
        }
    }
}
