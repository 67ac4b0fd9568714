import Foundation
import Store
import Testing

struct WriterTests {
    @Test func concurrentWritesShareBatches() async throws {
        let database = try TempDatabase()
        defer { database.cleanUp() }
        let store = try database.open(.init(batchDelay: 0.2, batchRows: 1_000_000))
        let device = try await demoDevice(store)
        let before = store.committedBatches
        // 200 callers at once: each returns only after a commit, and they share a few transactions.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<200 {
                group.addTask {
                    _ = try await store.events.record([
                        EventDraft(kind: "k", deviceID: device.id, severity: 6, at: t0, message: "m\(n)", source: .system)
                    ])
                }
            }
            try await group.waitForAll()
        }
        let batches = store.committedBatches - before
        #expect(batches >= 1 && batches <= 5, "200 writes took \(batches) transactions")
        #expect(try await store.events.events(deviceID: device.id, since: nil, limit: 1000).count == 200)
        try await store.close()
    }

    @Test func aFailingWriteDoesNotSinkItsBatch() async throws {
        let database = try TempDatabase()
        defer { database.cleanUp() }
        let store = try database.open(.init(batchDelay: 0.5, batchRows: 1_000_000))
        let before = store.committedBatches
        let good = Task { try await store.outbox.enqueue([NotificationDraft(channel: "a", payloadJSON: "{}")], at: t0) }
        let bad = Task { try await store.outbox.enqueue([NotificationDraft(channel: "b", payloadJSON: "{")], at: t0) }
        try await good.value
        await #expect(throws: (any Error).self) { try await bad.value }
        #expect(store.committedBatches - before == 1)  // one transaction, one write rolled back alone
        #expect(try await store.outbox.pendingCount() == 1)
        try await store.close()
    }

    @Test func closeDrainsQueuedWritesAndRefusesLaterOnes() async throws {
        let database = try TempDatabase()
        defer { database.cleanUp() }
        // A long batch delay: only close() can commit these in time.
        let store = try database.open(.init(batchDelay: 30, batchRows: 1_000_000))
        let tenant = Task { try await store.devices.ensureTenant("drained") }
        let queued = (0..<50).map { n in
            Task { try await store.outbox.enqueue([NotificationDraft(channel: "c\(n)", payloadJSON: "{}")], at: t0) }
        }
        try await Task.sleep(for: .milliseconds(200))
        let started = Date()
        try await store.close()
        #expect(Date().timeIntervalSince(started) < 10)
        _ = try await tenant.value
        for task in queued { try await task.value }
        await #expect(throws: StoreError.closed) { _ = try await store.devices.ensureTenant("late") }

        let reopened = try database.open()
        #expect(try await reopened.outbox.pendingCount() == 50)
        #expect(try await reopened.devices.tenants().map(\.name) == ["drained"])
        try await reopened.close()
    }

    @Test func flushWaitsForQueuedWrites() async throws {
        let database = try TempDatabase()
        defer { database.cleanUp() }
        let store = try database.open(.init(batchDelay: 30, batchRows: 1_000_000))
        let write = Task { try await store.outbox.enqueue([NotificationDraft(channel: "x", payloadJSON: "{}")], at: t0) }
        try await Task.sleep(for: .milliseconds(100))
        try await store.flush()
        try await write.value
        #expect(try await store.outbox.pendingCount() == 1)
        try await store.close()
    }
}
