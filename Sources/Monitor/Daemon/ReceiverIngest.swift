public import Alerting
public import Config
public import Foundation
import NIOCore
public import SNMP
import SNMPCodec
public import Store
import Synchronization
import Syslog
public import SyslogServer

/// Stores what the syslog and trap receivers hand over, ties each message to its device (by
/// source address among the configured devices), and turns classified messages into the same
/// signals the poller raises: a `%LINK-3-UPDOWN` line or a linkDown trap for an interface the
/// poller already found down counts as more evidence on that one alert, not another alert.
public actor ReceiverIngest {
    private let store: any Store
    private let pipeline: AlertPipeline
    private let sink: StoreSink
    /// Asks the poller to poll a device now: what a trap reports (a link, a restart, a
    /// configuration change) is confirmed and measured at once rather than at the next slot.
    private let repoll: @Sendable (DeviceKey) async -> Void
    public private(set) var stored = 0
    public private(set) var storeErrors = 0

    public init(store: any Store, pipeline: AlertPipeline, sink: StoreSink,
                repoll: @escaping @Sendable (DeviceKey) async -> Void = { _ in }) {
        self.store = store
        self.pipeline = pipeline
        self.sink = sink
        self.repoll = repoll
    }

    /// Batches being stored at once (syslog and traps alike). Each waits for its commit; keeping
    /// several in flight lets the store's writer commit them together while the next ones are
    /// read and parsed (one at a time, the ingest would idle for every commit). A sequence is
    /// consumed no faster than batches commit, so TCP senders feel the back-pressure.
    static let batchSize = 2_000
    /// Traps per batch: a trap storm is stored like syslog, not one transaction (and one writer
    /// delay) per trap.
    static let trapBatchSize = 1_000
    static let batchesInFlight = 16
    /// A partial batch is stored after this long even when no further message arrives.
    static let batchDelay: Duration = .milliseconds(200)

    private var inFlight: [Task<Void, Never>] = []
    private var turn: Task<Void, Never>?

    /// What storing one batch takes: its write (several in flight at once), and what must follow
    /// it in the order the batches arrived (alert signals, re-polls).
    struct BatchWork: Sendable {
        var write: @Sendable () async -> Void
        var after: @Sendable () async -> Void
    }

    /// Consumes the syslog server's messages until it closes; writes in batches of `batchSize`,
    /// or whatever has waited `batchDelay`.
    public nonisolated func run(_ messages: SyslogMessageSequence) async {
        await consume(messages, batchSize: Self.batchSize) { batch in await self.syslogWork(batch) }
    }

    /// Consumes the trap receiver's notifications until they end: stored in batches with their
    /// varbinds, mapped to signals in arrival order.
    public nonisolated func run(traps: some AsyncSequence<ReceivedTrap, Never> & Sendable) async {
        await consume(traps, batchSize: Self.trapBatchSize) { batch in await self.trapWork(batch) }
    }

    /// Hands `items` over in batches of `batchSize`, or whatever has waited `batchDelay` (a
    /// timer task, so the last items of a burst do not wait for the next one), then waits for
    /// every batch to be stored.
    private nonisolated func consume<Items: AsyncSequence & Sendable>(
        _ items: Items, batchSize: Int, prepare: @escaping @Sendable ([Items.Element]) async -> BatchWork
    ) async where Items.Element: Sendable, Items.Failure == Never {
        let pending = PendingBatch<Items.Element>()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.batchDelay / 2)
                    if let due = pending.takeIfOlder(than: Self.batchDelay) { await self.enqueue { await prepare(due) } }
                }
            }
            for await item in items {
                if let full = pending.append(item, limit: batchSize) { await enqueue { await prepare(full) } }
            }
            group.cancelAll()
        }
        let rest = pending.takeAll()
        if !rest.isEmpty { await enqueue { await prepare(rest) } }
        await drain()
    }

    /// Prepares a batch after the batches handed over before it (their order is kept), starts
    /// its write, and returns once fewer than `batchesInFlight` are waiting for their commit.
    private func enqueue(_ prepare: @escaping @Sendable () async -> BatchWork) async {
        let previous = turn
        let mine = Task {
            await previous?.value
            await self.start(await prepare())
        }
        turn = mine
        await mine.value
    }

    private func start(_ work: BatchWork) async {
        let previous = inFlight.last
        inFlight.append(Task {
            await work.write()
            // What follows a batch runs in the order the batches arrived.
            await previous?.value
            await work.after()
        })
        while inFlight.count >= Self.batchesInFlight { await inFlight.removeFirst().value }
    }

    private func drain() async {
        await turn?.value
        while !inFlight.isEmpty { await inFlight.removeFirst().value }
    }

    private func syslogWork(_ batch: [ReceivedSyslogMessage]) async -> BatchWork {
        let (drafts, signals) = await prepare(batch)
        return BatchWork(write: { await self.write(drafts) }, after: { await self.handle(signals) })
    }

    private func prepare(_ batch: [ReceivedSyslogMessage]) async -> ([SyslogRecordDraft], [(AlertPipeline.DeviceContext, AlertSignal)]) {
        var drafts: [SyslogRecordDraft] = []
        drafts.reserveCapacity(batch.count)
        var signals: [(AlertPipeline.DeviceContext, AlertSignal)] = []
        // One lookup per source address and batch, not one actor hop per message.
        var contexts: [String: AlertPipeline.DeviceContext?] = [:]
        // The address as text once per sender and batch: formatting it (inet_ntop) for every
        // datagram cost about 3% of a message.
        var addresses: [SocketAddress: String] = [:]
        for received in batch {
            let message = received.message
            let source: String
            if let known = addresses[received.source] {
                source = known
            } else {
                source = received.source.ipAddress ?? "?"
                addresses[received.source] = source
            }
            if contexts[source] == nil { contexts[source] = .some(await sink.context(forSource: source)) }
            let context = contexts[source] ?? nil
            drafts.append(SyslogRecordDraft(
                deviceID: context?.deviceID, receivedAt: Date(timeIntervalSince1970: message.receivedAt.timeIntervalSince1970), sourceAddress: source,
                facility: message.priority.map { Int64($0.facility.rawValue) },
                severity: message.priority.map { Int64($0.severity.rawValue) },
                hostname: message.hostname?.description, appName: message.appName?.description,
                msgID: message.mnemonic?.description ?? message.msgID?.description,
                message: message.message?.description ?? String(decoding: message.raw, as: UTF8.self),
                raw: message.raw, flags: Int64(message.flags.rawValue),
                eventClass: message.eventClass == .other ? nil : message.eventClass.rawValue))
            if let context, message.eventClass != .other, let signal = await signal(for: message, context: context) {
                signals.append((context, signal))
            }
        }
        return (drafts, signals)
    }

    private func write(_ drafts: [SyslogRecordDraft]) async {
        do {
            try await store.syslog.record(drafts)
            stored += drafts.count
        } catch {
            storeErrors += drafts.count
        }
    }

    private func handle(_ signals: [(AlertPipeline.DeviceContext, AlertSignal)]) async {
        for (context, signal) in signals {
            try? await pipeline.handle([signal], device: context, source: .syslog)
        }
    }

    private func signal(for message: SyslogMessage, context: AlertPipeline.DeviceContext) async -> AlertSignal? {
        let key = context.settings.key
        let text = message.message?.description ?? ""
        switch message.eventClass {
        case .linkDown, .linkUp:
            // Only an interface the poller knows can join its alert; others stay events.
            guard let name = message.interface?.description,
                  let index = await sink.interfaceIndex(device: key, named: name) else { return nil }
            let down = message.eventClass == .linkDown
            return AlertSignal(device: key, kind: .interfaceDown, severity: .warning, interface: index,
                               message: "\(name) \(down ? "went down" : "came up") (syslog: \(text.prefix(200)))", resolved: !down)
        case .configChanged:
            return AlertSignal(device: key, kind: .configChanged, severity: .info, message: "configuration changed (syslog: \(text.prefix(200)))")
        case .reboot:
            return AlertSignal(device: key, kind: .reboot, severity: .warning, message: "restarted (syslog: \(text.prefix(200)))")
        case .loginFailure:
            return AlertSignal(device: key, kind: .loginFailure, severity: .warning, message: "login failure (syslog: \(text.prefix(200)))")
        case .hardwareFault:
            return AlertSignal(device: key, kind: .hardwareFault, severity: .critical, message: "hardware fault (syslog: \(text.prefix(200)))")
        case .other:
            return nil
        }
    }

    public private(set) var trapsStored = 0

    private func trapWork(_ batch: [ReceivedTrap]) async -> BatchWork {
        var drafts: [TrapRecordDraft] = []
        drafts.reserveCapacity(batch.count)
        var signals: [(AlertPipeline.DeviceContext, AlertSignal)] = []
        var repolls: [DeviceKey] = []
        var contexts: [String: AlertPipeline.DeviceContext?] = [:]
        for trap in batch {
            if contexts[trap.source] == nil { contexts[trap.source] = .some(await sink.context(forSource: trap.source)) }
            let context = contexts[trap.source] ?? nil
            let content = trap.content
            let varbinds = "[" + content.varBinds.map { "{\"oid\":\"\($0.oid)\",\"type\":\"\($0.value.typeName)\",\"value\":\(Self.jsonString(Self.text($0.value)))}" }
                .joined(separator: ",") + "]"
            drafts.append(TrapRecordDraft(deviceID: context?.deviceID, receivedAt: trap.receivedAt, sourceAddress: trap.source,
                                          version: trap.version, trapOID: content.trapOID.description, varbindsJSON: varbinds))
            guard let context else { continue }
            let event = TrapEvent.map(content)
            if let signal = Self.signal(for: event, content: content, device: context.settings.key) { signals.append((context, signal)) }
            switch event.kind {
            case .linkDown, .linkUp, .reboot, .configChanged:
                if !repolls.contains(context.settings.key) { repolls.append(context.settings.key) }
            case .loginFailure, .hardwareFault, .other: break
            }
        }
        let (ready, raised, polls) = (drafts, signals, repolls)
        return BatchWork(write: { await self.writeTraps(ready) }, after: {
            for (context, signal) in raised { try? await self.pipeline.handle([signal], device: context, source: .trap) }
            for key in polls { await self.repoll(key) }
        })
    }

    private func writeTraps(_ drafts: [TrapRecordDraft]) async {
        do {
            _ = try await store.traps.record(drafts)
            trapsStored += drafts.count
        } catch {
            storeErrors += drafts.count
        }
    }

    /// What a trap means for the device's alerts: a link of a known ifIndex, a restart, a
    /// configuration change, a login failure, a hardware fault; nothing for the rest.
    static func signal(for event: TrapEvent, content: NotificationContent, device key: DeviceKey) -> AlertSignal? {
        let name = event.name ?? content.trapOID.description
        switch event.kind {
        case .linkDown, .linkUp:
            guard let index = event.ifIndex else { return nil }
            return AlertSignal(device: key, kind: .interfaceDown, severity: .warning, interface: UInt32(index),
                               message: "ifIndex \(index) \(event.kind == .linkDown ? "went down" : "came up") (trap \(name))",
                               resolved: event.kind == .linkUp)
        case .configChanged: return AlertSignal(device: key, kind: .configChanged, severity: .info, message: "configuration changed (trap \(name))")
        case .reboot: return AlertSignal(device: key, kind: .reboot, severity: .warning, message: "restarted (trap \(name))")
        case .loginFailure: return AlertSignal(device: key, kind: .loginFailure, severity: .warning, message: "authentication failure (trap \(name))")
        case .hardwareFault: return AlertSignal(device: key, kind: .hardwareFault, severity: .critical, message: "hardware fault (trap \(name))")
        case .other: return nil
        }
    }

    static func text(_ value: SNMPValue) -> String {
        switch value {
        case .octetString(let octets): octets.description
        case .integer(let v): String(v)
        case .counter32(let v), .gauge32(let v), .timeTicks(let v): String(v)
        case .counter64(let v): String(v)
        case .objectIdentifier(let oid): oid.description
        case .ipAddress(let address): address.description
        default: value.typeName
        }
    }

    static func jsonString(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// Messages read but not yet handed to the store, shared by the reading loop and the timer.
private final class PendingBatch<Item: Sendable>: Sendable {
    private let state = Mutex<(items: [Item], since: ContinuousClock.Instant?)>(([], nil))

    /// Adds a message; returns the batch once it has `limit` messages.
    func append(_ message: Item, limit: Int) -> [Item]? {
        state.withLock { s in
            if s.since == nil { s.since = .now }
            s.items.append(message)
            return s.items.count >= limit ? Self.take(&s) : nil
        }
    }

    func takeIfOlder(than age: Duration) -> [Item]? {
        state.withLock { s in
            guard let since = s.since, ContinuousClock.now - since >= age else { return nil }
            return Self.take(&s)
        }
    }

    func takeAll() -> [Item] { state.withLock { Self.take(&$0) } }

    private static func take(_ s: inout (items: [Item], since: ContinuousClock.Instant?)) -> [Item] {
        let items = s.items
        s = ([], nil)
        return items
    }
}

/// A notification as the trap receiver hands it to the ingest.
public struct ReceivedTrap: Sendable {
    public var content: NotificationContent
    /// `v1`, `v2c` or `v3`.
    public var version: String
    public var source: String
    public var receivedAt: Date

    public init(content: NotificationContent, version: String, source: String, receivedAt: Date = Date()) {
        self.content = content
        self.version = version
        self.source = source
        self.receivedAt = receivedAt
    }
}
