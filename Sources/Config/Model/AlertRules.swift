/// Alert rules for a device, once defaults and overrides are applied.
public struct AlertRules: Sendable, Hashable, Encodable {
    public struct DeviceDown: Sendable, Hashable, Encodable {
        /// Consecutive failed checks (SNMP, and ICMP when polled) before the device is down.
        public var after = 3
    }

    public struct InterfaceDown: Sendable, Hashable, Encodable {
        /// An interface operationally down while administratively up raises an alert.
        public var enabled = true
    }

    public struct Flapping: Sendable, Hashable, Encodable {
        public var enabled = true
        /// Status changes …
        public var changes = 5
        /// … within this window make an interface flapping.
        public var within: Duration = .seconds(600)
    }

    /// Warning at `warn`, critical at `critical`; cleared only once the value falls
    /// `hysteresis` below the level it crossed, so a value hovering at a line does not flap.
    public struct Threshold: Sendable, Hashable, Encodable {
        public var enabled = true
        public var warn: Double
        public var critical: Double
        public var hysteresis: Double
    }

    /// Thresholds, all in percent: used storage, CPU, used memory, interface utilisation
    /// (of its speed, either direction) and error rate (errored packets per 100 received or sent).
    public struct Thresholds: Sendable, Hashable, Encodable {
        public var storage = Threshold(warn: 85, critical: 95, hysteresis: 3)
        public var cpu = Threshold(warn: 85, critical: 95, hysteresis: 5)
        public var memory = Threshold(warn: 90, critical: 97, hysteresis: 3)
        public var interfaceUtilisation = Threshold(warn: 80, critical: 95, hysteresis: 5)
        public var errorRate = Threshold(warn: 1, critical: 5, hysteresis: 0.5)

        static let keys = ["storage", "cpu", "memory", "interface_utilisation", "error_rate"]

        subscript(key: String) -> Threshold {
            get {
                switch key {
                case "storage": return storage
                case "cpu": return cpu
                case "memory": return memory
                case "interface_utilisation": return interfaceUtilisation
                default: return errorRate
                }
            }
            set {
                switch key {
                case "storage": storage = newValue
                case "cpu": cpu = newValue
                case "memory": memory = newValue
                case "interface_utilisation": interfaceUtilisation = newValue
                default: errorRate = newValue
                }
            }
        }
    }

    public var deviceDown = DeviceDown()
    public var interfaceDown = InterfaceDown()
    public var flapping = Flapping()
    public var thresholds = Thresholds()

    public init() {}

    func problems() -> [(String, String)] {
        var found: [(String, String)] = []
        if !(1...100).contains(deviceDown.after) { found.append(("device_down.after", "must be 1 to 100 checks")) }
        if flapping.changes < 2 { found.append(("flapping.changes", "must be at least 2")) }
        if flapping.within < .seconds(1) { found.append(("flapping.within", "must be at least 1s")) }
        for key in Thresholds.keys {
            let t = thresholds[key]
            let at = "thresholds.\(key)"
            for (name, value) in [("warn", t.warn), ("critical", t.critical)] where !(0...100).contains(value) {
                found.append(("\(at).\(name)", "must be a percentage, 0 to 100 (found \(value))"))
            }
            if t.warn >= t.critical {
                found.append((at, "warn (\(t.warn)) must be below critical (\(t.critical))"))
            }
            if t.hysteresis < 0 || t.hysteresis >= t.warn {
                found.append(("\(at).hysteresis", "must be at least 0 and below warn (\(t.warn)), found \(t.hysteresis)"))
            }
        }
        return found
    }
}

/// Alert keys set at one level; unset keys inherit.
public struct AlertOverrides: Sendable, Hashable, Encodable {
    public struct ThresholdOverride: Sendable, Hashable, Encodable {
        public var enabled: Bool?
        public var warn: Double?
        public var critical: Double?
        public var hysteresis: Double?
    }

    public var deviceDownAfter: Int?
    public var interfaceDownEnabled: Bool?
    public var flappingEnabled: Bool?
    public var flappingChanges: Int?
    public var flappingWithin: Duration?
    public var thresholds: [String: ThresholdOverride] = [:]

    public init() {}

    public func applied(to base: AlertRules) -> AlertRules {
        var rules = base
        if let deviceDownAfter { rules.deviceDown.after = deviceDownAfter }
        if let interfaceDownEnabled { rules.interfaceDown.enabled = interfaceDownEnabled }
        if let flappingEnabled { rules.flapping.enabled = flappingEnabled }
        if let flappingChanges { rules.flapping.changes = flappingChanges }
        if let flappingWithin { rules.flapping.within = flappingWithin }
        for (key, o) in thresholds {
            var t = rules.thresholds[key]
            if let enabled = o.enabled { t.enabled = enabled }
            if let warn = o.warn { t.warn = warn }
            if let critical = o.critical { t.critical = critical }
            if let hysteresis = o.hysteresis { t.hysteresis = hysteresis }
            rules.thresholds[key] = t
        }
        return rules
    }
}

extension AlertOverrides: ConfigDecodable {
    static func decode(_ node: ConfigNode) -> AlertOverrides? {
        node.object(kind: "alerts") { r in
            var o = AlertOverrides()
            _ = r.value("device_down")?.object(kind: "alerts.device_down") { d in
                o.deviceDownAfter = d.optional("after")
                return ()
            }
            _ = r.value("interface_down")?.object(kind: "alerts.interface_down") { d in
                o.interfaceDownEnabled = d.optional("enabled")
                return ()
            }
            _ = r.value("flapping")?.object(kind: "alerts.flapping") { f in
                o.flappingEnabled = f.optional("enabled")
                o.flappingChanges = f.optional("changes")
                o.flappingWithin = f.optional("within", ConfigDuration.self)?.duration
                return ()
            }
            _ = r.value("thresholds")?.object(kind: "alerts.thresholds") { t in
                for key in AlertRules.Thresholds.keys {
                    if let value = t.value(key)?.object(kind: "threshold", { th -> ThresholdOverride in
                        ThresholdOverride(enabled: th.optional("enabled"), warn: th.optional("warn"),
                                          critical: th.optional("critical"), hysteresis: th.optional("hysteresis"))
                    }) {
                        o.thresholds[key] = value
                    }
                }
                return ()
            }
            return o
        }
    }
}
