public import SNMPCodec

/// A vendor health value an identification rule names (`health:` in identification.yaml): the
/// CPU of a FortiGate, the sessions of a PAN-OS firewall, the clients of a UniFi access point,
/// the toner of a printer. The daemon reads the probes of a device's matched rules every poll.
public struct HealthProbe: Sendable, Hashable {
    /// How the value is read.
    public enum Read: Sendable, Hashable {
        /// One scalar object (`get: OID`, the instance included).
        case get(OID)
        /// The sum of a column (`sum: COLUMN`).
        case sum(OID)
        /// The rows of a column, or those whose value is `equals` (`count: COLUMN`).
        case count(OID, equals: Int64?)
        /// Each row its own value, labelled by another column of the row (`each: COLUMN, label: COLUMN`).
        case each(OID, label: OID?)
    }

    /// `cpu`, `memory`, `storage` (percent, checked against the thresholds), `temperature` (°C),
    /// or any other name (`sessions`, `vpn_tunnels_up`, `wireless_clients`, `toner`), stored as is.
    public var metric: String
    public var read: Read
    /// The value is a percentage of this column's value in the same row, or of this scalar (`of:`).
    public var of: OID?
    /// Multiplies the value (`scale: 0.1` for tenths of a degree).
    public var scale: Double
    /// The label when `read` gives none (default: the metric's usual one, `system`).
    public var label: String?

    public init(metric: String, read: Read, of: OID? = nil, scale: Double = 1, label: String? = nil) {
        self.metric = metric
        self.read = read
        self.of = of
        self.scale = scale
        self.label = label
    }
}
