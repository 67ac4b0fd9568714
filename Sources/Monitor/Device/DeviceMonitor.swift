public import Alerting
public import Config

/// What one device's polls mean over time: reachability, reboots, interface state and flaps,
/// rates and thresholds. Pure state and arithmetic: the poller feeds it readings and failures,
/// it returns the events to raise or clear and the rates to store.
public struct DeviceMonitor: Sendable {
    public let device: DeviceKey
    public var rules: AlertRules

    public private(set) var reachability: ReachabilityTracker
    public private(set) var uptime: UInt32?
    public private(set) var interfaces: [UInt32: InterfaceReading] = [:]
    private var flaps: [UInt32: FlapDetector] = [:]
    private var utilisationLevel: [UInt32: Threshold.Level] = [:]
    private var errorLevel: [UInt32: Threshold.Level] = [:]
    private var interfaceDownOpen: Set<UInt32> = []
    /// Threshold levels of health readings by "metric|label".
    private var healthLevel: [String: Threshold.Level] = [:]
    private var faultsOpen: [String: String] = [:]

    public init(device: DeviceKey, rules: AlertRules) {
        self.device = device
        self.rules = rules
        self.reachability = ReachabilityTracker(failuresToDown: rules.deviceDown.after)
    }

    /// The outcome of one successful poll.
    public struct Outcome: Sendable {
        public var events: [AlertSignal] = []
        public var rates: [UInt32: InterfaceRates] = [:]
        public var rebooted = false
    }

    /// A poll that got no SNMP answer. `echoAnswered` is the ping check's result (nil when not
    /// pinged): a device that still answers ping is not down, only its agent is silent.
    public mutating func recordFailure(reason: String, echoAnswered: Bool? = nil) -> [AlertSignal] {
        if echoAnswered == true {
            guard reachability.record(success: true) == .cameUp else { return [] }
            return [AlertSignal(device: device, kind: .deviceDown, severity: .critical,
                                message: "\(device.address) answers ping again (SNMP still silent: \(reason))", resolved: true)]
        }
        guard reachability.record(success: false) == .wentDown else { return [] }
        let checks = echoAnswered == false ? "SNMP or ping" : "SNMP"
        return [AlertSignal(device: device, kind: .deviceDown, severity: .critical,
                             message: "\(device.address) does not answer \(checks) (\(reachability.consecutiveFailures) checks in a row): \(reason)")]
    }

    /// A poll that answered: the agent's uptime and its interfaces; `time` is the poll's monotonic time.
    public mutating func record(uptime newUptime: UInt32?, interfaces readings: [InterfaceReading], time: Double) -> Outcome {
        var outcome = Outcome()
        if reachability.record(success: true) == .cameUp {
            outcome.events.append(AlertSignal(device: device, kind: .deviceDown, severity: .critical,
                                               message: "\(device.address) answers again", resolved: true))
        }
        if let before = uptime, let now = newUptime, now < before {
            outcome.rebooted = true
            outcome.events.append(AlertSignal(device: device, kind: .reboot, severity: .warning,
                                               message: "\(device.address) restarted: sysUpTime went from \(before) to \(now)"))
        }
        uptime = newUptime ?? uptime

        for reading in readings {
            let index = reading.index
            let previous = interfaces[index]
            if let previous {
                outcome.rates[index] = InterfaceRates.between(previous, reading)
            }
            outcome.events += interfaceStatusEvents(previous, reading, time: time)
            if let rates = outcome.rates[index] { outcome.events += thresholdEvents(reading, rates) }
            interfaces[index] = reading
        }
        return outcome
    }

    /// A health collection: storage, CPU and memory against their thresholds (each disk and
    /// memory pool its own alert), and hardware faults raised while the device reports them.
    public mutating func record(health: HealthReport) -> [AlertSignal] {
        var events: [AlertSignal] = []
        let limits = rules.thresholds
        for reading in health.readings {
            let (kind, limit): (AlertKind, AlertRules.Threshold)
            switch reading.metric {
            case .storage: (kind, limit) = (.storage, limits.storage)
            case .cpu: (kind, limit) = (.cpu, limits.cpu)
            case .memory: (kind, limit) = (.memory, limits.memory)
            default: continue  // stored, not judged
            }
            let key = "\(reading.metric.rawValue)|\(reading.label)"
            let before = healthLevel[key] ?? .normal
            let after = limit.enabled
                ? Threshold(warning: limit.warn, critical: limit.critical, hysteresis: limit.hysteresis).level(for: reading.value, current: before)
                : .normal
            guard after != before else { continue }
            healthLevel[key] = after
            let what = switch reading.metric {
            case .storage: "storage \(reading.label) \(Self.percent(reading.value)) used"
            case .memory: "memory \(reading.label) \(Self.percent(reading.value)) used"
            default: "CPU load \(Self.percent(reading.value))"
            }
            let component = reading.metric == .cpu ? nil : reading.label
            let signal = switch after {
            case .normal: AlertSignal(device: device, kind: kind, severity: .warning, component: component, message: "\(what): back to normal", resolved: true)
            case .warning: AlertSignal(device: device, kind: kind, severity: .warning, component: component, message: what)
            case .critical: AlertSignal(device: device, kind: kind, severity: .critical, component: component, message: what)
            }
            events.append(signal)
        }
        let current = Dictionary(health.faults.map { ($0.key, $0.message) }) { first, _ in first }
        for (key, message) in current.sorted(by: { $0.key < $1.key }) where faultsOpen[key] == nil {
            events.append(AlertSignal(device: device, kind: .hardwareFault, severity: .critical, component: key, message: message))
        }
        for (key, message) in faultsOpen.sorted(by: { $0.key < $1.key }) where current[key] == nil {
            events.append(AlertSignal(device: device, kind: .hardwareFault, severity: .critical, component: key,
                                      message: "\(message): cleared", resolved: true))
        }
        faultsOpen = current
        return events
    }

