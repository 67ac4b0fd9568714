import Alerting
public import Config
public import Devices
import Discovery
import Foundation
public import SNMP

/// Polls one device once: finds the credential set that answers (remembered between polls),
/// reads IF-MIB and the health MIBs, identifies the device and reads its LLDP/CDP neighbours
/// and ENTITY-MIB physical inventory when due (hourly and after a reboot), checks whether its
/// running configuration is saved, and runs the results through its ``DeviceMonitor``. A device that does not answer SNMP is pinged (when enabled): it is
/// down only when both fail.
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
        /// Health MIB groups that answered (nil: not asked yet, or asked again after identification).
        public var healthGroups: Set<HealthCollector.Group>?
        /// Whether the device exposes a configuration history (nil: not asked yet).
        public var hasConfigHistory: Bool?
        public var configSnapshot: ConfigStateChecker.Snapshot?
        public var configUnsaved = false

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
                let identifyNow = outcome.rebooted || memory.identifiedAt.map { time - $0 >= identifyEvery } ?? true
                if identifyNow {
                    // What the device implements may have changed with its firmware: ask again.
                    memory.healthGroups = nil
                    memory.hasConfigHistory = nil
                }
                async let health = HealthCollector().collect(agent, known: memory.healthGroups, probes: memory.identity?.healthProbes ?? [])
                async let configState = configSaveState(agent, memory: memory)
                let healthReport = await health
                memory.healthGroups = healthReport.groups
                report.health = healthReport
                report.events += memory.monitor.record(health: healthReport)
                if let state = await configState { recordConfigState(state, settings: settings, memory: &memory, report: &report) }
                if identifyNow {
                    async let lldp = NeighbourTables.lldp(agent)
                    async let cdp = NeighbourTables.cdp(agent)
                    async let inventory = try? PhysicalInventoryCollector().collect(agent)
                    report.neighbours = await lldp + cdp
                    report.inventory = await inventory
                    if let identifier {
                        await identify(agent, identifier: identifier, settings: settings, memory: &memory, report: &report, time: time, today: today)
                    } else {
                        memory.identifiedAt = time  // nothing to identify with: the tables above are still hourly
                    }
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
        // Only an address is pinged; the answer decides between "SNMP is not answering" and "down".
        let echo = settings.polling.icmp ? await EchoCheck.answers(settings.key.address.host, timeout: Self.seconds(settings.polling.timeout)) : nil
        report.echoAnswered = echo
        report.events = memory.monitor.recordFailure(reason: lastError, echoAnswered: echo)
        report.duration = Self.seconds(clock.now - started)
        return report
    }

    /// The configuration history, when the device has one (asked once per identification otherwise).
    private func configSaveState(_ agent: SNMPAgent, memory: Memory) async -> ConfigStateChecker.Report? {
        guard memory.hasConfigHistory != false else { return nil }
        return try? await ConfigStateChecker().saveState(agent, previous: memory.configSnapshot, now: Int64(Date().timeIntervalSince1970))
    }

    private func recordConfigState(_ state: ConfigStateChecker.Report, settings: EffectiveDeviceSettings,
                                   memory: inout Memory, report: inout PollReport) {
        memory.hasConfigHistory = state.snapshot != nil
        memory.configSnapshot = state.snapshot ?? memory.configSnapshot
        guard state.snapshot != nil else { return }
        let unsaved = state.findings.first { $0.kind == .unsavedConfig }
        if let unsaved, !memory.configUnsaved {
            report.events.append(AlertSignal(device: settings.key, kind: .configUnsaved, severity: .warning, message: unsaved.message))
        } else if unsaved == nil, memory.configUnsaved {
            report.events.append(AlertSignal(device: settings.key, kind: .configUnsaved, severity: .warning,
                                             message: "running configuration saved", resolved: true))
        }
        memory.configUnsaved = unsaved != nil
        for change in state.findings where change.kind == .configChanged {
            report.events.append(AlertSignal(device: settings.key, kind: .configChanged, severity: .info, message: change.message))
        }
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
