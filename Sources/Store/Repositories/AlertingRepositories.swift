public import Foundation

public protocol EventRepository: Sendable {
    /// Records events; returns their ids in order.
    @discardableResult
    func record(_ events: [EventDraft]) async throws -> [Int64]
    /// Newest first.
    func events(deviceID: Int64?, since: Date?, limit: Int) async throws -> [Event]
    func prune(now: Date, policy: RetentionPolicy) async throws -> PruneCounts
}

/// Alerts and their lifecycle. Each change that notifies enqueues its notifications in the same
/// transaction as the change: the alert and its outbox rows are committed together or not at all.
public protocol AlertRepository: Sendable {
    /// Opens an alert, or, if one with the same dedup key is unresolved, counts another occurrence.
    /// Evidence events are linked either way; `notifications` are enqueued only when it opens.
    func raise(_ draft: AlertDraft, evidence: [Int64], notifications: [NotificationDraft]) async throws -> AlertRaise
    /// Open → acknowledged. Returns nil when there is no such unresolved alert.
    @discardableResult
    func acknowledge(alertID: Int64, by: String, at: Date, notifications: [NotificationDraft]) async throws -> Alert?
    /// Resolves the unresolved alert with this dedup key; nil when there is none.
    @discardableResult
    func resolve(dedupKey: String, at: Date, notifications: [NotificationDraft]) async throws -> Alert?
    func setParent(alertID: Int64, parentID: Int64?) async throws
    func addEvidence(alertID: Int64, eventIDs: [Int64]) async throws

    func alert(id: Int64) async throws -> Alert?
    func unresolved(dedupKey: String) async throws -> Alert?
    /// Newest first; `states` nil means all.
    func alerts(states: Set<AlertState>?, deviceID: Int64?, limit: Int) async throws -> [Alert]
    func children(of alertID: Int64) async throws -> [Alert]
    /// Oldest first.
    func evidence(alertID: Int64) async throws -> [Event]
    /// Removes alerts resolved before the retention (their evidence links go with them).
    func prune(now: Date, policy: RetentionPolicy) async throws -> PruneCounts
}

/// The durable notification outbox. A deliverer claims due messages for a lease, then marks each
/// delivered or failed; a claim whose deliverer died is claimable again when its lease ends.
public protocol OutboxRepository: Sendable {
    /// Enqueues notifications not tied to an alert change.
    func enqueue(_ notifications: [NotificationDraft], at: Date) async throws
    /// Claims up to `limit` messages due at `now` (oldest due first), for `lease` seconds;
    /// counts an attempt on each.
    func claim(limit: Int, now: Date, lease: TimeInterval) async throws -> [OutboxMessage]
    func markDelivered(id: Int64, at: Date) async throws
    /// Records the failure and schedules the next attempt by the policy, or gives up.
    func markFailed(id: Int64, error: String, at: Date, policy: RetryPolicy) async throws
    /// Messages neither delivered nor given up.
    func pendingCount() async throws -> Int
    func message(id: Int64) async throws -> OutboxMessage?
    func prune(now: Date, policy: RetentionPolicy) async throws -> PruneCounts
}

/// Syslog messages with full-text search.
public protocol SyslogRepository: Sendable {
    @discardableResult
    func record(_ messages: [SyslogRecordDraft]) async throws -> [Int64]
    func search(_ query: SyslogQuery) async throws -> [SyslogRecord]
    func count() async throws -> Int
    func prune(now: Date, policy: RetentionPolicy) async throws -> PruneCounts
}

public protocol TrapRepository: Sendable {
    @discardableResult
    func record(_ traps: [TrapRecordDraft]) async throws -> [Int64]
    /// Newest first.
    func traps(deviceID: Int64?, since: Date?, limit: Int) async throws -> [TrapRecord]
    func prune(now: Date, policy: RetentionPolicy) async throws -> PruneCounts
}
