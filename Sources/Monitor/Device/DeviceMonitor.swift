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

    /// A poll that got no answer.
    public mutating func recordFailure(reason: String) -> [AlertSignal] {
        guard reachability.record(success: false) == .wentDown else { return [] }
        return [AlertSignal(device: device, kind: .deviceDown, severity: .critical,
                             message: "\(device.address) does not answer SNMP (\(reachability.consecutiveFailures) checks in a row): \(reason)")]
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
