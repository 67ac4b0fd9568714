public import Alerting
public import Config
import Foundation
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
    private var pending: [SyslogRecordDraft] = []
    public private(set) var stored = 0
    public private(set) var storeErrors = 0

    public init(store: any Store, pipeline: AlertPipeline, sink: StoreSink,
                repoll: @escaping @Sendable (DeviceKey) async -> Void = { _ in }) {
        self.store = store
        self.pipeline = pipeline
        self.sink = sink
        self.repoll = repoll
    }

    /// Batches of syslog messages being stored at once. Each waits for its commit; keeping
    /// several in flight lets the store's writer commit them together while the next ones are
    /// read and parsed (one at a time, the ingest would idle for every commit). The sequence is
    /// consumed no faster than batches commit, so TCP senders feel the back-pressure.
    static let batchSize = 2_000
    static let batchesInFlight = 16
    /// A partial batch is stored after this long even when no further message arrives.
    static let batchDelay: Duration = .milliseconds(200)

    private var inFlight: [Task<Void, Never>] = []
    private var turn: Task<Void, Never>?

    /// Consumes the syslog server's messages until it closes; writes in batches of `batchSize`,
    /// or whatever has waited `batchDelay` (a timer task, so the last messages of a burst do not
    /// wait for the next one).
    public nonisolated func run(_ messages: SyslogMessageSequence) async {
        let pending = PendingBatch()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.batchDelay / 2)
                    if let due = pending.takeIfOlder(than: Self.batchDelay) { await self.enqueue(due) }
                }
            }
            for await received in messages {
                if let full = pending.append(received, limit: Self.batchSize) { await enqueue(full) }
            }
            group.cancelAll()
        }
        let rest = pending.takeAll()
        if !rest.isEmpty { await enqueue(rest) }
        await drain()
    }

    /// Starts storing `batch` after the batches handed over before it (their order is kept),
    /// and returns once fewer than `batchesInFlight` are waiting for their commit.
    private func enqueue(_ batch: [ReceivedSyslogMessage]) async {
        let previous = turn
        let mine = Task {
            await previous?.value
            await self.start(batch)
        }
        turn = mine
        await mine.value
    }

    private func start(_ batch: [ReceivedSyslogMessage]) async {
        let (drafts, signals) = await prepare(batch)
        let previous = inFlight.last
        inFlight.append(Task {
            await self.write(drafts)
            // Signals go to the pipeline in the order their messages arrived.
            await previous?.value
            await self.handle(signals)
        })
        while inFlight.count >= Self.batchesInFlight { await inFlight.removeFirst().value }
    }

    private func drain() async {
        await turn?.value
        while !inFlight.isEmpty { await inFlight.removeFirst().value }
    }

    private func prepare(_ batch: [ReceivedSyslogMessage]) async -> ([SyslogRecordDraft], [(AlertPipeline.DeviceContext, AlertSignal)]) {
        var drafts: [SyslogRecordDraft] = []
        drafts.reserveCapacity(batch.count)
        var signals: [(AlertPipeline.DeviceContext, AlertSignal)] = []
        // One lookup per source address and batch, not one actor hop per message.
        var contexts: [String: AlertPipeline.DeviceContext?] = [:]
        for received in batch {
            let message = received.message
            let source = received.source.ipAddress ?? "?"
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

    /// A notification from the trap receiver: stored with its varbinds, mapped to a signal.
    public func trap(_ content: NotificationContent, version: String, source: String) async {
        let context = await sink.context(forSource: source)
        let varbinds = "[" + content.varBinds.map { "{\"oid\":\"\($0.oid)\",\"type\":\"\($0.value.typeName)\",\"value\":\(Self.jsonString(Self.text($0.value)))}" }
            .joined(separator: ",") + "]"
        _ = try? await store.traps.record([TrapRecordDraft(deviceID: context?.deviceID, receivedAt: Date(), sourceAddress: source,
                                                            version: version, trapOID: content.trapOID.description, varbindsJSON: varbinds)])
        guard let context else { return }
        let event = TrapEvent.map(content)
        let key = context.settings.key
        let name = event.name ?? content.trapOID.description
        var signal: AlertSignal?
        switch event.kind {
        case .linkDown, .linkUp:
            if let index = event.ifIndex {
                signal = AlertSignal(device: key, kind: .interfaceDown, severity: .warning, interface: UInt32(index),
                                     message: "ifIndex \(index) \(event.kind == .linkDown ? "went down" : "came up") (trap \(name))",
                                     resolved: event.kind == .linkUp)
            }
        case .configChanged: signal = AlertSignal(device: key, kind: .configChanged, severity: .info, message: "configuration changed (trap \(name))")
        case .reboot: signal = AlertSignal(device: key, kind: .reboot, severity: .warning, message: "restarted (trap \(name))")
        case .loginFailure: signal = AlertSignal(device: key, kind: .loginFailure, severity: .warning, message: "authentication failure (trap \(name))")
        case .hardwareFault: signal = AlertSignal(device: key, kind: .hardwareFault, severity: .critical, message: "hardware fault (trap \(name))")
        case .other: signal = nil
        }
        if let signal { try? await pipeline.handle([signal], device: context, source: .trap) }
        switch event.kind {
        case .linkDown, .linkUp, .reboot, .configChanged: await repoll(key)
        case .loginFailure, .hardwareFault, .other: break
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
private final class PendingBatch: Sendable {
    private let state = Mutex<(items: [ReceivedSyslogMessage], since: ContinuousClock.Instant?)>(([], nil))

    /// Adds a message; returns the batch once it has `limit` messages.
    func append(_ message: ReceivedSyslogMessage, limit: Int) -> [ReceivedSyslogMessage]? {
        state.withLock { s in
            if s.since == nil { s.since = .now }
            s.items.append(message)
            return s.items.count >= limit ? Self.take(&s) : nil
        }
    }

    func takeIfOlder(than age: Duration) -> [ReceivedSyslogMessage]? {
        state.withLock { s in
            guard let since = s.since, ContinuousClock.now - since >= age else { return nil }
            return Self.take(&s)
        }
    }

    func takeAll() -> [ReceivedSyslogMessage] { state.withLock { Self.take(&$0) } }

    private static func take(_ s: inout (items: [ReceivedSyslogMessage], since: ContinuousClock.Instant?)) -> [ReceivedSyslogMessage] {
        let items = s.items
        s = ([], nil)
        return items
    }
}
