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

/// A condition about a site rather than a monitored device: a host passive discovery heard for
/// the first time. Its subject (a MAC address) keys the alert within the site.
public struct SiteSignal: Sendable, Hashable {
    public var tenant: String
    public var site: String
    public var kind: AlertKind
    public var severity: AlertSeverity
    /// What the signal is about within the site: `00:1b:21:0a:0b:0c`.
    public var subject: String
    /// The subject's address, if known (shown as the notification's address).
    public var address: String?
    public var message: String
    /// A JSON object as text, stored with the event.
    public var detailsJSON: String?

    public init(tenant: String, site: String, kind: AlertKind, severity: AlertSeverity, subject: String, address: String?,
                message: String, detailsJSON: String? = nil) {
        self.tenant = tenant
        self.site = site
        self.kind = kind
        self.severity = severity
        self.subject = subject
        self.address = address
        self.message = message
        self.detailsJSON = detailsJSON
    }

    /// `acme/hq|new_device|00:1b:21:0a:0b:0c`.
    public var dedupKey: String { "\(tenant)/\(site)|\(kind.rawValue)|\(subject)" }
}
