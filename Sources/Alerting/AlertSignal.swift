public import Config

/// A condition the monitor (or a receiver) asserts about a device: raised (open) or cleared (resolved), keyed so
/// that the same condition raised again updates one alert instead of making another.
public struct AlertSignal: Sendable, Hashable {
    public var device: DeviceKey
    public var kind: AlertKind
    public var severity: AlertSeverity
    /// The interface the event concerns (ifIndex), if any.
    public var interface: UInt32?
    /// The part of the device it concerns when that is not an interface: a disk, a memory
    /// pool, a sensor. Part of the dedup key, so each disk has its own alert.
    public var component: String?
    public var message: String
    /// True when the condition has cleared.
    public var resolved: Bool

    public init(device: DeviceKey, kind: AlertKind, severity: AlertSeverity, interface: UInt32? = nil,
                component: String? = nil, message: String, resolved: Bool = false) {
        self.device = device
        self.kind = kind
        self.severity = severity
        self.interface = interface
        self.component = component
        self.message = message
        self.resolved = resolved
    }

    /// One alert per device, kind and interface or component: `acme/hq/10.0.0.1:161|interface_down|3`,
    /// `acme/hq/10.0.0.1:161|storage|/var`.
    public var dedupKey: String {
        "\(device)|\(kind.rawValue)" + (interface.map { "|\($0)" } ?? "") + (component.map { "|\($0)" } ?? "")
    }
}
