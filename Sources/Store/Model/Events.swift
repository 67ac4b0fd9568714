public import Foundation

/// Where an event came from.
public enum EventSource: String, Sendable, CaseIterable {
    case poll, syslog, trap, discovery, system
}

/// Severities as syslog numbers them (RFC 5424: 0 emergency … 7 debug); lower is worse.
public typealias Severity = Int64

/// Something that happened on a device or interface.
public struct EventDraft: Sendable, Hashable {
    public var kind: String
    public var deviceID: Int64?
    public var interfaceID: Int64?
    public var severity: Severity
    public var at: Date
    public var message: String
    /// A JSON object as text (the trap varbinds, the syslog fields, the threshold crossed …).
    public var detailsJSON: String?
    public var source: EventSource

    public init(
        kind: String, deviceID: Int64? = nil, interfaceID: Int64? = nil, severity: Severity, at: Date,
        message: String, detailsJSON: String? = nil, source: EventSource
    ) {
        self.kind = kind
        self.deviceID = deviceID
        self.interfaceID = interfaceID
        self.severity = severity
        self.at = at
        self.message = message
        self.detailsJSON = detailsJSON
        self.source = source
    }
}

public struct Event: Sendable, Hashable {
    public var id: Int64
    public var draft: EventDraft
}

public enum AlertState: String, Sendable, CaseIterable {
    case open, acknowledged, resolved
}

/// An alert to raise. Alerts with the same `dedupKey` that are not resolved are one alert.
public struct AlertDraft: Sendable, Hashable {
    public var dedupKey: String
    public var kind: String
    public var tenantID: Int64?
    public var deviceID: Int64?
    public var interfaceID: Int64?
    public var severity: Severity
    public var title: String
    public var at: Date
    public var parentID: Int64?

    public init(
        dedupKey: String, kind: String, tenantID: Int64? = nil, deviceID: Int64? = nil, interfaceID: Int64? = nil,
        severity: Severity, title: String, at: Date, parentID: Int64? = nil
    ) {
        self.dedupKey = dedupKey
        self.kind = kind
        self.tenantID = tenantID
        self.deviceID = deviceID
        self.interfaceID = interfaceID
        self.severity = severity
        self.title = title
        self.at = at
        self.parentID = parentID
    }
}

public struct Alert: Sendable, Hashable {
    public var id: Int64
    public var dedupKey: String
    public var kind: String
    public var tenantID: Int64?
    public var deviceID: Int64?
    public var interfaceID: Int64?
    public var severity: Severity
    public var title: String
    public var state: AlertState
    public var openedAt: Date
    public var lastSeenAt: Date
    /// How many times it was raised while unresolved.
    public var occurrences: Int64
    public var acknowledgedAt: Date?
    public var acknowledgedBy: String?
    public var resolvedAt: Date?
    /// The root-cause alert this one sits under (a device behind a down parent).
    public var parentID: Int64?
}

/// The result of raising an alert: the alert, and whether this raise opened it.
public struct AlertRaise: Sendable, Hashable {
    public var alert: Alert
    public var opened: Bool
}

/// A notification for the outbox.
public struct NotificationDraft: Sendable, Hashable {
    public var channel: String
    /// The payload as JSON text, rendered by the caller for the channel.
    public var payloadJSON: String
    public init(channel: String, payloadJSON: String) {
        self.channel = channel
        self.payloadJSON = payloadJSON
    }
}

public struct OutboxMessage: Sendable, Hashable {
    public var id: Int64
    public var channel: String
    public var payloadJSON: String
    public var alertID: Int64?
    public var createdAt: Date
    public var attempts: Int64
    /// nil once delivered or given up.
    public var nextAttemptAt: Date?
    public var deliveredAt: Date?
    public var gaveUpAt: Date?
    public var lastError: String?
}

/// Back-off between delivery attempts: base × 2^(attempts−1), capped; give up after `maxAttempts`.
public struct RetryPolicy: Sendable, Hashable {
    public var base: TimeInterval
    public var cap: TimeInterval
    public var maxAttempts: Int64
    public init(base: TimeInterval = 10, cap: TimeInterval = 3600, maxAttempts: Int64 = 50) {
        self.base = base
        self.cap = cap
        self.maxAttempts = maxAttempts
    }

    public func delay(afterAttempt attempts: Int64) -> TimeInterval {
        let exponent = Double(max(0, min(attempts - 1, 40)))
        return min(cap, base * pow(2, exponent))
    }
}
