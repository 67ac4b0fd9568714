import Foundation
import Store
import Testing

struct OutboxTests {
    @Test func claimBackOffDeliverAndSurviveReopen() async throws {
        let database = try TempDatabase()
        defer { database.cleanUp() }
        var store = try database.open()
        try await store.outbox.enqueue(
            [NotificationDraft(channel: "hook", payloadJSON: #"{"n":1}"#), NotificationDraft(channel: "mail", payloadJSON: #"{"n":2}"#)],
            at: t0)
        let policy = RetryPolicy(base: 10, cap: 60, maxAttempts: 4)

        // Claimed messages are invisible to another deliverer until the lease ends.
        let claimed = try await store.outbox.claim(limit: 10, now: t0, lease: 30)
        #expect(claimed.map(\.channel) == ["hook", "mail"])
        #expect(try await store.outbox.claim(limit: 10, now: t0 + 5, lease: 30).isEmpty)
        try await store.outbox.markDelivered(id: claimed[1].id, at: t0 + 1)
        try await store.outbox.markFailed(id: claimed[0].id, error: "connection refused", at: t0 + 1, policy: policy)
        var failed = try #require(try await store.outbox.message(id: claimed[0].id))
        #expect(failed.nextAttemptAt == t0 + 11 && failed.lastError == "connection refused" && failed.attempts == 1)
        #expect(try await store.outbox.claim(limit: 10, now: t0 + 10, lease: 30).isEmpty)  // backing off

        // A deliverer claims it again and dies (the store is closed mid-lease); after reopening,
        // the message is claimable once the lease has run out.
        #expect(try await store.outbox.claim(limit: 10, now: t0 + 11, lease: 30).map(\.id) == [claimed[0].id])
        try await store.close()
        store = try database.open()
        #expect(try await store.outbox.pendingCount() == 1)
        #expect(try await store.outbox.claim(limit: 10, now: t0 + 20, lease: 30).isEmpty)
        let retried = try await store.outbox.claim(limit: 10, now: t0 + 41, lease: 30)
        #expect(retried.map(\.id) == [claimed[0].id] && retried[0].attempts == 3)

        // Back-off doubles: after attempt 3 the wait is 40 s; attempt 4 is the last.
        try await store.outbox.markFailed(id: claimed[0].id, error: "503", at: t0 + 42, policy: policy)
        failed = try #require(try await store.outbox.message(id: claimed[0].id))
        #expect(failed.nextAttemptAt == t0 + 82)
        _ = try await store.outbox.claim(limit: 10, now: t0 + 82, lease: 30)
        try await store.outbox.markFailed(id: claimed[0].id, error: "503", at: t0 + 83, policy: policy)
        failed = try #require(try await store.outbox.message(id: claimed[0].id))
        #expect(failed.gaveUpAt == t0 + 83 && failed.nextAttemptAt == nil && failed.attempts == 4)
        #expect(try await store.outbox.pendingCount() == 0)
        #expect(try await store.outbox.message(id: claimed[1].id)?.deliveredAt == t0 + 1)

        #expect(try await store.outbox.prune(now: t0 + 8 * RetentionPolicy.day, policy: RetentionPolicy())["outbox"] == 2)
        try await store.close()
    }

    @Test func retryPolicyDoublesUpToTheCap() {
        let policy = RetryPolicy(base: 10, cap: 3600)
        #expect((1...10).map { policy.delay(afterAttempt: $0) } == [10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600])
    }
}
