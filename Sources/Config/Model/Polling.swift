/// How a device is polled, once defaults and overrides are applied.
public struct PollingSettings: Sendable, Hashable, Encodable {
    /// Time between the starts of two polls of the device.
    public var interval: Duration = .seconds(60)
    /// Wait for one SNMP response before retrying.
    public var timeout: Duration = .seconds(2)
    /// Retries after the first attempt of a request.
    public var retries = 1
    /// GETBULK max-repetitions (v2c and v3).
    public var maxRepetitions = 25
    /// SNMP requests outstanding at once towards this device.
    public var maxInFlight = 4
    /// ICMP echo alongside SNMP: a device is down only when both fail.
    public var icmp = true

    public init() {}

    /// Problems of an effective setting, as (key, message).
    func problems() -> [(String, String)] {
        var found: [(String, String)] = []
        if interval < .seconds(1) || interval > .seconds(86_400) { found.append(("interval", "must be between 1s and 1d")) }
        if timeout <= .zero || timeout >= interval {
            found.append(("timeout", "must be above zero and below the interval (\(DurationText.format(interval)))"))
        }
        if !(0...10).contains(retries) { found.append(("retries", "must be 0 to 10")) }
        if !(1...1_000).contains(maxRepetitions) { found.append(("max_repetitions", "must be 1 to 1000")) }
        if !(1...64).contains(maxInFlight) { found.append(("max_in_flight", "must be 1 to 64")) }
        return found
    }
}

/// Polling keys set at one level (defaults, tenant, site or device); unset keys inherit.
public struct PollingOverrides: Sendable, Hashable, Encodable {
    public var interval: Duration?
    public var timeout: Duration?
    public var retries: Int?
    public var maxRepetitions: Int?
    public var maxInFlight: Int?
    public var icmp: Bool?

    public init() {}

    public func applied(to base: PollingSettings) -> PollingSettings {
        var settings = base
        if let interval { settings.interval = interval }
        if let timeout { settings.timeout = timeout }
        if let retries { settings.retries = retries }
        if let maxRepetitions { settings.maxRepetitions = maxRepetitions }
        if let maxInFlight { settings.maxInFlight = maxInFlight }
        if let icmp { settings.icmp = icmp }
        return settings
    }
}

extension PollingOverrides: ConfigDecodable {
    static func decode(_ node: ConfigNode) -> PollingOverrides? {
        node.object(kind: "polling") { r in
            var o = PollingOverrides()
            o.interval = r.optional("interval", ConfigDuration.self)?.duration
            o.timeout = r.optional("timeout", ConfigDuration.self)?.duration
            o.retries = r.optional("retries")
            o.maxRepetitions = r.optional("max_repetitions")
            o.maxInFlight = r.optional("max_in_flight")
            o.icmp = r.optional("icmp")
            return o
        }
    }
}
