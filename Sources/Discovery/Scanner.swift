public import Devices
import Foundation
public import SNMP

/// A one-shot scan: find live hosts (ARP on attached segments, ICMP echo, TCP connects), then
/// ask the live ones over SNMP, then optionally crawl their LLDP/CDP neighbours.
public struct Scanner: Sendable {
    public let options: ScanOptions
    public let identifier: DeviceIdentifier
    public let ouis: OUIRegistry?

    public init(options: ScanOptions, identifier: DeviceIdentifier, ouis: OUIRegistry?) {
        self.options = options
        self.identifier = identifier
        self.ouis = ouis
    }

    /// Whether this process may open raw sockets (root or CAP_NET_RAW).
    public static var hasRawAccess: Bool {
        guard let fd = ICMPEcho.openSocket(v6: false) else { return false }
        close(fd)
        return true
    }

    public static let noRawAccessNotice = "no root or CAP_NET_RAW: skipping ARP and ICMP; finding hosts with TCP connects and SNMP only"

    public func run(_ targets: TargetSet, client: SNMPClient) async -> ScanResult {
        let started = PacketPacer.now()
        let meter = ProgressMeter(callback: options.progress, rate: options.rate)
        var (found, notices) = await discover(targets, meter: meter)
        let discoverySeconds = PacketPacer.now() - started

        // Without raw sockets a host that filters TCP is found only by SNMP: ask every other
        // address of a small scan too, after the live ones (unanswered ARP on the shared
        // socket must not disturb their tables).
        var snmpTargets = found.filter { !$0.value.seenBy.contains(.local) }.keys.sorted()
        if !Self.hasRawAccess && targets.count <= 4096 {
            snmpTargets += targets.addresses.filter { found[$0] == nil }
        }
        let sweep = SNMPSweep(client: client, identifier: identifier, credentials: options.credentials, retry: options.snmpRetry)
        if !options.credentials.isEmpty {
            meter.start(.snmp, total: snmpTargets.count)
            let live = snmpTargets.filter { found[$0] != nil }
            var answers = await probeAll(live, sweep: sweep, meter: meter)
            let rest = snmpTargets.filter { found[$0] == nil }
            if !rest.isEmpty {
                answers.merge(await probeAll(rest, sweep: sweep, meter: meter)) { first, _ in first }
            }
            for (address, findings) in answers {
                found[address, default: ScannedHost(address: address)].snmp = findings
                found[address]?.seenBy.insert(.snmp)
            }
            if options.followNeighbors {
                await crawl(&found, allowed: options.allowed ?? targets, sweep: sweep, meter: meter)
            }
        }
        for address in found.keys {
            if let mac = found[address]?.mac { found[address]?.macVendor = ouis?.organization(for: mac) }
        }
        return ScanResult(hosts: found.keys.sorted().compactMap { found[$0] }, probed: targets.count, notices: notices,
                          discoverySeconds: discoverySeconds, totalSeconds: PacketPacer.now() - started)
    }

    /// Live hosts by address, and notices about what could not be done.
    func discover(_ targets: TargetSet, meter: ProgressMeter) async -> ([IPAddress: ScannedHost], [String]) {
        var notices: [String] = []
        var found: [IPAddress: ScannedHost] = [:]
        let pacer = PacketPacer(packetsPerSecond: options.rate)
        let addresses = targets.addresses
        let raw = Self.hasRawAccess
        if !raw && (options.useARP || options.useICMP) { notices.append(Self.noRawAccessNotice) }

        // Our own addresses are live without asking; ARP covers the rest of each attached segment.
        let interfaces = LocalInterface.all()
        var onLink: [(LocalInterface, [UInt32])] = []
        var covered = Set<IPAddress>()
        for interface in interfaces where targets.contains(.v4(interface.address)) {
            found[.v4(interface.address), default: ScannedHost(address: .v4(interface.address), mac: interface.mac)].seenBy.insert(.local)
        }
        if raw && options.useARP {
            for interface in interfaces {
                let subnet = interface.subnet
                let inside = addresses.compactMap { address -> UInt32? in
                    guard case .v4(let v) = address, subnet.contains(address), v != interface.address, !covered.contains(address) else { return nil }
                    return v
                }
                if !inside.isEmpty {
                    onLink.append((interface, inside))
                    covered.formUnion(inside.map { .v4($0) })
                }
            }
        }
        // ICMP goes to the addresses ARP cannot reach now, and to the ARP responders after the
        // sweep: an attached host that ignored ARP cannot answer a ping either, and a /16 costs
        // one packet per address instead of two.
        let useICMP = raw && options.useICMP
        let offLink = useICMP ? addresses.filter { found[$0] == nil && !covered.contains($0) } : []
        meter.start(.discovery, total: onLink.reduce(0) { $0 + $1.1.count } + offLink.count)

        let wait = options.replyWait, arpJobs = onLink
        async let arpReplies: ([IPAddress: [UInt8]], [String]) = onThread("arp") {
            var replies: [IPAddress: [UInt8]] = [:], problems: [String] = []
            for (interface, inside) in arpJobs {
                do {
                    let answers = try ARPSweep(interface: interface, pacer: pacer, wait: wait).run(inside) { meter.advance() }
                    for (ip, mac) in answers { replies[.v4(ip)] = mac }
                } catch let error as ARPSweep.Failure {
                    switch error {
                    case .permission(let text), .other(let text): problems.append("ARP on \(interface.name) failed: \(text)")
                    }
                } catch {
                    problems.append("ARP on \(interface.name) failed: \(error)")
                }
            }
            return (replies, problems)
        }
        async let echoes: Set<IPAddress> = offLink.isEmpty ? [] : onThread("icmp") {
            ICMPEcho(pacer: pacer, wait: wait).run(offLink) { meter.advance() }
        }
        let (arp, arpProblems) = await arpReplies
        var icmp = await echoes
        notices += arpProblems
        for (address, mac) in arp {
            found[address, default: ScannedHost(address: address)].mac = mac
            found[address]?.seenBy.insert(.arp)
        }
        if useICMP && !arp.isEmpty {
            // Resolved neighbours answer within a millisecond; a short wait is plenty.
            let neighbours = arp.keys.sorted()
            icmp.formUnion(await onThread("icmp") { ICMPEcho(pacer: pacer, wait: min(wait, 0.2)).run(neighbours) {} })
        }
        for address in icmp {
            found[address, default: ScannedHost(address: address)].seenBy.insert(.icmp)
        }
        meter.found(found.count)

        // TCP for what ARP could not settle: off-link addresses (or all, without raw sockets).
        // An attached address that ignored ARP cannot answer TCP either.
        if options.useTCP {
            let tcpTargets = addresses.filter { found[$0] == nil && !covered.contains($0) }
            if !tcpTargets.isEmpty {
                meter.start(.discovery, total: tcpTargets.count, packetsEach: options.tcpPorts.count)
                let probe = TCPConnectProbe(ports: options.tcpPorts, pacer: pacer, concurrency: options.concurrency, timeout: options.tcpTimeout)
                let answers = await onThread("tcp") { probe.run(tcpTargets) { meter.advance() } }
                for (address, answer) in answers {
                    found[address, default: ScannedHost(address: address)].seenBy.insert(.tcp)
                    found[address]?.openPorts = answer.open
                }
                meter.found(found.count)
            }
        }
        return (found, notices)
    }

