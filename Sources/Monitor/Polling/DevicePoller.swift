import Alerting
public import Config
public import Devices
public import SNMP

/// Polls one device once: finds the credential set that answers (remembered between polls),
/// reads IF-MIB, identifies the device when due, and runs the results through its
/// ``DeviceMonitor``.
public struct DevicePoller: Sendable {
    public let client: SNMPClient
    public let identifier: DeviceIdentifier?
    public let firmwarePolicies: FirmwarePolicySet?
    /// Identify again after this many seconds (firmware upgrades, replaced hardware).
    public let identifyEvery: Double

    public init(client: SNMPClient, identifier: DeviceIdentifier?, firmwarePolicies: FirmwarePolicySet?, identifyEvery: Double = 3600) {
        self.client = client
        self.identifier = identifier
        self.firmwarePolicies = firmwarePolicies
        self.identifyEvery = identifyEvery
    }

    /// What a device's poller remembers between polls.
    public struct Memory: Sendable {
        public var monitor: DeviceMonitor
        public var credentialIndex: Int?
        public var identity: DeviceIdentity?
        public var identifiedAt: Double?
        public var firmwareOutdated = false

        public init(monitor: DeviceMonitor) {
            self.monitor = monitor
        }
    }

    public func poll(_ settings: EffectiveDeviceSettings, memory: inout Memory, time: Double, today: CalendarDay) async -> PollReport {
        var report = PollReport(device: settings.key, startedAt: time)
        let clock = ContinuousClock(), started = clock.now
        let options = SNMPAgent.Options(
            retry: RetryPolicy(timeout: settings.polling.timeout, retries: settings.polling.retries),
            maxRepetitions: settings.polling.maxRepetitions)

        // The set that answered last time first, then the others in configured order.
        var order = Array(settings.credentials.indices)
        if let known = memory.credentialIndex, order.contains(known) { order.removeAll { $0 == known }; order.insert(known, at: 0) }
        var lastError = "no credential set configured"
        for index in order {
            let set = settings.credentials[index]
            do {
                let agent = try await client.agent(settings.key.address.host, port: settings.key.address.port,
                                                   security: try set.securityModel(), options: options)
                let (uptime, interfaces) = try await InterfaceCollector().collect(agent, time: time)
                memory.credentialIndex = index
                report.credentialSet = set.name
                report.uptime = uptime
                report.interfaces = interfaces
                let outcome = memory.monitor.record(uptime: uptime, interfaces: interfaces, time: time)
                report.rates = outcome.rates
                report.events = outcome.events
                if let identifier, outcome.rebooted || memory.identifiedAt.map({ time - $0 >= identifyEvery }) ?? true {
                    await identify(agent, identifier: identifier, settings: settings, memory: &memory, report: &report, time: time, today: today)
                }
                report.duration = Self.seconds(clock.now - started)
                return report
            } catch {
                lastError = "\(error)"
                // A timeout with one set usually means a timeout with all: only look further
                // while the working set is unknown.
                if memory.credentialIndex != nil { break }
            }
        }
        report.failure = lastError
        report.events = memory.monitor.recordFailure(reason: lastError)
        report.duration = Self.seconds(clock.now - started)
        return report
    }

    private func identify(_ agent: SNMPAgent, identifier: DeviceIdentifier, settings: EffectiveDeviceSettings,
                          memory: inout Memory, report: inout PollReport, time: Double, today: CalendarDay) async {
        guard let identity = try? await identifier.identify(agent) else { return }
        if let before = memory.identity, before.version != identity.version, identity.version != nil {
            report.events.append(AlertSignal(device: settings.key, kind: .firmwareChanged, severity: .info,
                                              message: "firmware changed from \(before.version ?? "?") to \(identity.version ?? "?")"))
        }
        memory.identity = identity
        memory.identifiedAt = time
        report.identity = identity
        if let policies = firmwarePolicies {
            let (entry, status) = policies.evaluate(identity, on: today)
            report.firmware = status
            let outdated = status.needsAttention
            if outdated != memory.firmwareOutdated {
                memory.firmwareOutdated = outdated
                report.events.append(AlertSignal(
                    device: settings.key, kind: .firmwareOutdated, severity: status.kind == .belowRecommended ? .info : .warning,
                    message: outdated ? "\(status.reason)" + (entry.map { " (policy \($0.name))" } ?? "") : "firmware meets its policy again",
                    resolved: !outdated))
            }
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
