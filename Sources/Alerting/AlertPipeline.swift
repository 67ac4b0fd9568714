public import Config
public import Store
public import Foundation

/// Turns signals into alerts: every signal becomes an event; a raised condition opens (or counts
/// again) one alert per dedup key and a cleared one resolves it. Notifications for the routes
/// that match are written to the outbox in the same transaction as the alert change. A device
/// whose parent is down is "unreachable" under the parent's alert and notifies nobody; a device
/// in maintenance keeps its history but notifies nobody.
public actor AlertPipeline {
    /// Where a signal's device sits, resolved by the caller from the store.
    public struct DeviceContext: Sendable {
        public var deviceID: Int64
        public var tenantID: Int64
        public var name: String
        public var settings: EffectiveDeviceSettings
        /// Store ids of interfaces by ifIndex.
        public var interfaceIDs: [UInt32: Int64]

        public init(deviceID: Int64, tenantID: Int64, name: String, settings: EffectiveDeviceSettings, interfaceIDs: [UInt32: Int64] = [:]) {
            self.deviceID = deviceID
            self.tenantID = tenantID
            self.name = name
            self.settings = settings
            self.interfaceIDs = interfaceIDs
        }
    }

    private let store: any Store
    private let config: @Sendable () -> NetwardenConfig

    public init(store: any Store, config: @escaping @Sendable () -> NetwardenConfig) {
        self.store = store
        self.config = config
    }

    public static func storeSeverity(_ severity: AlertSeverity) -> Severity {
        switch severity {
        case .critical: 2
        case .warning: 4
        case .info: 6
        }
    }

    public func handle(_ signals: [AlertSignal], device: DeviceContext, source: EventSource = .poll, at date: Date = Date()) async throws {
        guard !signals.isEmpty else { return }
        let drafts = signals.map { signal in
            EventDraft(kind: signal.kind.rawValue, deviceID: device.deviceID, interfaceID: signal.interface.flatMap { device.interfaceIDs[$0] },
                       severity: Self.storeSeverity(signal.severity), at: date, message: signal.message,
                       detailsJSON: signal.resolved ? "{\"resolved\":true}" : nil, source: source)
        }
        let eventIDs = try await store.events.record(drafts)
        let silenced = device.settings.inMaintenance(at: date)
        for (signal, eventID) in zip(signals, eventIDs) {
            if signal.resolved {
                // Children waiting under this device's outage come back with it.
                if signal.kind == .deviceDown, let parent = try await store.alerts.unresolved(dedupKey: signal.dedupKey) {
                    for child in try await store.alerts.children(of: parent.id) {
                        try await store.alerts.resolve(dedupKey: child.dedupKey, at: date, notifications: [])
                    }
                }
                guard let open = try await store.alerts.unresolved(dedupKey: signal.dedupKey) else { continue }
                // Only alerts someone was told about get a "resolved" message.
                let notices = (silenced || open.parentID != nil) ? []
                    : notifications(for: signal, device: device, action: .resolved, alertID: open.id, at: date)
                try await store.alerts.resolve(dedupKey: signal.dedupKey, at: date, notifications: notices)
                continue
            }
            var kind = signal.kind
            var parentAlertID: Int64?
            if signal.kind == .deviceDown, let parentKey = device.settings.parent {
                let parentDedup = AlertSignal(device: parentKey, kind: .deviceDown, severity: .critical, message: "").dedupKey
                if let parentAlert = try await store.alerts.unresolved(dedupKey: parentDedup) {
                    kind = .deviceUnreachable
                    parentAlertID = parentAlert.id
                }
            }
            var raised = signal
            raised.kind = kind
            let draft = AlertDraft(dedupKey: signal.dedupKey, kind: kind.rawValue, tenantID: device.tenantID, deviceID: device.deviceID,
                                   interfaceID: signal.interface.flatMap { device.interfaceIDs[$0] },
                                   severity: Self.storeSeverity(signal.severity), title: signal.message, at: date, parentID: parentAlertID)
            // The alert id is not known before the insert; notifications carry the dedup key and
            // are written in the same transaction.
            let notices = (silenced || parentAlertID != nil) ? [] : notifications(for: raised, device: device, action: .raised, alertID: nil, at: date)
            _ = try await store.alerts.raise(draft, evidence: [eventID], notifications: notices)
        }
    }

    /// A site's signal: an event with no device (its details name the site), and an alert of the
    /// tenant, raised once per dedup key while unresolved, notified unless the site is in
    /// maintenance.
    public func handle(_ signal: SiteSignal, tenantID: Int64, source: EventSource, at date: Date = Date()) async throws {
        let eventIDs = try await store.events.record([
            EventDraft(kind: signal.kind.rawValue, deviceID: nil, severity: Self.storeSeverity(signal.severity), at: date,
                       message: signal.message, detailsJSON: signal.detailsJSON, source: source),
        ])
        let current = config()
        let silenced = current.siteMaintenance(tenant: signal.tenant, site: signal.site).contains { $0.isActive(at: date) }
        var notices: [NotificationDraft] = []
        if !silenced {
            let notice = AlertNotice(action: .raised, alertID: nil, kind: signal.kind.rawValue, severity: signal.severity.rawValue,
                                     tenant: signal.tenant, site: signal.site, device: signal.subject, address: signal.address ?? "",
                                     interface: nil, message: signal.message, dedupKey: signal.dedupKey, at: date)
            notices = current.channels(tenant: signal.tenant, site: signal.site, kind: signal.kind, severity: signal.severity)
                .map { NotificationDraft(channel: $0.name, payloadJSON: notice.payload(for: $0.kind)) }
        }
        let draft = AlertDraft(dedupKey: signal.dedupKey, kind: signal.kind.rawValue, tenantID: tenantID, deviceID: nil,
                               severity: Self.storeSeverity(signal.severity), title: signal.message, at: date)
        _ = try await store.alerts.raise(draft, evidence: eventIDs, notifications: notices)
    }

    /// Acknowledges an alert (API). No notification is sent for an acknowledgement yet.
    public func acknowledge(alertID: Int64, by who: String, at date: Date = Date()) async throws -> Alert? {
        try await store.alerts.acknowledge(alertID: alertID, by: who, at: date, notifications: [])
    }

    func notifications(for signal: AlertSignal, device: DeviceContext, action: AlertNotice.Action, alertID: Int64?, at date: Date) -> [NotificationDraft] {
        let current = config()
        let key = signal.device
        let notice = AlertNotice(action: action, alertID: alertID, kind: signal.kind.rawValue, severity: signal.severity.rawValue,
                                 tenant: key.tenant, site: key.site, device: device.name, address: key.address.description,
                                 interface: signal.interface, message: signal.message, dedupKey: signal.dedupKey, at: date)
        return current.channels(tenant: key.tenant, site: key.site, kind: signal.kind, severity: signal.severity)
            .filter(\.enabled)
            .map { NotificationDraft(channel: $0.name, payloadJSON: notice.payload(for: $0.kind)) }
    }
}
