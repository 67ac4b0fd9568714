/// What a device is and runs, as identification found it. Every field may be unknown: a device
/// that answers only part of the system group still gets what it told.
public struct DeviceIdentity: Sendable, Hashable, Codable {
    public var vendor: String?
    public var kind: DeviceKind?
    public var model: String?
    /// The operating system or firmware family: `IOS`, `NX-OS`, `Junos`, `FortiOS`.
    public var os: String?
    /// The OS or firmware version as the device reports it: `15.2(7)E3`.
    public var version: String?
    /// The firmware version scheme the matched rules name, for ``FirmwarePolicy`` comparisons.
    public var scheme: VersionScheme?
    public var serial: String?
    public var hardwareRevision: String?
    public var sysName: String?
    public var sysLocation: String?
    public var sysContact: String?
    public var sysDescr: String?
    public var sysObjectID: String?
    /// sysUpTime in hundredths of a second.
    public var uptimeTicks: UInt32?
    /// The IANA enterprise number the vendor was taken from.
    public var enterprise: UInt32?
    /// The rules that matched, most specific first.
    public var matchedRules: [String] = []
    /// SNMP round trips identification took.
    public var roundTrips: Int = 0
    /// The vendor health probes of the matched rules (most specific first; one per metric and label).
    /// Not part of the identity's JSON: they are the rules' data, not what the device said.
    public var healthProbes: [HealthProbe] = []

    enum CodingKeys: String, CodingKey {
        case vendor, kind, model, os, version, scheme, serial, hardwareRevision, sysName, sysLocation, sysContact, sysDescr
        case sysObjectID, uptimeTicks, enterprise, matchedRules, roundTrips
    }

    public init() {}

    /// Uptime as net-snmp prints it: `12 days, 3:04:05.06`.
    public var uptimeDescription: String? {
        guard let ticks = uptimeTicks else { return nil }
        let centis = ticks % 100, seconds = ticks / 100
        let days = seconds / 86_400, hours = seconds / 3600 % 24, minutes = seconds / 60 % 60, secs = seconds % 60
        let clock = "\(hours):\(twoDigits(minutes)):\(twoDigits(secs)).\(twoDigits(centis))"
        return days == 0 ? clock : "\(days) day\(days == 1 ? "" : "s"), \(clock)"
    }

    private func twoDigits(_ value: UInt32) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
