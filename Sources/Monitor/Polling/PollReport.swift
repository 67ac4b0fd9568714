public import Alerting
public import Config
public import Devices
public import Discovery

/// Everything one poll of one device produced, handed to the sink (the store, metrics).
public struct PollReport: Sendable {
    public var device: DeviceKey
    public var startedAt: Double
    /// Seconds the poll took.
    public var duration: Double
    /// The credential set that answered, by name (never the secret).
    public var credentialSet: String?
    /// Why the device did not answer, if it did not.
    public var failure: String?
    public var uptime: UInt32?
    public var interfaces: [InterfaceReading] = []
    public var rates: [UInt32: InterfaceRates] = [:]
    /// Set when identification ran in this poll.
    public var identity: DeviceIdentity?
    public var firmware: FirmwareStatus?
    /// Storage, CPU, memory, temperatures and faults, when the device has any of their MIBs.
    public var health: HealthReport?
    /// LLDP and CDP neighbours, read with identification (nil when not read in this poll).
    public var neighbours: [Neighbour]?
    /// ENTITY-MIB's physical entities, read with identification (nil when not read in this poll
    /// or when the read failed; empty for a device without ENTITY-MIB).
    public var inventory: [PhysicalEntityReading]?
    /// For a poll without an SNMP answer: whether the address answered ping (nil: not checked).
    public var echoAnswered: Bool?
    public var events: [AlertSignal] = []

    public init(device: DeviceKey, startedAt: Double) {
        self.device = device
        self.startedAt = startedAt
        self.duration = 0
    }
}

/// Where poll results go. The daemon's sink writes the store and counts metrics.
public protocol PollSink: Sendable {
    func pollCompleted(_ report: PollReport) async
}
