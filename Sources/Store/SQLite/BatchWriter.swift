import Foundation
import GRDB

/// The store's one writer: operations from any task are queued and committed together in one
/// transaction when the batch reaches `maxWeight` rows or `maxDelay` after its first operation.
/// A batch first runs as plain statements (savepoints make FTS5 flush its pending terms, which
/// costs a third of syslog throughput); if any operation throws, the batch is rolled back and
/// run again with each operation in its own savepoint, so a failing one is rolled back alone
/// and its caller gets the error. Operations may therefore run twice: they must only touch the
/// database. Every caller resumes only after the batch is committed.
final class BatchWriter: @unchecked Sendable {
    struct Options: Sendable {
        var maxDelay: TimeInterval
        var maxWeight: Int
    }

    private struct Operation {
        var weight: Int
        /// Runs inside the batch's transaction; returns what to tell the caller once committed.
        /// Not isolated: an error propagates and aborts the batch; isolated: the operation runs in
        /// a savepoint and its error is the caller's answer.
        var execute: (Database, _ isolated: Bool) throws -> (@Sendable () -> Void)
        /// Tells the caller the batch failed.
        var fail: @Sendable (any Error) -> Void
        var isFlush: Bool
    }

    private let pool: DatabasePool
    private let options: Options
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var pending: [Operation] = []
    private var pendingWeight = 0
    private var firstQueuedAt = Date.distantFuture
    private var flushRequested = false
    private var closing = false
    private var finished = false
    private var closeWaiters: [CheckedContinuation<Void, Never>] = []
    private var committedBatches = 0

    init(pool: DatabasePool, options: Options) {
        self.pool = pool
        self.options = options
        let thread = Thread { [self] in run() }
        thread.name = "netwarden.store.writer"
        thread.start()
    }

    /// Batches committed so far (tests and metrics).
    var batches: Int {
        condition.lock()
        defer { condition.unlock() }
        return committedBatches
    }

    /// Queues `body` and returns its result once its batch is committed.
    func write<T: Sendable>(weight: Int = 1, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let operation = Operation(
                weight: max(1, weight),
                execute: { db, isolated in
                    if !isolated {
                        let value = try body(db)
                        return { continuation.resume(returning: value) }
                    }
                    do {
                        var result: T?
                        try db.inSavepoint {
                            result = try body(db)
                            return .commit
                        }
                        let value = result!
                        return { continuation.resume(returning: value) }
                    } catch {
                        return { continuation.resume(throwing: error) }
                    }
                },
                fail: { continuation.resume(throwing: $0) },
                isFlush: false)
            enqueue(operation)
        }
    }

    /// Returns once everything queued before it is committed.
    func flush() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            enqueue(
                Operation(
                    weight: 0, execute: { _, _ in { continuation.resume() } },
                    fail: { continuation.resume(throwing: $0) }, isFlush: true))
        }
    }

    /// Commits what is queued, then stops the writer thread.
    func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            if finished {
                condition.unlock()
                continuation.resume()
                return
            }
            closing = true
            closeWaiters.append(continuation)
            condition.broadcast()
            condition.unlock()
        }
    }

    private func enqueue(_ operation: Operation) {
        condition.lock()
        if closing || finished {
            condition.unlock()
            operation.fail(StoreError.closed)
            return
        }
        if pending.isEmpty { firstQueuedAt = Date() }
        pending.append(operation)
        pendingWeight += operation.weight
        if operation.isFlush { flushRequested = true }
        if operation.isFlush || pendingWeight >= options.maxWeight || pending.count == 1 { condition.signal() }
        condition.unlock()
    }

    private func run() {
        StoreThread.become("nw-store-writer")
        while true {
            condition.lock()
            while pending.isEmpty && !closing { condition.wait() }
            if pending.isEmpty && closing {
                finished = true
                let waiters = closeWaiters
                closeWaiters = []
                condition.unlock()
                for waiter in waiters { waiter.resume() }
                return
            }
            let deadline = firstQueuedAt.addingTimeInterval(options.maxDelay)
            while !closing && !flushRequested && pendingWeight < options.maxWeight && Date() < deadline {
                _ = condition.wait(until: deadline)
            }
            let batch = pending
            pending = []
            pendingWeight = 0
            flushRequested = false
            condition.unlock()
            commit(batch)
        }
    }

    private func commit(_ batch: [Operation]) {
        var replies: [@Sendable () -> Void]
        do {
            replies = try run(batch, isolated: false)
        } catch {
            do {
                replies = try run(batch, isolated: true)
            } catch {
                for operation in batch { operation.fail(error) }
                return
            }
        }
        condition.lock()
        committedBatches += 1
        condition.unlock()
        for reply in replies { reply() }
    }

    private func run(_ batch: [Operation], isolated: Bool) throws -> [@Sendable () -> Void] {
        var replies: [@Sendable () -> Void] = []
        replies.reserveCapacity(batch.count)
        try pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                for operation in batch { replies.append(try operation.execute(db, isolated)) }
                return .commit
            }
        }
        return replies
    }
}