    private func label(_ reading: InterfaceReading) -> String {
        reading.name ?? reading.descr ?? "ifIndex \(reading.index)"
    }

    private mutating func interfaceStatusEvents(_ previous: InterfaceReading?, _ reading: InterfaceReading, time: Double) -> [AlertSignal] {
        var events: [AlertSignal] = []
        let index = reading.index
        let isDown = reading.adminStatus == .up && (reading.operStatus == .down || reading.operStatus == .lowerLayerDown)
        if rules.interfaceDown.enabled {
            if isDown, !interfaceDownOpen.contains(index) {
                interfaceDownOpen.insert(index)
                events.append(AlertSignal(device: device, kind: .interfaceDown, severity: .warning, interface: index,
                                           message: "\(label(reading)) is down while administratively up"))
            } else if !isDown, interfaceDownOpen.contains(index) {
                interfaceDownOpen.remove(index)
                let why = reading.adminStatus == .up ? "is up again" : "was shut down administratively"
                events.append(AlertSignal(device: device, kind: .interfaceDown, severity: .warning, interface: index,
                                           message: "\(label(reading)) \(why)", resolved: true))
            }
        }
        if rules.flapping.enabled {
            var detector = flaps[index] ?? FlapDetector(threshold: max(2, rules.flapping.changes),
                                                        window: Double(rules.flapping.within.components.seconds))
            let transition: FlapDetector.Transition?
            if let previous, previous.operStatus != reading.operStatus {
                transition = detector.recordChange(at: time)
            } else {
                transition = detector.evaluate(at: time)
            }
            flaps[index] = detector
            switch transition {
            case .startedFlapping:
                events.append(AlertSignal(device: device, kind: .flapping, severity: .warning, interface: index,
                                           message: "\(label(reading)) changed state \(detector.changes.count) times in \(rules.flapping.within.components.seconds / 60) minutes"))
            case .stoppedFlapping:
                events.append(AlertSignal(device: device, kind: .flapping, severity: .warning, interface: index,
                                           message: "\(label(reading)) is stable again", resolved: true))
            case nil: break
            }
        }
        return events
    }

    private mutating func thresholdEvents(_ reading: InterfaceReading, _ rates: InterfaceRates) -> [AlertSignal] {
        var events: [AlertSignal] = []
        let index = reading.index
        let limits = rules.thresholds
        if limits.interfaceUtilisation.enabled, let utilisation = rates.utilisation {
            let rule = Threshold(warning: limits.interfaceUtilisation.warn, critical: limits.interfaceUtilisation.critical,
                                 hysteresis: limits.interfaceUtilisation.hysteresis)
            let before = utilisationLevel[index] ?? .normal
            let after = rule.level(for: utilisation, current: before)
            if after != before {
                utilisationLevel[index] = after
                events.append(levelEvent(.interfaceUtilisation, after, index,
                                         "\(label(reading)) utilisation \(Self.percent(utilisation))"))
            }
        }
        let packets = (rates.inPacketsPerSecond ?? 0) + (rates.outPacketsPerSecond ?? 0)
        if limits.errorRate.enabled, packets > 0 {
            let errors = (rates.inErrorsPerSecond ?? 0) + (rates.outErrorsPerSecond ?? 0)
            let share = errors / packets * 100
            let rule = Threshold(warning: limits.errorRate.warn, critical: limits.errorRate.critical, hysteresis: limits.errorRate.hysteresis)
            let before = errorLevel[index] ?? .normal
            let after = rule.level(for: share, current: before)
            if after != before {
                errorLevel[index] = after
                events.append(levelEvent(.errorRate, after, index, "\(label(reading)) errors \(Self.percent(share)) of packets"))
            }
        }
        return events
    }

    private func levelEvent(_ kind: AlertKind, _ level: Threshold.Level, _ index: UInt32, _ text: String) -> AlertSignal {
        switch level {
        case .normal: AlertSignal(device: device, kind: kind, severity: .warning, interface: index, message: "\(text): back to normal", resolved: true)
        case .warning: AlertSignal(device: device, kind: kind, severity: .warning, interface: index, message: text)
        case .critical: AlertSignal(device: device, kind: kind, severity: .critical, interface: index, message: text)
        }
    }

    static func percent(_ value: Double) -> String {
        "\((value * 10).rounded() / 10)%"
    }
}
