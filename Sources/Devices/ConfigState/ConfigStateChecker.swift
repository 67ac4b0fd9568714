public import SNMP
import SNMPCodec

/// Checks a device's configuration state from SNMP alone, reading only: unsaved running
/// configuration, a change since the last check, and insecure management (well-known
/// communities, a writable community, SNMPv3 without authentication). Nothing is ever written
/// to the device: writability is read from its VACM tables (RFC 3415), not tried.
public struct ConfigStateChecker: Sendable {
    /// Makes an agent for the same address with other credentials (the community and
    /// noAuthNoPriv probes).
    public typealias AgentFactory = @Sendable (any SNMPSecurityModel) async throws -> SNMPAgent

    /// What was remembered of a device's configuration at the last check.
    public struct Snapshot: Sendable, Hashable, Codable {
        /// When the running configuration last changed, in seconds since the epoch (from
        /// ccmHistoryRunningLastChanged and sysUpTime), or Junos's latest commit index.
        public var lastChange: Int64
        public var source: String

        public init(lastChange: Int64, source: String) {
            self.lastChange = lastChange
            self.source = source
        }
    }

    public struct Report: Sendable, Hashable, Codable {
        public var findings: [ConfigFinding] = []
        public var snapshot: Snapshot?
    }

    // CISCO-CONFIG-MAN-MIB ccmHistory: TimeTicks of sysUpTime at each event (0: not since boot).
    static let ccmRunningLastChanged = OID("1.3.6.1.4.1.9.9.43.1.1.1.0")
    static let ccmRunningLastSaved = OID("1.3.6.1.4.1.9.9.43.1.1.2.0")
    static let ccmStartupLastChanged = OID("1.3.6.1.4.1.9.9.43.1.1.3.0")
    // JUNIPER-CFGMGMT-MIB: the latest commit (Junos commits are saved when made).
    static let jnxCmCfgChgLatestIndex = OID("1.3.6.1.4.1.2636.3.18.1.1.0")
    static let sysUpTime = OID("1.3.6.1.2.1.1.3.0")
    static let sysObjectID = OID("1.3.6.1.2.1.1.2.0")
    // SNMP-VIEW-BASED-ACM-MIB vacmAccessWriteViewName and vacmAccessReadViewName.
    static let vacmAccessReadViewName = OID("1.3.6.1.6.3.16.1.4.1.5")
    static let vacmAccessWriteViewName = OID("1.3.6.1.6.3.16.1.4.1.6")

    public let wellKnownCommunities: [String]

    public init(wellKnownCommunities: [String] = ["public", "private"]) {
        self.wellKnownCommunities = wellKnownCommunities
    }

    /// - Parameters:
    ///   - agent: The device with the credentials that work.
    ///   - makeAgent: Agents for the same address with other credentials.
    ///   - v3User: A USM user name to try at noAuthNoPriv (the one the credentials use).
    ///   - previous: The snapshot of the last check, to tell a change.
    ///   - now: Seconds since the epoch, to turn uptime ticks into times.
    public func check(_ agent: SNMPAgent, makeAgent: AgentFactory, v3User: String?, previous: Snapshot?,
                      now: Int64) async throws -> Report {
        var report = try await saveState(agent, previous: previous, now: now)
        for community in wellKnownCommunities {
            for version in [SNMPVersion.v2c, .v1] {
                let probe = try await makeAgent(CommunitySecurity(community, version: version))
                if (try? await probe.get([Self.sysObjectID]))?.first.map({ !$0.value.isException }) == true {
                    report.findings.append(ConfigFinding(.defaultCommunity, "answers SNMP\(version == .v1 ? "v1" : "v2c") community '\(community)'"))
                    break
                }
            }
        }

        report.findings += await writableCommunities(agent)
        if let v3User {
            let probe = try await makeAgent(USMSecurity(user: try USMUser(name: v3User, level: .noAuthNoPriv)))
            if (try? await probe.get([Self.sysObjectID]))?.first.map({ !$0.value.isException }) == true {
                report.findings.append(ConfigFinding(.noAuthNoPriv, "SNMPv3 user '\(v3User)' is answered without authentication (noAuthNoPriv)"))
            }
        }
        report.findings += await unauthenticatedGroups(agent)
        return report
    }