    func probeAll(_ addresses: [IPAddress], sweep: SNMPSweep, meter: ProgressMeter) async -> [IPAddress: SNMPFindings] {
        await withTaskGroup(of: (IPAddress, SNMPFindings?).self) { group in
            var results: [IPAddress: SNMPFindings] = [:]
            var next = 0
            func add() {
                let address = addresses[next]
                next += 1
                group.addTask { (address, await sweep.probe(address)) }
            }
            while next < min(addresses.count, options.concurrency) { add() }
            for await (address, findings) in group {
                meter.advance()
                if let findings {
                    results[address] = findings
                    meter.answered()
                }
                if next < addresses.count { add() }
            }
            return results
        }
    }

    /// Follows LLDP/CDP management addresses inside `allowed`, breadth first, each address once.
    func crawl(_ found: inout [IPAddress: ScannedHost], allowed: TargetSet, sweep: SNMPSweep, meter: ProgressMeter) async {
        var asked = Set(found.keys)
        while true {
            let next = Set(found.values.flatMap { $0.snmp?.neighbours ?? [] }.compactMap { $0.address.flatMap { IPAddress($0) } })
                .filter { allowed.contains($0) && !asked.contains($0) }.sorted()
            guard !next.isEmpty else { return }
            asked.formUnion(next)
            meter.start(.neighbours, total: next.count)
            for (address, findings) in await probeAll(next, sweep: sweep, meter: meter) {
                found[address, default: ScannedHost(address: address)].snmp = findings
                found[address]?.seenBy.formUnion([.snmp, .neighbour])
            }
        }
    }
}

/// Counts for the progress line, updated from the probe threads.
final class ProgressMeter: @unchecked Sendable {
    // @unchecked: every field is touched under the lock.
    private let lock = NSLock()
    private let callback: (@Sendable (ScanProgress) -> Void)?
    private let rate: Int
    private var state = ScanProgress(phase: .discovery, done: 0, total: 0, live: 0, snmp: 0)
    private var packetsEach = 1
    private var phaseStart = 0.0
    private var lastReport = 0.0

    init(callback: (@Sendable (ScanProgress) -> Void)?, rate: Int) {
        self.callback = callback
        self.rate = rate
    }

    func start(_ phase: ScanProgress.Phase, total: Int, packetsEach: Int = 1) {
        lock.withLock {
            state.phase = phase
            state.total = total
            state.done = 0
            self.packetsEach = packetsEach
            phaseStart = PacketPacer.now()
        }
        report(force: true)
    }

    func advance() {
        lock.withLock { state.done += 1 }
        report(force: false)
    }

    func found(_ live: Int) {
        lock.withLock { state.live = live }
        report(force: true)
    }

    func answered() {
        lock.withLock { state.snmp += 1 }
    }

    private func report(force: Bool) {
        guard let callback else { return }
        let now = PacketPacer.now()
        let snapshot: ScanProgress? = lock.withLock {
            guard force || now - lastReport >= 0.1 || state.done == state.total else { return nil }
            lastReport = now
            var copy = state
            let left = Double(max(0, state.total - state.done))
            if state.phase == .discovery {
                copy.eta = left * Double(packetsEach) / Double(max(1, rate))
            } else if state.done > 0 {
                copy.eta = (now - phaseStart) / Double(state.done) * left
            }
            return copy
        }
        if let snapshot { callback(snapshot) }
    }
}
