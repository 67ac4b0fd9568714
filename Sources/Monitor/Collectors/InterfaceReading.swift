/// One interface as one poll of IF-MIB saw it (ifTable, RFC 2863, and ifXTable).
public struct InterfaceReading: Sendable, Hashable {
    public enum Status: Int, Sendable, Hashable, Codable {
        case up = 1, down, testing, unknown, dormant, notPresent, lowerLayerDown

        public var name: String {
            switch self {
            case .up: "up"
            case .down: "down"
            case .testing: "testing"
            case .unknown: "unknown"
            case .dormant: "dormant"
            case .notPresent: "notPresent"
            case .lowerLayerDown: "lowerLayerDown"
            }
        }
    }

    public var index: UInt32
    public var name: String?
    public var descr: String?
    public var alias: String?
    public var type: Int?
    public var mtu: Int?
    /// Bits per second: ifHighSpeed × 10⁶ where the agent has it, else ifSpeed.
    public var speed: UInt64?
    public var mac: [UInt8]?
    public var adminStatus: Status?
    public var operStatus: Status?
    /// EtherLike-MIB dot3StatsDuplexStatus: 1 unknown, 2 half, 3 full (Ethernet interfaces only).
    public var duplex: Int?
    public var lastChange: UInt32?
    public var discontinuity: UInt32?
    /// Octet, unicast packet, error and discard counters; 64-bit (ifHC*) where the agent has them.
    public var inOctets: CounterReading?
    public var outOctets: CounterReading?
    public var inPackets: CounterReading?
    public var outPackets: CounterReading?
    public var inErrors: CounterReading?
    public var outErrors: CounterReading?
    public var inDiscards: CounterReading?
    public var outDiscards: CounterReading?

    public init(index: UInt32) {
        self.index = index
    }
}

/// Rates of one interface between two polls; nil where a counter gave no rate.
public struct InterfaceRates: Sendable, Hashable {
    public var inBitsPerSecond: Double?
    public var outBitsPerSecond: Double?
    public var inPacketsPerSecond: Double?
    public var outPacketsPerSecond: Double?
    public var inErrorsPerSecond: Double?
    public var outErrorsPerSecond: Double?
    public var inDiscardsPerSecond: Double?
    public var outDiscardsPerSecond: Double?
    /// Each direction's share of the speed, in percent.
    public var inUtilisation: Double?
    public var outUtilisation: Double?
    /// The busier direction's share of the speed, in percent.
    public var utilisation: Double?
    /// Why counters gave no rate this time (a reboot, a discontinuity), if they did not.
    public var skipped: CounterRate.Reason?

    public init() {}

    /// Rates from the previous and the current reading of the same interface.
    public static func between(_ previous: InterfaceReading, _ current: InterfaceReading) -> InterfaceRates {
        var rates = InterfaceRates()
        // Octets: at most twice the line rate is believable (some agents report speed low).
        let octetCeiling = current.speed.flatMap { $0 > 0 ? Double($0) / 8 * 2 : nil }
        func rate(_ a: CounterReading?, _ b: CounterReading?, ceiling: Double? = nil) -> Double? {
            guard let a, let b, a.width == b.width else { return nil }
            switch CounterRate.between(a, b, ceiling: ceiling) {
            case .perSecond(let value): return value
            case .skipped(let reason):
                if rates.skipped == nil { rates.skipped = reason }
                return nil
            }
        }
        rates.inBitsPerSecond = rate(previous.inOctets, current.inOctets, ceiling: octetCeiling).map { $0 * 8 }
        rates.outBitsPerSecond = rate(previous.outOctets, current.outOctets, ceiling: octetCeiling).map { $0 * 8 }
        rates.inPacketsPerSecond = rate(previous.inPackets, current.inPackets)
        rates.outPacketsPerSecond = rate(previous.outPackets, current.outPackets)
        rates.inErrorsPerSecond = rate(previous.inErrors, current.inErrors)
        rates.outErrorsPerSecond = rate(previous.outErrors, current.outErrors)
        rates.inDiscardsPerSecond = rate(previous.inDiscards, current.inDiscards)
        rates.outDiscardsPerSecond = rate(previous.outDiscards, current.outDiscards)
        if let speed = current.speed, speed > 0 {
            rates.inUtilisation = rates.inBitsPerSecond.map { min(100, $0 / Double(speed) * 100) }
            rates.outUtilisation = rates.outBitsPerSecond.map { min(100, $0 / Double(speed) * 100) }
            rates.utilisation = [rates.inUtilisation, rates.outUtilisation].compactMap { $0 }.max()
        }
        return rates
    }
}