    /// The configuration history alone, one GET with the working credentials: unsaved running
    /// configuration and a change since `previous`. This is what the daemon asks on every
    /// identification; the insecure-management probes stay with `check config`, since they try
    /// other credentials and a device may log (or trap) each of them as an authentication failure.
    public func saveState(_ agent: SNMPAgent, previous: Snapshot?, now: Int64) async throws -> Report {
        var report = Report()
        let values = try await agent.get([Self.sysUpTime, Self.ccmRunningLastChanged, Self.ccmRunningLastSaved,
                                          Self.ccmStartupLastChanged, Self.jnxCmCfgChgLatestIndex])
        func ticks(_ index: Int) -> UInt32? {
            if case .timeTicks(let value) = values[index].value { return value }
            return nil
        }
        if let uptime = ticks(0), let runningChanged = ticks(1), let startupChanged = ticks(3) {
            let runningSaved = ticks(2) ?? 0
            if runningChanged > max(startupChanged, runningSaved) {
                let ago = Self.duration(Int64(uptime) - Int64(runningChanged))
                report.findings.append(ConfigFinding(.unsavedConfig,
                    "running configuration changed \(ago) ago and was not saved since (CISCO-CONFIG-MAN-MIB: ccmHistoryRunningLastChanged \(runningChanged) > ccmHistoryStartupLastChanged \(startupChanged))"))
            }
            if runningChanged > 0 {
                // Seconds since the epoch of the change; a few seconds of jitter between polls is not a change.
                let changedAt = now - (Int64(uptime) - Int64(runningChanged)) / 100
                report.snapshot = Snapshot(lastChange: changedAt, source: "ccmHistoryRunningLastChanged")
                if let previous, previous.source == "ccmHistoryRunningLastChanged", abs(previous.lastChange - changedAt) > 5 {
                    report.findings.append(ConfigFinding(.configChanged, "running configuration changed since the last check (\(Self.duration((changedAt - previous.lastChange) * 100)) later)"))
                }
            }
        } else if case .integer(let index) = values[4].value {
            report.snapshot = Snapshot(lastChange: Int64(index), source: "jnxCmCfgChgLatestIndex")
            if let previous, previous.source == "jnxCmCfgChgLatestIndex", previous.lastChange != Int64(index) {
                report.findings.append(ConfigFinding(.configChanged, "a configuration was committed since the last check (jnxCmCfgChgLatestIndex \(previous.lastChange) → \(index))"))
            }
        } else {
            report.findings.append(ConfigFinding(.notDetermined, "the device exposes no configuration history (CISCO-CONFIG-MAN-MIB, JUNIPER-CFGMGMT-MIB): saved state unknown"))
        }

        return report
    }

    /// VACM access rows of the community security models (v1 = 1, v2c = 2) with a write view.
    func writableCommunities(_ agent: SNMPAgent) async -> [ConfigFinding] {
        guard let rows = try? await Self.collect(agent, Self.vacmAccessWriteViewName) else {
            return [ConfigFinding(.notDetermined, "VACM access table not readable: community write access unknown")]
        }
        if rows.isEmpty { return [ConfigFinding(.notDetermined, "VACM access table not readable: community write access unknown")] }
        var groups: [String] = []
        for (index, view) in rows where Self.grantsAccess(view) {
            // Index: groupName (length-prefixed), contextPrefix (length-prefixed), securityModel, securityLevel.
            // Model 0 is "any": net-snmp files its rwcommunity groups there.
            guard let entry = Self.accessIndex(index), entry.model <= 2 else { continue }
            let model = ["any model", "SNMPv1", "SNMPv2c"][Int(entry.model)]
            groups.append("group \(entry.group) (\(model), write view \(view))")
        }
        return groups.isEmpty ? [] : [ConfigFinding(.writableCommunity, "VACM grants v1/v2c write access: " + groups.joined(separator: ", "))]
    }

    /// VACM access rows of USM (3) at noAuthNoPriv (1) with a read view.
    func unauthenticatedGroups(_ agent: SNMPAgent) async -> [ConfigFinding] {
        guard let rows = try? await Self.collect(agent, Self.vacmAccessReadViewName) else { return [] }
        let groups = rows.compactMap { index, view -> String? in
            guard Self.grantsAccess(view), let entry = Self.accessIndex(index), entry.model == 3, entry.level == 1 else { return nil }
            return entry.group
        }
        return groups.isEmpty ? [] : [ConfigFinding(.noAuthNoPriv, "VACM lets SNMPv3 group(s) read without authentication: " + groups.joined(separator: ", "))]
    }

    /// An empty view name grants nothing (RFC 3415); net-snmp also writes "none" for no access.
    static func grantsAccess(_ view: String) -> Bool { !view.isEmpty && view != "none" }

    static func collect(_ agent: SNMPAgent, _ column: OID) async throws -> [([UInt32], String)] {
        var rows: [([UInt32], String)] = []
        for try await varBind in agent.walk(column) {
            guard let index = varBind.oid.suffix(after: column), case .octetString(let text) = varBind.value else { continue }
            rows.append((index, String(decoding: text.bytes, as: UTF8.self)))
            if rows.count > 10_000 { break }
        }
        return rows
    }

    static func accessIndex(_ arcs: [UInt32]) -> (group: String, model: UInt32, level: UInt32)? {
        guard let groupLength = arcs.first.map(Int.init), arcs.count > groupLength + 1 else { return nil }
        let group = String(decoding: arcs[1...groupLength].map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)
        let contextLength = Int(arcs[groupLength + 1])
        let rest = arcs.dropFirst(groupLength + 2 + contextLength)
        guard rest.count == 2 else { return nil }
        return (group, rest[rest.startIndex], rest[rest.startIndex + 1])
    }

    /// Hundredths of a second as `3d 4h`, `12m 5s`.
    static func duration(_ centiseconds: Int64) -> String {
        let seconds = max(0, centiseconds / 100)
        let days = seconds / 86_400, hours = seconds / 3600 % 24, minutes = seconds / 60 % 60, secs = seconds % 60
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        return "\(minutes)m \(secs)s"
    }
}
