public import Alerting
public import Config
import Devices
import Foundation
public import Store

/// Writes what the poller learns to the store and passes its signals to the alert pipeline:
/// reachability, the credential set that worked, identity (with its history), interfaces (with
/// theirs), rates as samples, health samples, LLDP/CDP neighbours and the physical inventory
/// (a field-replaceable unit inserted, removed or swapped is an `inventory_changed` event).
public actor StoreSink: PollSink {
    struct IDs: Sendable {
        var device: Int64
        var tenant: Int64
        var name: String
        var settings: EffectiveDeviceSettings
        var interfaces: [UInt32: Int64] = [:]
    }

    let store: any Store
    private let pipeline: AlertPipeline
    private var ids: [DeviceKey: IDs] = [:]
    /// Devices by IP, the one on port 161 first: syslog and traps are tied to devices per message.
    private var byHost: [String: DeviceKey] = [:]
    private var reachability: [DeviceKey: Reachability] = [:]
    /// Configured and inferred parents, and the ones last written to the store.
    private var parents = ParentBook()
    private var writtenParents: [DeviceKey: WrittenParent] = [:]
    /// Devices whose last poll got no answer.
    private var failing: Set<DeviceKey> = []
    /// A child's device-down signal waits here, keyed by its parent, while the parent is failing
    /// but not yet judged down: the parent's verdict decides whether the child is down in its own
    /// right or unreachable under the parent's alert (polls of parent and child interleave).
    private var heldDown: [DeviceKey: [HeldDown]] = [:]
    public private(set) var writeErrors = 0

    struct WrittenParent: Equatable {
        var id: Int64?
        var source: String?
    }

    struct HeldDown {
        var child: DeviceKey
        var signal: AlertSignal
        var since: Double
    }

    /// `parentDebounce`: seconds between two inferences of a site's parents from LLDP/CDP.
    public init(store: any Store, pipeline: AlertPipeline, parentDebounce: Double = 10) {
        self.store = store
        self.pipeline = pipeline
        parents = ParentBook(debounce: parentDebounce)
    }

    /// Makes sure every configured device has its rows (tenant, site, device, parent) and
    /// remembers their ids; call at start and after a reload. `gateways`: the sites' roots for
    /// parents inferred from LLDP/CDP.
    public func register(_ devices: [EffectiveDeviceSettings], gateways: [DeviceKey] = []) async throws {
        // All at once: the store's writer batches concurrent operations into one transaction,
        // where one at a time each would wait out the batching delay (ten thousand devices: minutes).
        let store = store
        let tenantIDs = try await Self.concurrently(Set(devices.map(\.key.tenant))) { name in
            (name, try await store.devices.ensureTenant(name).id)
        }
        let sitePairs = Set(devices.map { [$0.key.tenant, $0.key.site] })
        let siteIDs = try await Self.concurrently(sitePairs) { pair in
            (pair, try await store.devices.ensureSite(tenantID: tenantIDs[pair[0]]!, name: pair[1]).id)
        }
        let deviceIDs = try await Self.concurrently(devices) { settings in
            let key = settings.key
            let device = try await store.devices.ensureDevice(siteID: siteIDs[[key.tenant, key.site]]!, address: key.address.description,
                                                              name: settings.name, parentID: nil)
            return (key, device.id)
        }
        var next: [DeviceKey: IDs] = [:]
        for settings in devices {
            let key = settings.key
            var entry = IDs(device: deviceIDs[key]!, tenant: tenantIDs[key.tenant]!, name: settings.name, settings: settings)
            entry.interfaces = ids[key]?.interfaces ?? [:]
            next[key] = entry
        }
        ids = next
        let rank = { (key: DeviceKey) in (key.address.port == 161 ? 0 : 1, key.address.port) }
        byHost = Dictionary(next.keys.map { ($0.address.host, $0) }) { rank($0) < rank($1) ? $0 : $1 }

        // Parents: what the store remembers of neighbours and names feeds the inference at once.
        let keyByID = Dictionary(next.map { ($0.value.device, $0.key) }) { first, _ in first }
        let sysNames = try await store.devices.sysNames()
        let tables = try await store.neighbours.allNeighbours()
        parents.reset(
            devices: devices, gateways: gateways,
            sysNames: Dictionary(sysNames.compactMap { id, name in keyByID[id].map { ($0, name) } }) { first, _ in first },
            tables: Dictionary(tables.compactMap { id, rows in keyByID[id].map { ($0, rows.map(Self.advertised)) } }) { first, _ in first })
        writtenParents = [:]
        for device in try await store.devices.devices(tenantID: nil, siteID: nil) {
            guard let key = keyByID[device.id] else { continue }
            writtenParents[key] = WrittenParent(id: device.parentID, source: device.parentID == nil ? nil : device.parentSource)
        }
        _ = parents.refresh(now: ProcessInfo.processInfo.systemUptime)
        try await writeParents(Array(next.keys))
    }

    /// Writes the parents that differ from what the store has.
    private func writeParents(_ keys: [DeviceKey]) async throws {
        var changes: [(Int64, WrittenParent)] = []
        for key in keys {
            guard let entry = ids[key] else { continue }
            let wanted = parents.parent(of: key).flatMap { parent in ids[parent.parent].map { WrittenParent(id: $0.device, source: parent.source) } }
                ?? WrittenParent(id: nil, source: nil)
            if wanted != writtenParents[key] ?? WrittenParent(id: nil, source: nil) {
                changes.append((entry.device, wanted))
                writtenParents[key] = wanted
            }
        }
        let store = store
        _ = try await Self.concurrently(changes) { change in
            try await store.devices.setParent(deviceID: change.0, parentID: change.1.id, source: change.1.source)
            return (change.0, change.0)
        }
    }

    /// The device's settings with its parent as the daemon knows it (configured or inferred).
    private func effectiveSettings(_ key: DeviceKey, _ entry: IDs) -> EffectiveDeviceSettings {
        var settings = entry.settings
        settings.parent = parents.parent(of: key)?.parent
        return settings
    }

    /// The parent the daemon uses for a device, and where it came from (`config`, `lldp`, `cdp`).
    public func parent(of key: DeviceKey) -> ParentBook.Entry? { parents.parent(of: key) }

    /// Runs `operation` for every item, at most `width` at a time, and collects the pairs it returns.
    static func concurrently<Item: Sendable, Key: Hashable & Sendable>(
        _ items: some Collection<Item>, width: Int = 1000,
        _ operation: @escaping @Sendable (Item) async throws -> (Key, Int64)
    ) async throws -> [Key: Int64] {
        try await withThrowingTaskGroup(of: (Key, Int64).self) { group in
            var result: [Key: Int64] = [:]
            var pending = items.makeIterator(), running = 0
            while running < width, let item = pending.next() {
                group.addTask { try await operation(item) }
                running += 1
            }
            while let (key, id) = try await group.next() {
                result[key] = id
                if let item = pending.next() { group.addTask { try await operation(item) } }
            }
            return result
        }
    }

    public func deviceID(for key: DeviceKey) -> Int64? { ids[key]?.device }

    /// The device a syslog message or trap from `address` (an IP) belongs to: the configured
    /// device with that address, the one on the standard port 161 when several share it (labs,
    /// simulators); nil for an address no device has.
    public func context(forSource address: String) -> AlertPipeline.DeviceContext? {
        guard let key = byHost[address], let entry = ids[key] else { return nil }
        return AlertPipeline.DeviceContext(deviceID: entry.device, tenantID: entry.tenant, name: entry.name,
                                           settings: effectiveSettings(key, entry), interfaceIDs: entry.interfaces)
    }

    /// The ifIndex of a device's interface by its ifName or ifDescr, as last polled.
    public func interfaceIndex(device key: DeviceKey, named name: String) async -> UInt32? {
        guard let entry = ids[key], let interfaces = try? await store.interfaces.interfaces(deviceID: entry.device) else { return nil }
        let wanted = name.lowercased()
        return interfaces.first { [$0.observation.name, $0.observation.descr].contains { $0?.lowercased() == wanted } }
            .map { UInt32(truncatingIfNeeded: $0.observation.ifIndex) }
    }

    public func pollCompleted(_ report: PollReport) async {
        guard var entry = ids[report.device] else { return }
        let now = Date()
        do {
            if report.failure == nil {
                _ = try await store.devices.markSeen(deviceID: entry.device, at: now, sysUpTime: report.uptime.map(Int64.init), credentialSet: report.credentialSet)
                let observations = report.interfaces.map(Self.observation)
                if !observations.isEmpty {
                    _ = try await store.interfaces.sync(deviceID: entry.device, observations, at: now)
                    if entry.interfaces.count != report.interfaces.count || report.interfaces.contains(where: { entry.interfaces[$0.index] == nil }) {
                        for interface in try await store.interfaces.interfaces(deviceID: entry.device) {
                            entry.interfaces[UInt32(truncatingIfNeeded: interface.observation.ifIndex)] = interface.id
                        }
                        ids[report.device] = entry
                    }
                }
                let samples = report.rates.compactMap { index, rates -> InterfaceSample? in
                    guard let id = entry.interfaces[index], rates.skipped == nil else { return nil }
                    return InterfaceSample(interfaceID: id, at: now, rates: .init(
                        inBitsPerSecond: rates.inBitsPerSecond, outBitsPerSecond: rates.outBitsPerSecond,
                        inPacketsPerSecond: rates.inPacketsPerSecond, outPacketsPerSecond: rates.outPacketsPerSecond,
                        inErrorsPerSecond: rates.inErrorsPerSecond, outErrorsPerSecond: rates.outErrorsPerSecond,
                        inDiscardsPerSecond: rates.inDiscardsPerSecond, outDiscardsPerSecond: rates.outDiscardsPerSecond,
                        inUtilisation: rates.inUtilisation, outUtilisation: rates.outUtilisation))
                }
                if !samples.isEmpty { try await store.samples.record(samples) }
                if let identity = report.identity {
                    _ = try await store.devices.recordIdentity(deviceID: entry.device, Self.storedIdentity(identity), at: now)
                }
                if let health = report.health, !health.readings.isEmpty {
                    try await store.health.record(health.readings.map {
                        StoredHealthSample(deviceID: entry.device, at: now, metric: $0.metric.rawValue, label: $0.label, value: $0.value)
                    })
                }
                let neighbours = report.neighbours?.map(Self.storedNeighbour)
                if let neighbours {
                    _ = try await store.neighbours.replace(deviceID: entry.device, neighbours, at: now)
                }
                if let inventory = report.inventory {
                    try await recordInventory(inventory, deviceID: entry.device, at: now)
                }
                if report.identity != nil || neighbours != nil {
                    parents.learned(report.device, sysName: report.identity?.sysName, table: neighbours?.map(Self.advertised))
                }
                try await writeParents(parents.refresh(now: ProcessInfo.processInfo.systemUptime))
            }
            let clock = ProcessInfo.processInfo.systemUptime
            let events = holdDownWhileParentFails(report, clock: clock)
            // Reachability as the monitor judges it (down only after N failed checks), written on change.
            var state = reachability[report.device]
            if report.failure == nil { state = .up }
            for signal in report.events where signal.kind == .deviceDown { state = signal.resolved ? .up : .down }
            if state == .down, let parent = parents.parent(of: report.device)?.parent, isOut(parent) { state = .unreachable }
            try await setReachability(report.device, entry, state, at: now)
            try await pipeline.handle(events, device: context(report.device, entry), at: now)
            try await releaseHeldDown(after: report.device, clock: clock, at: now)
        } catch {
            writeErrors += 1
        }
    }

    /// The report's signals, less a device-down that must wait for its parent's verdict: the
    /// parent failed its last poll but is not judged down yet (polls of parent and child
    /// interleave, so the child's Nth failure may come first).
    private func holdDownWhileParentFails(_ report: PollReport, clock: Double) -> [AlertSignal] {
        var events = report.events
        if report.failure == nil {
            failing.remove(report.device)
            // Back before its parent's verdict: nothing to raise for it.
            for parent in heldDown.keys { heldDown[parent]?.removeAll { $0.child == report.device } }
        } else {
            failing.insert(report.device)
        }
        if let index = events.firstIndex(where: { $0.kind == .deviceDown && !$0.resolved }),
           let parent = parents.parent(of: report.device)?.parent, failing.contains(parent), !isOut(parent) {
            heldDown[parent, default: []].append(HeldDown(child: report.device, signal: events.remove(at: index), since: clock))
        }
        return events
    }

    /// Releases the children `device` held (its verdict is in), and any held longer than two of
    /// their parent's intervals: unreachable under the parent's alert if it is down, down in
    /// their own right if not.
    private func releaseHeldDown(after device: DeviceKey, clock: Double, at now: Date) async throws {
        var release = heldDown.removeValue(forKey: device) ?? []
        for (parent, held) in heldDown {
            let patience = 2 * DevicePoller.seconds(ids[parent]?.settings.polling.interval ?? .seconds(60)) + 30
            release += held.filter { clock - $0.since > patience }
            let waiting = held.filter { clock - $0.since <= patience }
            heldDown[parent] = waiting.isEmpty ? nil : waiting
        }
        for held in release {
            guard let childEntry = ids[held.child] else { continue }
            if let parent = parents.parent(of: held.child)?.parent, isOut(parent) {
                try await setReachability(held.child, childEntry, .unreachable, at: now)
            }
            try await pipeline.handle([held.signal], device: context(held.child, childEntry), at: now)
        }
    }

    /// Judged down, or unreachable behind its own parent.
    private func isOut(_ key: DeviceKey) -> Bool {
        reachability[key] == .down || reachability[key] == .unreachable
    }

    private func setReachability(_ key: DeviceKey, _ entry: IDs, _ state: Reachability?, at now: Date) async throws {
        guard let state, state != reachability[key] else { return }
        reachability[key] = state
        _ = try await store.devices.setReachability(deviceID: entry.device, state, at: now)
    }

    private func context(_ key: DeviceKey, _ entry: IDs) -> AlertPipeline.DeviceContext {
        AlertPipeline.DeviceContext(deviceID: entry.device, tenantID: entry.tenant, name: entry.name,
                                    settings: effectiveSettings(key, entry), interfaceIDs: entry.interfaces)
    }

    static func observation(_ reading: InterfaceReading) -> InterfaceObservation {
        InterfaceObservation(
            ifIndex: Int64(reading.index), name: reading.name, descr: reading.descr, alias: reading.alias,
            type: reading.type.map(Int64.init), speed: reading.speed.map { Int64(clamping: $0) },
            adminStatus: reading.adminStatus.map { Int64($0.rawValue) }, operStatus: reading.operStatus.map { Int64($0.rawValue) },
            duplex: reading.duplex.map(Int64.init),
            mac: reading.mac.map { $0.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined(separator: ":") })
    }
}
