import Foundation
import Store
import Testing

struct AlertTests {
    static let webhook = NotificationDraft(channel: "ops-webhook", payloadJSON: #"{"text":"core-1 Gi0/1 down"}"#)

    func linkDown(_ device: Device, at: Date) -> AlertDraft {
        AlertDraft(dedupKey: "if-down:\(device.id):1", kind: "interface-down", deviceID: device.id, severity: 3, title: "Gi0/1 down", at: at)
    }

    @Test func unresolvedAlertsDeduplicateAndReopenAfterResolve() async throws {
        try await withStore { store, _ in
            let device = try await demoDevice(store)
            let events = try await store.events.record([
                EventDraft(kind: "link-down", deviceID: device.id, severity: 3, at: t0, message: "poll: oper down", source: .poll),
                EventDraft(kind: "link-down", deviceID: device.id, severity: 3, at: t0 + 1, message: "trap linkDown", detailsJSON: #"{"ifIndex":1}"#, source: .trap),
                EventDraft(kind: "link-down", deviceID: device.id, severity: 3, at: t0 + 2, message: "%LINK-3-UPDOWN", source: .syslog),
            ])
            let first = try await store.alerts.raise(linkDown(device, at: t0), evidence: [events[0]], notifications: [Self.webhook])
            let second = try await store.alerts.raise(linkDown(device, at: t0 + 1), evidence: [events[1]], notifications: [Self.webhook])
            let third = try await store.alerts.raise(linkDown(device, at: t0 + 2), evidence: [events[2], events[0]], notifications: [Self.webhook])
            #expect(first.opened && !second.opened && !third.opened)
            #expect(second.alert.id == first.alert.id && third.alert.id == first.alert.id)
            #expect(third.alert.occurrences == 3 && third.alert.lastSeenAt == t0 + 2 && third.alert.openedAt == t0)
            // One alert, three pieces of evidence, one notification.
            let evidence = try await store.alerts.evidence(alertID: first.alert.id)
            #expect(evidence.map(\.draft.source) == [.poll, .trap, .syslog])
            #expect(try await store.outbox.pendingCount() == 1)

            let acked = try #require(try await store.alerts.acknowledge(alertID: first.alert.id, by: "tech", at: t0 + 10, notifications: []))
            #expect(acked.state == .acknowledged && acked.acknowledgedBy == "tech")
            #expect(try await store.alerts.acknowledge(alertID: first.alert.id, by: "tech", at: t0 + 11, notifications: []) == nil)
            // Still deduplicated while acknowledged.
            #expect(!(try await store.alerts.raise(linkDown(device, at: t0 + 20), evidence: [], notifications: [])).opened)

            let resolved = try #require(try await store.alerts.resolve(dedupKey: "if-down:\(device.id):1", at: t0 + 30, notifications: [Self.webhook]))
            #expect(resolved.state == .resolved && resolved.resolvedAt == t0 + 30)
            #expect(try await store.alerts.resolve(dedupKey: "if-down:\(device.id):1", at: t0 + 31, notifications: []) == nil)
            #expect(try await store.outbox.pendingCount() == 2)

            // The same key after resolution opens a new alert.
            let again = try await store.alerts.raise(linkDown(device, at: t0 + 100), evidence: [], notifications: [Self.webhook])
            #expect(again.opened && again.alert.id != first.alert.id)
            #expect(try await store.alerts.unresolved(dedupKey: "if-down:\(device.id):1")?.id == again.alert.id)
            #expect(try await store.alerts.alerts(states: [.resolved], deviceID: device.id, limit: 10).map(\.id) == [first.alert.id])
            #expect(try await store.alerts.alerts(states: nil, deviceID: nil, limit: 10).count == 2)
        }
    }

    @Test func outboxRowsCommitWithTheAlertOrNotAtAll() async throws {
        try await withStore { store, _ in
            let device = try await demoDevice(store)
            // A payload that is not JSON fails the whole raise: no alert, no notification.
            let bad = NotificationDraft(channel: "ops-webhook", payloadJSON: "{not json")
            await #expect(throws: (any Error).self) {
                _ = try await store.alerts.raise(linkDown(device, at: t0), evidence: [], notifications: [Self.webhook, bad])
            }
            #expect(try await store.alerts.unresolved(dedupKey: "if-down:\(device.id):1") == nil)
            #expect(try await store.outbox.pendingCount() == 0)

            let raised = try await store.alerts.raise(linkDown(device, at: t0), evidence: [], notifications: [Self.webhook, Self.webhook])
            let claimed = try await store.outbox.claim(limit: 10, now: t0, lease: 30)
            #expect(claimed.count == 2 && claimed.allSatisfy { $0.alertID == raised.alert.id && $0.attempts == 1 })
            #expect(claimed[0].payloadJSON == Self.webhook.payloadJSON)
        }
    }

    @Test func rootCauseParentAndChildren() async throws {
        try await withStore { store, _ in
            let router = try await demoDevice(store, address: "10.0.0.1")
            let sw = try await demoDevice(store, address: "10.0.0.2")
            let root = try await store.alerts.raise(
                AlertDraft(dedupKey: "down:\(router.id)", kind: "device-down", deviceID: router.id, severity: 2, title: "router down", at: t0),
                evidence: [], notifications: [])
            let child = try await store.alerts.raise(
                AlertDraft(dedupKey: "down:\(sw.id)", kind: "device-unreachable", deviceID: sw.id, severity: 4, title: "behind router", at: t0, parentID: root.alert.id),
                evidence: [], notifications: [])
            #expect(child.alert.parentID == root.alert.id)
            #expect(try await store.alerts.children(of: root.alert.id).map(\.id) == [child.alert.id])
            try await store.alerts.setParent(alertID: child.alert.id, parentID: nil)
            #expect(try await store.alerts.children(of: root.alert.id).isEmpty)
        }
    }

    @Test func pruneKeepsUnresolvedAlertsAndTheirEvidence() async throws {
        try await withStore { store, _ in
            let device = try await demoDevice(store)
            let ids = try await store.events.record([
                EventDraft(kind: "a", deviceID: device.id, severity: 3, at: t0, message: "old evidence", source: .poll),
                EventDraft(kind: "b", deviceID: device.id, severity: 6, at: t0, message: "old", source: .poll),
            ])
            _ = try await store.alerts.raise(linkDown(device, at: t0), evidence: [ids[0]], notifications: [])
            let other = AlertDraft(dedupKey: "x", kind: "x", severity: 5, title: "x", at: t0)
            _ = try await store.alerts.raise(other, evidence: [], notifications: [])
            try await store.alerts.resolve(dedupKey: "x", at: t0, notifications: [])
            let later = t0 + 500 * RetentionPolicy.day
            #expect(try await store.events.prune(now: later, policy: RetentionPolicy())["events"] == 1)
            #expect(try await store.alerts.prune(now: later, policy: RetentionPolicy())["alerts"] == 1)
            #expect(try await store.events.events(deviceID: device.id, since: nil, limit: 10).map(\.id) == [ids[0]])
        }
    }
}
